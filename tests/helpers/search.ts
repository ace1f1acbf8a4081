import type { Meilisearch } from 'meilisearch';

/** Indexing on two cores takes seconds per task: waits this long before giving up. */
export const SEARCH_TASK_TIMEOUT_MS = 60_000;

/** Waits for one Meilisearch task and fails the test if it did not succeed. */
export async function waitForSearchTask(client: Meilisearch, taskUid: number): Promise<void> {
  const task = await client.tasks.waitForTask(taskUid, { timeout: SEARCH_TASK_TIMEOUT_MS, interval: 100 });
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${taskUid} ended ${task.status}: ${JSON.stringify(task.error)}`);
  }
}

/** Deletes every index whose uid starts with `prefix` (a test file's own indexes). */
export async function deleteIndexesWithPrefix(client: Meilisearch, prefix: string): Promise<void> {
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const index of results.filter((candidate) => candidate.uid.startsWith(prefix))) {
    await client.deleteIndex(index.uid).waitTask({ timeout: SEARCH_TASK_TIMEOUT_MS });
  }
}
