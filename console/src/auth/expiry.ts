import { navigate } from '../app/router';
import { clearSession, storedSession } from '../app/session';
import type { Session } from '../app/session';
import { keepDraftsForSignIn } from './drafts';

/** An OIDC token with less than this left is renewed before it is sent. */
const RENEW_BEFORE_MS = 15_000;

let renewing: Promise<Session | undefined> | undefined;
let leaving = false;

/**
 * A fresh OIDC session from the provider's refresh token (one renewal at a time, shared by every
 * request that needs it), or undefined when it cannot be renewed (no refresh token, refused).
 */
export function renewSession(): Promise<Session | undefined> {
  renewing ??= import('./oidc')
    .then((oidc) => oidc.renewOidcSession())
    .catch(() => undefined)
    .finally(() => (renewing = undefined));
  return renewing;
}

/** The session to send: an OIDC one near its end is renewed first (when it can be). */
export async function sessionForRequest(now = Date.now()): Promise<Session | undefined> {
  const session = storedSession();
  if (session?.kind !== 'oidc' || new Date(session.expiresAt).getTime() - now > RENEW_BEFORE_MS)
    return session;
  return (await renewSession()) ?? session;
}

/**
 * The token was refused and cannot be renewed: keep what the agent typed, then sign in again and
 * come back here. OIDC: straight to the provider (which may know the agent and send them right
 * back); development: the sign-in page, saying the sign-in expired.
 */
export async function signInAgain(refused: Session): Promise<void> {
  // Answers to requests sent before the agent signed in again (or before the first refusal was
  // dealt with) must not send them off a second time.
  if (leaving || storedSession()?.token !== refused.token) return;
  leaving = true;
  keepDraftsForSignIn();
  const here = window.location.pathname + window.location.search;
  if (storedSession()?.kind === 'oidc') {
    try {
      const oidc = await import('./oidc');
      await oidc.startOidcSignIn(here);
      return; // the page is leaving for the provider
    } catch {
      // The provider cannot be reached: the sign-in page says so and offers to try again.
    }
  }
  clearSession();
  leaving = false;
  navigate(`/signin?expired=1&next=${encodeURIComponent(here)}`, { replace: true });
}

/** Signs out: forgets the session here and, for OIDC, ends it at the provider too. */
export async function signOut(): Promise<void> {
  const session = storedSession();
  clearSession();
  if (session?.kind === 'oidc') {
    const oidc = await import('./oidc');
    await oidc.oidcSignOut();
  }
}
