import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Meilisearch } from 'meilisearch';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/** A port on which nothing listens: bound, read, released. */
async function deadPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // The same app, but its search client points at a Meilisearch that is not there.
  server.app.meili = new Meilisearch({ host: `http://127.0.0.1:${await deadPort()}`, timeout: 1_000 });
});
afterAll(async () => {
  await server.stop();
});

describe('/readyz when Meilisearch is unreachable', () => {
  it('answers 503 and names Meilisearch, while GraphQL keeps answering', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      status: string;
      unavailable: string[];
      checks: Record<string, { ok: boolean; error?: string }>;
    };
    expect(body.status).toBe('unavailable');
    expect(body.unavailable).toEqual(['meilisearch']);
    expect(body.checks['mongodb']?.ok).toBe(true);
    expect(body.checks['meilisearch']?.error).toBeTruthy();

    const graphql = await server.graphql('{ viewer { id } }');
    expect(graphql.status).toBe(200);
  });
});
