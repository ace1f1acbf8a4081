/**
 * An upgrade that changes how index documents are built (here: the answer-card facts added to
 * article documents) needs no manual `search:reindex`: the indexer remembers the document shape
 * each index was built with and, on its next start, pushes every record again when the code's
 * shape differs. What an agent notices: the answer card gets its causes and steps back by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { createIndexer, documentShapeStateKey } from '../../src/modules/indexing/indexer.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { SEARCH_TASK_TIMEOUT_MS } from '../helpers/search.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

const SEARCH = `query ($q: String!) {
  searchArticles(query: $q, first: 3) { answerCard { errorCode causes steps article { slug } } }
}`;

async function cardFor(
  q: string,
): Promise<{ errorCode: string | null; causes: string[]; steps: string[] } | null> {
  const response = await server.graphql<{
    searchArticles: { answerCard: { errorCode: string | null; causes: string[]; steps: string[] } | null };
  }>(SEARCH, { q });
  return expectData(response).searchArticles.answerCard;
}

async function pendingArticles(): Promise<number> {
  return server.app.db.collection('articles').countDocuments({ searchPending: true });
}

describe('documents built by an older version of the service', () => {
  it('are pushed again by the next indexer start, once, without search:reindex', async () => {
    const articles = server.app.services.projections.articles;
    const stateKey = documentShapeStateKey(articles.indexUid);
    expect(await server.app.services.indexState.getState(stateKey)).toBe(String(articles.documentShape));

    // An index left by the previous version: its documents have no card facts, and the state says
    // it was built with the previous shape. (No search before this: in an upgrade the service
    // restarts, so nothing of the old index is cached in the process.)
    const index = server.app.meili.index(articles.indexUid);
    const all = await index.getDocuments<Record<string, unknown>>({ limit: 1000 });
    const withoutCards = all.results.map(({ card: _card, ...rest }) => rest);
    await index
      .addDocuments(withoutCards)
      .waitTask({ timeout: SEARCH_TASK_TIMEOUT_MS })
      .then((task) => expect(task.status).toBe('succeeded'));
    await server.app.services.indexState.setState(stateKey, String(articles.documentShape - 1), new Date());
    const old = await cardFor('691');
    expect(old?.errorCode).toBe('691');
    expect(old?.causes).toEqual([]);

    // The next start (a new instance, or this one restarted) pushes every article again.
    const upgraded = createIndexer(server.app, { idleMs: 200, maxBackoffMs: 2_000 });
    try {
      expect(await upgraded.step()).toBe(true);
      await waitForSearchSync(server.app);
      const card = await cardFor('691');
      expect(card?.causes.length).toBeGreaterThan(0);
      expect(card?.steps.length).toBeGreaterThan(0);
      expect(await server.app.services.indexState.getState(stateKey)).toBe(String(articles.documentShape));
    } finally {
      await upgraded.stop();
    }

    // Once the shape is remembered, a further start pushes nothing again.
    const again = createIndexer(server.app, { idleMs: 200, maxBackoffMs: 2_000 });
    try {
      await again.step();
      expect(await pendingArticles()).toBe(0);
    } finally {
      await again.stop();
    }
  }, 180_000);
});
