/** How people sign in, as the API says at GET /auth/config (src/http/auth-config.ts). */
export type AuthConfig =
  | { signIn: 'dev' }
  | { signIn: 'oidc'; oidc: { issuer: string; clientId: string; scopes: string } }
  | { signIn: 'none' };

let pending: Promise<AuthConfig> | undefined;

/** The sign-in in force, fetched once per page load (a failed fetch is retried on the next call). */
export function authConfig(): Promise<AuthConfig> {
  pending ??= fetch('/auth/config', { headers: { accept: 'application/json' } }).then(async (response) => {
    if (!response.ok) throw new Error(`GET /auth/config: HTTP ${response.status}`);
    return (await response.json()) as AuthConfig;
  });
  pending.catch(() => (pending = undefined));
  return pending;
}
