/**
 * Sign-in through the operator's OpenID Connect provider: authorization code with PKCE
 * (oidc-client-ts), tokens kept in this tab's sessionStorage. Loaded on demand (the sign-in page,
 * a renewal, sign-out), so the desk's first load does not carry it.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { User } from 'oidc-client-ts';
import { saveSession } from '../app/session';
import type { Session } from '../app/session';
import { authConfig } from './config';

let manager: Promise<UserManager> | undefined;

function userManager(): Promise<UserManager> {
  manager ??= authConfig().then((config) => {
    if (config.signIn !== 'oidc') throw new Error('this console does not sign in through OpenID Connect');
    const origin = window.location.origin;
    const store = new WebStorageStateStore({ store: window.sessionStorage });
    return new UserManager({
      authority: config.oidc.issuer,
      client_id: config.oidc.clientId,
      scope: config.oidc.scopes,
      response_type: 'code',
      redirect_uri: `${origin}/signin/callback`,
      post_logout_redirect_uri: `${origin}/signin`,
      userStore: store,
      stateStore: store,
      // Renewal is the console's call (src/auth/expiry.ts), with the refresh token only: no iframes.
      automaticSilentRenew: false,
      monitorSession: false,
      loadUserInfo: false,
    });
  });
  manager.catch(() => (manager = undefined));
  return manager;
}

/** Leaves for the provider's sign-in page; the callback returns to `next` (a console path). */
export async function startOidcSignIn(next: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: { next } });
}

const ROLE_NAMES: Record<string, string> = {
  AGENT: 'agent',
  EDITOR: 'editor',
  REVIEWER: 'reviewer',
  ADMIN: 'admin',
};

/** Who the API says the token's holder is: the roles it maps from the provider's claim. */
async function viewerRoles(token: string): Promise<string[]> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: '{ viewer { roles } }' }),
  });
  const body = (await response.json()) as {
    data?: { viewer?: { roles?: string[] } };
    errors?: Array<{ message: string }>;
  };
  if (!response.ok || !body.data?.viewer) {
    throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  return (body.data.viewer.roles ?? []).map((role) => ROLE_NAMES[role] ?? role.toLowerCase());
}

async function sessionOf(user: User): Promise<Session> {
  const profile = user.profile;
  const session: Session = {
    token: user.access_token,
    name: profile.name ?? profile.preferred_username ?? profile.sub,
    roles: await viewerRoles(user.access_token),
    expiresAt: new Date((user.expires_at ?? Date.now() / 1000 + 60) * 1000).toISOString(),
    kind: 'oidc',
  };
  saveSession(session);
  return session;
}

/**
 * Completes the sign-in on /signin/callback: trades the code (with the PKCE verifier) for tokens,
 * asks the API for the roles, keeps the session. Returns it and the console path to go back to.
 * @throws when the provider refuses, the state does not match, or the API refuses the token.
 */
export async function completeOidcSignIn(): Promise<{ session: Session; next: string }> {
  const user = await (await userManager()).signinRedirectCallback();
  const state = user.state as { next?: unknown } | undefined;
  return { session: await sessionOf(user), next: typeof state?.next === 'string' ? state.next : '/' };
}

/** A new access token from the refresh token; undefined when there is none or it is refused. */
export async function renewOidcSession(): Promise<Session | undefined> {
  const users = await userManager();
  const user = await users.getUser();
  if (!user?.refresh_token) return undefined;
  const renewed = await users.signinSilent();
  return renewed ? sessionOf(renewed) : undefined;
}

/** Forgets the tokens here and ends the provider's session (its logout page returns to /signin). */
export async function oidcSignOut(): Promise<void> {
  const users = await userManager();
  const user = await users.getUser();
  await users.removeUser();
  await users.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
}
