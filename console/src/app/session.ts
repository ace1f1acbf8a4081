import { useSyncExternalStore } from 'react';

/**
 * The signed-in agent, kept in sessionStorage: one tab, gone when it closes. The token is sent
 * as a bearer token (never a cookie), so other sites' requests carry no credentials.
 */
export interface Session {
  token: string;
  name: string;
  roles: string[];
  /** ISO instant at which the token expires. */
  expiresAt: string;
  /**
   * How the agent signed in: `oidc` sessions are renewed with the provider's refresh token (kept by
   * oidc-client-ts in sessionStorage) when the token nears its end; `dev` (the default) ones are not.
   */
  kind?: 'dev' | 'oidc';
}

const KEY = 'ckb.session';
const CHANGED = 'ckb:session';

function read(): string | null {
  return window.sessionStorage.getItem(KEY);
}

/** The stored session, expired or not (the token to renew, or to send and have refused). */
export function storedSession(): Session | undefined {
  const raw = read();
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as Session;
    return typeof session.token === 'string' ? session : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The current session, or undefined when signed out or expired. An OIDC session counts while it is
 * stored: its token is renewed before use (src/auth/expiry.ts), or the agent is sent to sign in.
 */
export function currentSession(now: Date = new Date()): Session | undefined {
  const session = storedSession();
  if (!session || (session.kind !== 'oidc' && new Date(session.expiresAt) <= now)) return undefined;
  return session;
}

export function saveSession(session: Session): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(session));
  window.dispatchEvent(new Event(CHANGED));
}

export function clearSession(): void {
  window.sessionStorage.removeItem(KEY);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | undefined {
  const raw = useSyncExternalStore(subscribe, read);
  return raw ? currentSession() : undefined;
}
