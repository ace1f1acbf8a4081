import type { OpenApp } from '../../src/app.js';
import { SEARCH_TASK_TIMEOUT_MS } from './search.js';

/**
 * Waits until the indexer has pushed every pending article and hall change, so a search
 * sees the current data. Fails with the pending count after the timeout.
 */
export async function waitForSearchSync(app: OpenApp, timeoutMs = SEARCH_TASK_TIMEOUT_MS * 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending =
      (await app.db.collection('articles').countDocuments({ searchPending: true })) +
      (await app.db.collection('halls').countDocuments({ searchPending: true }));
    const tasks = await app.meili.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 });
    if (pending === 0 && tasks.results.length === 0) return;
    if (Date.now() > deadline) throw new Error(`search index still behind: ${pending} record(s) pending`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until article search is answered by Meilisearch, not degraded: on a fresh server the index
 * is created by a Meilisearch task nobody waits on, and searches before it is done fall back to
 * MongoDB. For tests that assert a real search right after start.
 */
export async function waitForSearchAnswered(
  server: { graphql: <T>(query: string) => Promise<{ body: { data?: T | null } }> },
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await server.graphql<{ searchArticles: { degraded: boolean } }>(
      '{ searchArticles(query: "宽带", first: 1) { degraded } }',
    );
    if (answer.body.data?.searchArticles.degraded === false) return;
    if (Date.now() > deadline) throw new Error('article search still degraded: is Meilisearch up?');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
