import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedMeilisearch } from '../../dev/embedded/meilisearch.js';
import type { EmbeddedMeilisearch } from '../../dev/embedded/meilisearch.js';
import { createLogger } from '../../src/logger.js';
import { checkSearchIndex } from '../../src/modules/indexing/maintenance.js';
import { eventually } from '../helpers/eventually.js';
import { buildPublished, ensureCategory } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// This file stops and restarts Meilisearch, so it runs its own instance instead of the shared one.
let meili: EmbeddedMeilisearch;
let dataDir: string;
let port: number;
let server: TestServer;

const logger = createLogger('silent');

beforeAll(async () => {
  const parent = path.join(path.resolve(process.env['DATA_DIR'] ?? '.data'), 'tmp');
  await mkdir(parent, { recursive: true });
  dataDir = await mkdtemp(path.join(parent, 'resilience-'));
  meili = await startEmbeddedMeilisearch({ dataDir, logger });
  port = Number(new URL(meili.url).port);
  server = await startTestServer({}, { indexer: true, meili: { url: meili.url, apiKey: meili.masterKey } });
  await ensureCategory(server.app, 'broadband/dial-up-errors');
}, 120_000);
afterAll(async () => {
  await server.stop();
  await meili.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const SEARCH = `query ($q: String!) { searchArticles(query: $q) { degraded totalHits hits: edges { title article: node { slug } } } }`;
type Result = {
  degraded: boolean;
  totalHits: number;
  hits: Array<{ title: string; article: { slug: string } }>;
};
const search = async (q: string) =>
  expectData(await server.graphql<{ searchArticles: Result }>(SEARCH, { q })).searchArticles;

describe('when Meilisearch goes away and comes back', () => {
  it('keeps mutations working, answers searches degraded from MongoDB, then converges with no drift', async () => {
    const editor = { token: await server.tokenFor(['editor'], 'editor-r') };
    const first = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      title: '光猫重启后仍报错误678',
      errorCodes: ['678'],
    });
    await waitForSearchSync(server.app);
    expect((await search('678')).hits.map((hit) => hit.article.slug)).toEqual([first.slug]);

    await meili.stop();

    // Editing and publishing still work: they only mark the article for the indexer.
    const edited = expectData(
      await server.graphql<{ updateArticle: { article: { id: string; version: number } } }>(
        'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, title: "光猫断电重启后仍报错误678的处理" }) { article { id version } } }',
        { id: first.id, v: first.version },
        editor,
      ),
    ).updateArticle.article;
    const submitted = expectData(
      await server.graphql<{ submitArticleForReview: { article: { id: string; version: number } } }>(
        'mutation ($id: ID!, $v: Int!) { submitArticleForReview(input: { id: $id, expectedVersion: $v }) { article { id version } } }',
        { id: edited.id, v: edited.version },
        editor,
      ),
    ).submitArticleForReview.article;
    const reviewer = { token: await server.tokenFor(['reviewer'], 'reviewer-r') };
    const published = await server.graphql(
      'mutation ($id: ID!, $v: Int!) { publishArticle(input: { id: $id, expectedVersion: $v }) { article { version } } }',
      { id: submitted.id, v: submitted.version },
      reviewer,
    );
    expectData(published);

    // Search degrades to MongoDB instead of failing, and already shows the new title.
    const degraded = await search('断电重启 678');
    expect(degraded.degraded).toBe(true);
    expect(degraded.hits.map((hit) => hit.title)).toEqual(['光猫断电重启后仍报错误678的处理']);
    // Readiness holds: the service still serves (search degraded), so it stays in rotation.
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const readiness = (await ready.json()) as { searchIndex: { articles: { pending: number } } };
    expect(readiness.searchIndex.articles.pending).toBeGreaterThan(0);

    // Meilisearch comes back where it was; the indexer catches up on its own.
    meili = await startEmbeddedMeilisearch({ dataDir, logger, port, masterKey: meili.masterKey });
    await eventually(async () => {
      const result = await search('断电重启 678');
      expect(result.degraded).toBe(false);
      expect(result.hits.map((hit) => hit.article.slug)).toEqual([first.slug]);
    });
    await waitForSearchSync(server.app);
    const report = await checkSearchIndex(
      {
        db: server.app.db,
        meili: server.app.meili,
        state: server.app.services.indexState,
        synonyms: server.app.services.synonymRepo,
      },
      server.app.services.projections.articles,
    );
    expect(report).toMatchObject({ drift: false, pending: 0 });
  }, 240_000);
});
