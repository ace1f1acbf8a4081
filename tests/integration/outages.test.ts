import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedMeilisearch } from '../../dev/embedded/meilisearch.js';
import type { EmbeddedMeilisearch } from '../../dev/embedded/meilisearch.js';
import { isProcessAlive } from '../../dev/embedded/processes.js';
import { createLogger } from '../../src/logger.js';
import { eventually } from '../helpers/eventually.js';
import { testEndpoints } from '../helpers/env.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData, expectErrorCode } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import type { TcpProxy } from '../helpers/tcp-proxy.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/** "Within a few seconds": far below the ~50 s a stalled MongoDB used to hold a request. */
const ANSWER_WITHIN_MS = 15_000;

/** The shared server's URI with its one host replaced by the proxy's, or undefined for several hosts. */
function throughProxy(uri: string, port: number): string | undefined {
  if (!uri.startsWith('mongodb://')) return undefined;
  const url = new URL(uri);
  if (url.host.includes(',')) return undefined;
  url.host = `127.0.0.1:${port}`;
  url.searchParams.set('directConnection', 'true');
  return url.toString();
}

describe('a MongoDB that stops answering (bytes no longer flow, the connection stays open)', () => {
  let proxy: TcpProxy;
  let server: TestServer | undefined;
  let slug: string;

  beforeAll(async () => {
    const shared = new URL(testEndpoints().mongoUri);
    proxy = await startTcpProxy({ host: shared.hostname, port: Number(shared.port) });
    const mongoUri = throughProxy(testEndpoints().mongoUri, proxy.port);
    if (mongoUri === undefined) {
      process.stdout.write('[tests] skipped the stalled-MongoDB test: MONGODB_URI names several hosts.\n');
      return;
    }
    server = await startTestServer({}, { mongoUri });
    slug = (await buildPublished(server, { title: '停电后光猫无法上网' })).slug;
  }, 60_000);
  afterAll(async () => {
    proxy.resume();
    await server?.stop();
    await proxy.close();
  });

  const ARTICLES = '{ articles(first: 5) { edges { node { slug } } } }';
  type Articles = { articles: { edges: Array<{ node: { slug: string } }> } };

  it('fails a request within seconds with SERVICE_UNAVAILABLE and HTTP 503, and serves again once it answers', async () => {
    if (server === undefined) return;
    const running = server;
    expect(expectData(await running.graphql<Articles>(ARTICLES)).articles.edges[0]?.node.slug).toBe(slug);

    proxy.stall();
    const started = Date.now();
    const stalled = await running.graphql<Articles>(ARTICLES, undefined, { timeoutMs: ANSWER_WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(stalled.status).toBe(503);
    expect(stalled.headers.get('retry-after')).toMatch(/^\d+$/);
    const error = expectErrorCode(stalled, 'SERVICE_UNAVAILABLE');
    expect(error.extensions?.['requestId']).toEqual(expect.any(String));
    // Nothing about the driver or the server's address reaches the client.
    expect(JSON.stringify(stalled.body)).not.toMatch(/127\.0\.0\.1|Mongo|timed out/);

    // The readiness probe says so too (it is what an orchestrator acts on), without internals.
    const ready = await fetch(`${running.url}/readyz`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    expect(ready.status).toBe(503);
    const readyText = await ready.text();
    expect(JSON.parse(readyText)).toMatchObject({
      status: 'unavailable',
      checks: { mongodb: { status: 'down' } },
    });
    expect(readyText).not.toMatch(/127\.0\.0\.1|:\d{4,5}/);

    proxy.resume();
    await eventually(async () => {
      const again = await running.graphql<Articles>(ARTICLES, undefined, { timeoutMs: ANSWER_WITHIN_MS });
      expect(again.status).toBe(200);
      expect(expectData(again).articles.edges[0]?.node.slug).toBe(slug);
    }, 30_000);
  }, 90_000);
});

describe('an embedded Meilisearch that crashes', () => {
  // This file kills Meilisearch, so it runs its own instance instead of the shared one.
  let meili: EmbeddedMeilisearch;
  let dataDir: string;
  let server: TestServer;

  beforeAll(async () => {
    const parent = path.join(path.resolve(process.env['DATA_DIR'] ?? '.data'), 'tmp');
    await mkdir(parent, { recursive: true });
    dataDir = await mkdtemp(path.join(parent, 'outage-'));
    meili = await startEmbeddedMeilisearch({ dataDir, logger: createLogger('silent') });
    server = await startTestServer({}, { indexer: true, meili: { url: meili.url, apiKey: meili.masterKey } });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    await meili.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const pidFile = () => path.join(dataDir, 'meilisearch.pid');
  const readPid = async () => Number.parseInt(await readFile(pidFile(), 'utf8'), 10);
  const SEARCH =
    'query ($q: String!) { searchArticles(query: $q) { degraded hits: edges { article: node { slug } } } }';
  type Search = { searchArticles: { degraded: boolean; hits: Array<{ article: { slug: string } }> } };

  it('is started again where it was, and search is served by it again; stop() stops it for good', async () => {
    const { slug } = await buildPublished(server, { title: '宽带拨号错误651的处理', errorCodes: ['651'] });
    await waitForSearchSync(server.app);
    const killed = await readPid();
    process.kill(killed, 'SIGKILL');

    await eventually(async () => {
      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string };
      expect(ready.status).toBe('ready');
      const result = expectData(await server.graphql<Search>(SEARCH, { q: '651' })).searchArticles;
      expect(result.degraded).toBe(false);
      expect(result.hits.map((hit) => hit.article.slug)).toEqual([slug]);
    }, 30_000);
    const restarted = await readPid();
    expect(restarted).not.toBe(killed);

    await meili.stop();
    expect(isProcessAlive(restarted)).toBe(false);
    await delay(1_500);
    // Nothing came back after the stop.
    await expect(readFile(pidFile(), 'utf8')).rejects.toThrow();
    const search = await fetch(`${meili.url}/health`).then(
      () => 'answers',
      () => 'gone',
    );
    expect(search).toBe('gone');
  }, 120_000);
});
