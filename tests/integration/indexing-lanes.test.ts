import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { createIndexer } from '../../src/modules/indexing/indexer.js';
import type { SearchIndexer } from '../../src/modules/indexing/indexer.js';
import { checkSearchIndex } from '../../src/modules/indexing/maintenance.js';
import { eventually } from '../helpers/eventually.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * Each index has its own indexer loop, and articles go first: an article published while the halls
 * index is catching up on every hall becomes searchable before that catch-up ends (it used to wait
 * for the whole hall pass), and the catch-up still ends with every hall in the index.
 */

let server: TestServer;
let indexer: SearchIndexer;

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  // Small hall batches make the catch-up long; the idle poll is long, so only events wake a loop.
  indexer = createIndexer(server.app, { batchSize: 5, idleMs: 600_000 });
  indexer.start();
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await indexer.stop();
  await server.stop();
});

const SEARCH = 'query ($q: String!) { searchArticles(query: $q) { edges { node { slug } } } }';

const pendingHalls = () => server.app.db.collection('halls').countDocuments({ searchPending: true });

describe('indexer loops per index', () => {
  it('makes an article searchable while the halls index is still catching up', async () => {
    const halls = await server.app.db.collection('halls').countDocuments({});
    await server.app.db.collection('halls').updateMany({}, { $set: { searchPending: true } });
    indexer.nudge('halls');
    // The hall pass is under way once its first batch is confirmed.
    await eventually(async () => expect(await pendingHalls()).toBeLessThan(halls), 60_000, 50);

    const article = await buildPublished(server, { title: '索引分道测试 quillmarrow', audience: 'PUBLIC' });
    await eventually(
      async () => {
        const data = expectData(
          await server.graphql<{ searchArticles: { edges: Array<{ node: { slug: string } }> } }>(SEARCH, {
            q: 'quillmarrow',
          }),
        );
        expect(data.searchArticles.edges.map((edge) => edge.node.slug)).toContain(article.slug);
      },
      60_000,
      50,
    );
    const hallsLeft = await pendingHalls();
    expect(hallsLeft).toBeGreaterThan(0);

    // Nothing is lost: the catch-up ends with every hall at its version in the index.
    await waitForSearchSync(server.app);
    const report = await checkSearchIndex(
      {
        db: server.app.db,
        meili: server.app.meili,
        state: server.app.services.indexState,
        synonyms: server.app.services.synonymRepo,
      },
      server.app.services.projections.halls,
    );
    expect(report).toMatchObject({ drift: false, pending: 0, expected: halls, indexed: halls });
  }, 240_000);
});
