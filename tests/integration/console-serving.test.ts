import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { expectData } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// The console as the API serves it (built by the tests' global setup), and the development sign-in.
let devServer: TestServer; // signs with a generated development secret (no AUTH_JWT_SECRET configured)
let configured: TestServer; // AUTH_JWT_SECRET configured, as every other test file runs

beforeAll(async () => {
  [devServer, configured] = await Promise.all([startTestServer({ AUTH_JWT_SECRET: '' }), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([devServer.stop(), configured.stop()]);
});

async function page(server: TestServer, path: string) {
  const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
  return { response, html: await response.text() };
}

describe('the console pages', () => {
  it('serves the desk at / with a fresh CSP nonce, never cached, scripts from this server only', async () => {
    const first = await page(configured, '/');
    const second = await page(configured, '/');
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.response.headers.get('cache-control')).toMatch(/no-cache/);
    const csp = first.response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(first.html).toContain(`content="${nonce}"`);
    expect(second.response.headers.get('content-security-policy')).not.toContain(nonce);
    expect(first.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const urls = [...first.html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(urls.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
  });

  it('serves the hashed assets gzipped and cached for a year, and nothing outside them', async () => {
    const { html } = await page(configured, '/');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${configured.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    // fetch decodes gzip itself; the header says it was sent compressed.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect((await response.text()).length).toBeGreaterThan(10_000);

    for (const path of [
      '/assets/nope.js',
      '/assets/..%2Findex.html',
      '/assets/.build-stamp',
      '/console/dist/index.html',
    ]) {
      expect((await fetch(`${configured.url}${path}`)).status).toBe(404);
    }
  });

  it('lets portals embed the public finder, but not the staff pages', async () => {
    const finder = await page(configured, '/finder');
    expect(finder.response.status).toBe(200);
    expect(finder.response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(finder.response.headers.get('x-frame-options')).toBeNull();
    const signin = await page(configured, '/signin');
    expect(signin.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(signin.response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const workspace = await page(configured, '/work/articles/QXJ0aWNsZTox/history');
    expect(workspace.response.status).toBe(200);
    expect(workspace.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fetch(`${configured.url}/work/../etc`)).status).toBe(404);
  });

  it('leaves the API as it was: GraphQL, probes and unknown paths', async () => {
    const viewer = await configured.graphql<{ viewer: { isPublic: boolean } }>('{ viewer { isPublic } }');
    expect(expectData(viewer).viewer.isPublic).toBe(true);
    expect((await fetch(`${configured.url}/healthz`)).status).toBe(200);
    const unknown = await fetch(`${configured.url}/no-such-page`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('development sign-in', () => {
  const signIn = (server: TestServer, body: unknown) =>
    fetch(`${server.url}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('gives a token for a picked role and name that the API accepts', async () => {
    const response = await signIn(devServer, { name: '王小明', roles: ['agent'] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      token: string;
      name: string;
      roles: string[];
      expiresAt: string;
    };
    expect(body).toMatchObject({ name: '王小明', roles: ['agent'] });
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    const viewer = await devServer.graphql<{ viewer: { id: string; roles: string[] } }>(
      '{ viewer { id roles } }',
      {},
      { token: body.token },
    );
    expect(expectData(viewer).viewer).toEqual({ id: '王小明', roles: ['AGENT'] });
    // The sign-in page learns how to sign in from /auth/config.
    expect(await (await fetch(`${devServer.url}/auth/config`)).json()).toEqual({ signIn: 'dev' });
  });

  it('refuses a missing name, an unknown role and "public"', async () => {
    for (const body of [
      { name: ' ', roles: ['agent'] },
      { name: 'a', roles: ['root'] },
      { name: 'Public', roles: ['agent'] },
      { name: 'a', roles: [] },
    ]) {
      const response = await signIn(devServer, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('does not exist when a real secret is configured', async () => {
    expect((await signIn(configured, { name: 'mallory', roles: ['admin'] })).status).toBe(404);
    expect(await (await fetch(`${configured.url}/auth/config`)).json()).toEqual({ signIn: 'none' });
  });

  it('does not exist in production, even with no secret configured', async () => {
    const { devSignInAvailable } = await import('../../src/http/dev-sign-in.js');
    const auth = {
      jwtSecret: undefined,
      issuer: undefined,
      audience: undefined,
      maxTokenLifetimeSeconds: 3600,
    };
    expect(devSignInAvailable({ nodeEnv: 'production', auth })).toBe(false);
    expect(devSignInAvailable({ nodeEnv: 'development', auth })).toBe(true);
    const production = await startTestServer({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
      ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
      CORS_ORIGINS: 'https://portal.example',
    });
    try {
      expect((await signIn(production, { name: 'mallory', roles: ['admin'] })).status).toBe(404);
    } finally {
      await production.stop();
    }
  });
});
