import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createIndexer } from '../../src/modules/indexing/indexer.js';
import type { SearchIndexer } from '../../src/modules/indexing/indexer.js';
import { eventually } from '../helpers/eventually.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * Domain events wake the processors: with the indexer's idle poll at 10 minutes, a published
 * article is searchable and a synonym edit reaches Meilisearch within seconds, so it was the
 * event on the bus that woke it; every search lands in the search log through its subscriber.
 */

const IDLE_MS = 600_000;
let server: TestServer;
let indexer: SearchIndexer;

beforeAll(async () => {
  server = await startTestServer();
  indexer = createIndexer(server.app, { idleMs: IDLE_MS });
  indexer.start();
  // Let the first step (index settings, nothing pending) finish, so the indexer is asleep.
  const articlesIndex = server.app.services.projections.articles.indexUid;
  await eventually(() => server.app.meili.getIndex(articlesIndex), 60_000);
  await waitForSearchSync(server.app);
  await new Promise((resolve) => setTimeout(resolve, 500));
}, 120_000);
afterAll(async () => {
  await indexer.stop();
  await server.stop();
});

const SEARCH = 'query ($q: String!) { searchArticles(query: $q) { hits: edges { article: node { slug } } } }';

describe('domain events', () => {
  it('subscribes the indexer while it runs (and the search log, popular queries, metrics and stale-article look-up always)', () => {
    const { events } = server.app.services;
    // The indexer, and search's stale-article look-up (a local change makes the next search look again).
    expect(events.subscriberCount('ArticleChanged')).toBe(2);
    expect(events.subscriberCount('HallChanged')).toBe(1);
    expect(events.subscriberCount('SynonymsChanged')).toBe(1);
    // The search log, type-ahead's popular queries (counted between reloads from the log), and the
    // server's metrics (searches by outcome).
    expect(events.subscriberCount('SearchPerformed')).toBe(3);
  });

  it('makes a published article searchable long before the idle poll would', async () => {
    const started = Date.now();
    const article = await buildPublished(server, {
      title: '事件唤醒索引测试 zephyrquartz',
      audience: 'PUBLIC',
    });
    await eventually(async () => {
      const data = expectData(
        await server.graphql<{ searchArticles: { hits: Array<{ article: { slug: string } }> } }>(SEARCH, {
          q: 'zephyrquartz',
        }),
      );
      expect(data.searchArticles.hits.map((hit) => hit.article.slug)).toContain(article.slug);
    }, 60_000);
    expect(Date.now() - started).toBeLessThan(IDLE_MS / 10);
  }, 90_000);

  it('pushes a synonym edit to Meilisearch at once', async () => {
    const token = await server.tokenFor(['editor'], 'editor-events');
    expectData(
      await server.graphql(
        'mutation ($terms: [String!]!) { createSynonymSet(input: { terms: $terms }) { synonymSet { id } } }',
        { terms: ['光猫', 'modemcat'] },
        { token },
      ),
    );
    const index = server.app.meili.index(server.app.services.projections.articles.indexUid);
    await eventually(async () => {
      expect((await index.getSynonyms())['modemcat']).toEqual(['光猫']);
    }, 60_000);
  }, 90_000);

  it('writes every search to the search log through its subscriber', async () => {
    expectData(await server.graphql(SEARCH, { q: 'eventlogprobe' }));
    await eventually(async () => {
      const entry = await server.app.services.searchLog.findLatestByQuery('eventlogprobe');
      expect(entry).toMatchObject({ role: 'public', hits: 0, degraded: false });
    }, 10_000);
  });

  it('releases the indexer subscriptions when it stops', async () => {
    const before = server.app.services.events.subscriberCount('ArticleChanged');
    const spare = createIndexer(server.app, { idleMs: IDLE_MS });
    spare.start();
    expect(server.app.services.events.subscriberCount('ArticleChanged')).toBe(before + 1);
    await spare.stop();
    expect(server.app.services.events.subscriberCount('ArticleChanged')).toBe(before);
  });
});
