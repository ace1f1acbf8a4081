import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Meilisearch } from 'meilisearch';
import { buildPublished } from '../helpers/factories.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { SEARCH_TASK_TIMEOUT_MS } from '../helpers/search.js';
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

describe('when Meilisearch is unreachable', () => {
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer();
    // The same app, but its search client points at a Meilisearch that is not there.
    port = await deadPort();
    server.app.meili = new Meilisearch({ host: `http://127.0.0.1:${port}`, timeout: 1_000 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('/readyz stays 200 (search degrades, the service still serves) and says so without internals', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      status: 'degraded',
      checks: { mongodb: { ok: true, status: 'ok' }, meilisearch: { ok: false, status: 'degraded' } },
      searchIndex: { articles: { pending: 0, lagSeconds: 0 }, halls: { pending: 0, lagSeconds: 0 } },
    });
    expect(text).not.toContain(String(port));
    expect(text).not.toMatch(/127\.0\.0\.1|fetch failed|ECONNREFUSED/);

    const graphql = await server.graphql('{ viewer { id } }');
    expect(graphql.status).toBe(200);
  });

  it('/health/search answers 503 "down" without internals', async () => {
    const response = await fetch(`${server.url}/health/search`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'down' });
  });
});

describe('/health/search', () => {
  let server: TestServer;
  let fullScans = 0;
  const countFullScans = (event: { commandName: string; command: Record<string, unknown> }): void => {
    const filter = event.command['filter'];
    const unfiltered =
      filter === undefined || (typeof filter === 'object' && Object.keys(filter ?? {}).length === 0);
    if (event.commandName === 'find' && event.command['find'] === 'articles' && unfiltered) fullScans += 1;
  };

  beforeAll(async () => {
    server = await startTestServer({}, { indexer: true });
    await buildPublished(server, { title: '宽带拨号错误691的处理' });
    await buildPublished(server, { title: '光猫指示灯含义' });
    await waitForSearchSync(server.app);
    server.app.mongo.on('commandStarted', countFullScans);
  }, 120_000);
  afterAll(async () => {
    server.app.mongo.off('commandStarted', countFullScans);
    await server.stop();
  });

  type Report = {
    status: string;
    indexes: Array<{ name: string; status?: string; missing: unknown; pending: number }>;
  };
  const articlesOf = (report: Report) => report.indexes.find((index) => index.name === 'articles');

  it('compares the whole collection at most once while nothing changed, and gives anonymous callers counts only', async () => {
    const first = await fetch(`${server.url}/health/search`);
    expect(first.status).toBe(200);
    const report = (await first.json()) as Report;
    expect(report.status).toBe('ok');
    expect(articlesOf(report)).toMatchObject({ status: 'ok', missing: 0, pending: 0 });
    expect(fullScans).toBe(1);

    for (let call = 0; call < 5; call += 1) {
      expect((await fetch(`${server.url}/health/search`)).status).toBe(200);
    }
    expect(fullScans).toBe(1);
  });

  it('notices a document lost behind its back at once; only admins see which', async () => {
    const victim = await server.app.db.collection('articles').findOne({}, { projection: { _id: 1 } });
    const id = String(victim?._id);
    await server.app.meili
      .index(server.app.services.projections.articles.indexUid)
      .deleteDocument(id)
      .waitTask({ timeout: SEARCH_TASK_TIMEOUT_MS });

    const anonymous = await fetch(`${server.url}/health/search`);
    expect(anonymous.status).toBe(503);
    const anonymousText = await anonymous.text();
    expect(articlesOf(JSON.parse(anonymousText) as Report)).toMatchObject({ status: 'drift', missing: 1 });
    expect(anonymousText).not.toContain(id);

    const admin = await fetch(`${server.url}/health/search`, {
      headers: { authorization: `Bearer ${await server.tokenFor(['admin'], 'admin-health')}` },
    });
    expect(admin.status).toBe(503);
    expect(articlesOf((await admin.json()) as Report)?.missing).toEqual([id]);

    const editor = await fetch(`${server.url}/health/search`, {
      headers: { authorization: `Bearer ${await server.tokenFor(['editor'], 'editor-health')}` },
    });
    expect(await editor.text()).not.toContain(id);
  });

  it('refuses a bad token with 401 rather than treating it as anonymous', async () => {
    const response = await fetch(`${server.url}/health/search`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
  });
});
