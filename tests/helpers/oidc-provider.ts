import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import Provider from 'oidc-provider';
import type { ClientMetadata, Configuration } from 'oidc-provider';

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, for the sign-in
 * tests: its own login and consent pages (the package's development interactions), RSA and EC
 * signing keys, JWT access tokens for the API's audience carrying Keycloak-style roles
 * (`realm_access.roles`), and refresh tokens for clients allowed the refresh_token grant.
 */

/** The API's audience, as the provider puts it in `aud` (resource indicator and audience at once). */
export const TEST_API_AUDIENCE = 'urn:channel-kb:api';

export interface TestAccount {
  /** What one types on the provider's login page; also the token's `sub`. */
  login: string;
  name: string;
  /** Provider role names, e.g. `kb-agent`. */
  roles: string[];
}

export interface OidcProviderOptions {
  clients: ClientMetadata[];
  accounts?: TestAccount[];
  /** Roles of clients that get tokens for themselves (client_credentials), by client id. */
  clientRoles?: Record<string, string[]>;
  /** Access tokens' lifetime in seconds (read at each issue, so a test may shorten it). */
  accessTokenTtl?: () => number;
  /** Whether refresh tokens are issued (to clients allowed the grant), read at each issue; default yes. */
  refreshTokens?: () => boolean;
  /** The signing keys (private JWKs with kid and alg); default: fresh RS256 and ES256 keys. */
  keys?: JWK[];
}

export interface TestOidcProvider {
  issuer: string;
  /** Configures and starts answering; until then every request is answered 503. */
  start(options: OidcProviderOptions): Promise<void>;
  /** A client_credentials access token for `resource` (see `resourceServers`), straight from the token endpoint. */
  clientToken(clientId: string, secret: string, resource?: string): Promise<string>;
  /** Requests to the token endpoint, by grant type (to see a refresh happen). */
  grants: Record<string, number>;
  stop(): Promise<void>;
}

/** Fresh private signing keys: RS256 (`rsa-1`) and ES256 (`ec-1`). */
export async function signingKeys(): Promise<JWK[]> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  return [
    { ...(await exportJWK(rsa.privateKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.privateKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
}

/**
 * Resource indicators the provider knows: the API signed RS256 (the default) or ES256, one with a
 * one-second lifetime, and another API (a different audience).
 */
export const RESOURCES = {
  api: TEST_API_AUDIENCE,
  apiEs256: 'urn:channel-kb:api:es256',
  apiShortLived: 'urn:channel-kb:api:short',
  otherApi: 'urn:other:api',
} as const;

/** Listens on a loopback port first, so the issuer is known before the provider is configured. */
export async function reserveOidcProvider(): Promise<TestOidcProvider> {
  let handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end('not started');
  };
  const grants: Record<string, number> = {};
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    grants,
    async start(options) {
      const accounts = new Map((options.accounts ?? []).map((account) => [account.login, account]));
      const ttl = options.accessTokenTtl ?? (() => 3600);
      const configuration: Configuration = {
        clients: options.clients,
        jwks: { keys: options.keys ?? (await signingKeys()) },
        cookies: { keys: ['oidc-test-cookie-key-0123456789abcdef'] },
        claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
        findAccount: (_ctx, id) => {
          const account = accounts.get(id);
          if (!account) return undefined;
          return {
            accountId: id,
            claims: () => ({ sub: id, name: account.name, preferred_username: id }),
          };
        },
        pkce: { required: () => true },
        features: {
          devInteractions: { enabled: true },
          clientCredentials: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: (_ctx, _client, oneOf) => oneOf ?? RESOURCES.api,
            useGrantedResource: () => true,
            getResourceServerInfo: (_ctx, resource) => {
              const audience = resource === RESOURCES.otherApi ? RESOURCES.otherApi : TEST_API_AUDIENCE;
              return {
                scope: 'kb',
                audience,
                accessTokenFormat: 'jwt',
                accessTokenTTL: resource === RESOURCES.apiShortLived ? 1 : ttl(),
                jwt: { sign: { alg: resource === RESOURCES.apiEs256 ? 'ES256' : 'RS256' } },
              };
            },
          },
        },
        extraTokenClaims: (_ctx, token) => {
          if (token.kind !== 'AccessToken' && token.kind !== 'ClientCredentials') return undefined;
          const accountId = 'accountId' in token ? token.accountId : undefined;
          const roles = accountId
            ? accounts.get(accountId)?.roles
            : options.clientRoles?.[token.clientId ?? ''];
          return { realm_access: { roles: roles ?? [] } };
        },
        issueRefreshToken: (_ctx, client) =>
          client.grantTypeAllowed('refresh_token') && (options.refreshTokens?.() ?? true),
        clientBasedCORS: (_ctx, origin, client) =>
          client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
        ttl: {
          Interaction: 600,
          Session: 3600,
          Grant: 3600,
          IdToken: 3600,
          RefreshToken: 3600,
          AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? ttl(),
          ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? ttl(),
        },
      };
      // The package warns (console.warn) that the development interactions and memory store are for
      // tests only: that is what they are here.
      const warn = console.warn;
      console.warn = (...args: unknown[]) => {
        if (!String(args[0]).startsWith('oidc-provider WARNING')) warn(...args);
      };
      let provider: Provider;
      try {
        provider = new Provider(issuer, configuration);
      } finally {
        console.warn = warn;
      }
      provider.on('grant.success', (ctx) => {
        const grantType = String(ctx.oidc.params?.['grant_type']);
        grants[grantType] = (grants[grantType] ?? 0) + 1;
      });
      const callback = provider.callback();
      handler = (req, res) => void callback(req, res);
    },
    async clientToken(clientId, secret, resource = RESOURCES.api) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'kb' }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`no token: ${response.status} ${body.error_description}`);
      return body.access_token;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
