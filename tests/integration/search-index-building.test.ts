import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { createIndexer, ensureIndex } from '../../src/modules/indexing/indexer.js';
import { eventually } from '../helpers/eventually.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// No indexer runs here unless a test starts one: the index is built when the test says so.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // The index exists but holds nothing yet, as on a first start before the indexer's first push.
  const { indexUid, settings } = server.app.services.projections.articles;
  await ensureIndex(server.app.meili, indexUid, settings);
  await seedDatabase(server.app, { onlyEmpty: false });
}, 120_000);
afterAll(async () => {
  await server.stop();
});

interface Found {
  degraded: boolean;
  totalHits: number;
  edges: Array<{ node: { slug: string } }>;
}
async function search(q: string): Promise<Found> {
  return expectData(
    await server.graphql<{ searchArticles: Found }>(
      'query ($q: String!) { searchArticles(query: $q, first: 5) { degraded totalHits edges { node { slug } } } }',
      { q },
    ),
  ).searchArticles;
}

describe('while the search index is first being built', () => {
  it('answers from MongoDB (degraded) instead of an empty index, then from Meilisearch once it is built', async () => {
    // The knowledge base is seeded and the index is empty: an agent still finds the answer.
    const early = await search('宽带');
    expect(early.degraded).toBe(true);
    expect(early.totalHits).toBeGreaterThan(0);

    await createIndexer(server.app, { idleMs: 100 }).drain();
    // Searches see the indexer's confirmations at their next look-up of stale articles (shared by
    // searches, at most a second old: stale-articles.ts), so within about a second.
    const built = await eventually(async () => {
      const answer = await search('宽带');
      expect(answer.degraded).toBe(false);
      return answer;
    }, 5_000);
    expect(built.totalHits).toBeGreaterThan(0);
  });

  it('keeps answering from Meilisearch when only a few new articles are not indexed yet', async () => {
    for (let i = 0; i < 3; i += 1) {
      await buildPublished(server, { title: `新上线的知识 ${i}`, category: 'broadband/dial-up-errors' });
    }
    const found = await search('宽带');
    expect(found.degraded).toBe(false);
    expect(found.totalHits).toBeGreaterThan(0);
  });
});
