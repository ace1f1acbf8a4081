/**
 * Production-style settings: introspection and GraphiQL closed, a CORS allowlist, security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectData, expectErrorCode } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let closed: TestServer;
let open: TestServer;

beforeAll(async () => {
  [closed, open] = await Promise.all([
    startTestServer({
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHIQL: 'false',
      CORS_ORIGINS: 'https://portal.example',
    }),
    startTestServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([closed.stop(), open.stop()]);
});

describe('with introspection and GraphiQL closed (the production default)', () => {
  it('refuses introspection but answers ordinary queries', async () => {
    const response = await closed.graphql('{ __schema { queryType { name } } }');
    expect(response.status).toBe(400);
    expect(expectErrorCode(response, 'GRAPHQL_VALIDATION_FAILED').message).toMatch(/introspection/i);
    expect(expectData(await closed.graphql('{ viewer { id } }'))).toEqual({ viewer: { id: 'public' } });
  });

  it('serves no GraphiQL page to a browser', async () => {
    const page = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    const served = await fetch(`${open.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await served.text()).toMatch(/graphiql/i);
  });

  it('answers CORS only for listed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${closed.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const listed = await preflight('https://portal.example');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://portal.example');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  it('come with every API answer', async () => {
    const response = await fetch(`${open.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it("leave GraphiQL's own Content-Security-Policy in place", async () => {
    const page = await fetch(`${open.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
