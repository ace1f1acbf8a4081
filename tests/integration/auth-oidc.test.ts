import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, generateKeyPair } from 'jose';
import { expectData, expectErrorCode } from '../helpers/graphql.js';
import { RESOURCES, TEST_API_AUDIENCE, reserveOidcProvider, signingKeys } from '../helpers/oidc-provider.js';
import type { TestOidcProvider } from '../helpers/oidc-provider.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// The API against a real OpenID Connect provider (oidc-provider on a loopback port): its access
// tokens are checked against the keys the provider publishes, discovered from its issuer URL.

const VIEWER = '{ viewer { id isPublic roles } }';
const SECRET = 'service-secret-0123456789';

let provider: TestOidcProvider;
/** Same keys, another issuer: its tokens are well signed but not from the configured provider. */
let impostor: TestOidcProvider;
let server: TestServer;

beforeAll(async () => {
  const keys = await signingKeys();
  [provider, impostor] = await Promise.all([reserveOidcProvider(), reserveOidcProvider()]);
  const clients = [
    {
      client_id: 'desk-service',
      client_secret: SECRET,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    },
    {
      client_id: 'editor-service',
      client_secret: SECRET,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    },
  ];
  const clientRoles = {
    'desk-service': ['kb-agent', 'offline_access'],
    'editor-service': ['kb-editor', 'kb-agent'],
  };
  await Promise.all([
    provider.start({ clients, clientRoles, keys }),
    impostor.start({ clients, clientRoles, keys }),
  ]);
  server = await startTestServer({
    AUTH_OIDC_ISSUER: provider.issuer,
    AUTH_OIDC_AUDIENCE: TEST_API_AUDIENCE,
    AUTH_OIDC_CLIENT_ID: 'channel-kb-console',
    AUTH_ROLES_CLAIM: 'realm_access.roles',
    AUTH_ROLE_MAP: 'kb-agent=agent,kb-editor=editor',
  });
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([provider?.stop(), impostor?.stop()]);
});

const viewer = (token: string) =>
  server.graphql<{ viewer: { id: string; isPublic: boolean; roles: string[] } }>(VIEWER, {}, { token });

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
function algOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { alg: string }).alg;
}

describe('access tokens of an OpenID Connect provider', () => {
  it('accepts RS256 and ES256 tokens, reading the roles from realm_access.roles through the role map', async () => {
    const rs256 = await provider.clientToken('desk-service', SECRET);
    const es256 = await provider.clientToken('editor-service', SECRET, RESOURCES.apiEs256);
    expect([algOf(rs256), algOf(es256)]).toEqual(['RS256', 'ES256']);
    expect(payloadOf(rs256)).toMatchObject({ iss: provider.issuer, aud: TEST_API_AUDIENCE });

    expect(expectData(await viewer(rs256)).viewer).toEqual({
      id: 'desk-service',
      isPublic: false,
      roles: ['AGENT'],
    });
    expect(expectData(await viewer(es256)).viewer).toEqual({
      id: 'editor-service',
      isPublic: false,
      roles: ['AGENT', 'EDITOR'],
    });
  });

  it('refuses a token of another issuer, even signed with the same keys', async () => {
    const token = await impostor.clientToken('desk-service', SECRET);
    const response = await viewer(token);
    expect(response.status).toBe(401);
    expect(expectErrorCode(response, 'UNAUTHENTICATED').message).toMatch(/"iss"/);
  });

  it('refuses a token for another audience', async () => {
    const token = await provider.clientToken('desk-service', SECRET, RESOURCES.otherApi);
    expect(payloadOf(token)['aud']).toBe(RESOURCES.otherApi);
    const response = await viewer(token);
    expect(response.status).toBe(401);
    expect(expectErrorCode(response, 'UNAUTHENTICATED').message).toMatch(/"aud"/);
  });

  it('refuses an expired token', async () => {
    const token = await provider.clientToken('desk-service', SECRET, RESOURCES.apiShortLived);
    expect(expectData(await viewer(token)).viewer.id).toBe('desk-service');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const response = await viewer(token);
    expect(response.status).toBe(401);
    expect(expectErrorCode(response, 'UNAUTHENTICATED').message).toMatch(/expired/);
  });

  it('refuses a token signed with a key the provider does not publish', async () => {
    const rogue = await generateKeyPair('ES256');
    const claims = payloadOf(await provider.clientToken('desk-service', SECRET));
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'rogue-1' })
      .sign(rogue.privateKey);
    const response = await viewer(forged);
    expect(response.status).toBe(401);
    expect(expectErrorCode(response, 'UNAUTHENTICATED').message).toMatch(/key the provider does not publish/);
  });

  it('refuses HS256 tokens signed with a public key as the secret, and tokens for unknown algorithms', async () => {
    const claims = payloadOf(await provider.clientToken('desk-service', SECRET));
    const { keys } = (await (await fetch(`${provider.issuer}/jwks`)).json()) as {
      keys: Array<{ kid: string; n?: string }>;
    };
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: keys[0]!.kid })
      .sign(new TextEncoder().encode(JSON.stringify(keys[0])));
    expect((await viewer(confused)).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect((await viewer(unsigned)).status).toBe(401);
  });

  it('answers SERVICE_UNAVAILABLE, not UNAUTHENTICATED, when the provider cannot be reached', async () => {
    const token = await provider.clientToken('desk-service', SECRET);
    const offline = await startTestServer({
      AUTH_OIDC_ISSUER: 'http://127.0.0.1:9',
      AUTH_OIDC_AUDIENCE: TEST_API_AUDIENCE,
      AUTH_OIDC_CLIENT_ID: 'channel-kb-console',
    });
    try {
      const response = await offline.graphql(VIEWER, {}, { token });
      expect(response.status).toBe(503);
      expectErrorCode(response, 'SERVICE_UNAVAILABLE');
      // Not a bad token: the console must not be told to get another one.
      expect(response.headers.get('www-authenticate')).toBeNull();
    } finally {
      await offline.stop();
    }
  });

  it('tells the console to sign in through the provider, and offers no development sign-in', async () => {
    const config = await fetch(`${server.url}/auth/config`);
    expect(await config.json()).toEqual({
      signIn: 'oidc',
      oidc: { issuer: provider.issuer, clientId: 'channel-kb-console', scopes: 'openid profile' },
    });
    const devToken = await fetch(`${server.url}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mallory', roles: ['admin'] }),
    });
    expect(devToken.status).toBe(404);
    // The console page may talk to the provider (discovery, token endpoint), and nowhere else.
    const page = await fetch(`${server.url}/signin`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer};`);
  });
});
