import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('GraphiQL for browsers', () => {
  it('serves a page whose every script and stylesheet comes from this server (works offline)', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await response.text();
    expect(html).toContain('<title>channel-kb GraphiQL</title>');

    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    const external = assets.filter((asset) => /^(https?:)?\/\//.test(asset));
    expect(external).toEqual([]);
    const scriptsAndStyles = assets.filter((asset) => /\.(js|css)$/.test(asset));
    expect(scriptsAndStyles.length).toBeGreaterThanOrEqual(4);
    for (const asset of scriptsAndStyles) {
      const file = await fetch(new URL(asset, `${server.url}/graphql`));
      expect([asset, file.status]).toEqual([asset, 200]);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('leaves GET queries from API clients to GraphQL', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.headers.get('content-type')).not.toMatch(/^text\/html/);
    expect(await response.json()).toEqual({ data: { viewer: { id: 'public' } } });
  });
});
