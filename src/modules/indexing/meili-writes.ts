import { meiliErrorCode } from '../../platform/meilisearch.js';
import type { Meilisearch, Settings } from 'meilisearch';
import { normaliseText } from '../../lib/normalise-text.js';
import type { IndexedRecord, IndexProjection } from './documents.js';

/** How long the indexer waits for one Meilisearch task (indexing is slow on two cores). */
export const TASK_TIMEOUT_MS = 120_000;

/** Fails a finished task that did not succeed, with Meilisearch's reason. */
export function assertSucceeded(task: {
  status: string;
  uid: number;
  error?: { message: string } | null;
}): void {
  if (task.status !== 'succeeded') {
    throw new Error(
      `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? 'no reason given'}`,
    );
  }
}

/** Waits for tasks in order. @throws when one fails or does not finish within TASK_TIMEOUT_MS. */
export async function waitForTasks(meili: Meilisearch, taskUids: readonly number[]): Promise<void> {
  for (const uid of taskUids) {
    assertSucceeded(await meili.tasks.waitForTask(uid, { timeout: TASK_TIMEOUT_MS }));
  }
}

/**
 * Creates the index if needed and applies its settings, waiting for both: settings before documents.
 * Settings the index already has are not sent again: every settings task queues ahead of document
 * tasks, and a changed one makes Meilisearch re-index the whole index.
 */
export async function ensureIndex(meili: Meilisearch, uid: string, settings: Settings): Promise<void> {
  const exists = await meili
    .getIndex(uid)
    .then(() => true)
    .catch((error: unknown) => {
      if (meiliErrorCode(error) === 'index_not_found') return false;
      throw error;
    });
  if (!exists) {
    await meili
      .createIndex(uid, { primaryKey: 'id' })
      .waitTask({ timeout: TASK_TIMEOUT_MS })
      .then(assertSucceeded);
  } else if (settingsHold(await meili.index(uid).getSettings(), settings)) {
    return;
  }
  await meili
    .index(uid)
    .updateSettings(settings)
    .waitTask({ timeout: TASK_TIMEOUT_MS })
    .then(assertSucceeded);
}

/** Attributes whose order Meilisearch does not keep (it answers them sorted). */
const UNORDERED = new Set(['filterableAttributes', 'sortableAttributes']);

/**
 * Whether the index's settings already are `wanted`: every key given in `wanted` has that value
 * (objects may hold more keys, as Meilisearch answers with its defaults filled in). When unsure it
 * answers false, and the settings are sent.
 */
export function settingsHold(current: Settings, wanted: Settings): boolean {
  return Object.entries(wanted).every(([key, value]) => {
    const actual: unknown = current[key as keyof Settings];
    if (UNORDERED.has(key) && Array.isArray(value) && Array.isArray(actual)) {
      const sorted = (list: unknown[]) => list.map((each) => JSON.stringify(each)).sort();
      return covers(sorted(actual as unknown[]), sorted(value));
    }
    return covers(actual, value);
  });
}

function covers(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    return (
      Array.isArray(actual) &&
      actual.length === wanted.length &&
      wanted.every((each, at) => covers(actual[at], each))
    );
  }
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const fields = actual as Record<string, unknown>;
    return Object.entries(wanted).every(([key, value]) => covers(fields[key], value));
  }
  return actual === wanted;
}

/**
 * Sends the documents of the records that belong in the index and deletes the others that may be
 * there (unless `deleteGone` is false: a fresh index holds nothing to delete), without waiting. Returns the tasks,
 * in the order Meilisearch will process them, and how many documents were sent.
 */
export async function enqueueRecords(
  meili: Meilisearch,
  projection: IndexProjection,
  records: readonly IndexedRecord[],
  options: { indexUid?: string; deleteGone?: boolean } = {},
): Promise<{ tasks: number[]; documents: number }> {
  const index = meili.index(options.indexUid ?? projection.indexUid);
  const documents: Array<{ id: string; version: number }> = [];
  const gone: string[] = [];
  for (const record of records) {
    const document = projection.toDocument(record);
    if (document) documents.push(document);
    else if (!projection.neverIndexed(record)) gone.push(record._id.toHexString());
  }
  const tasks: number[] = [];
  if (documents.length > 0) tasks.push((await index.addDocuments(documents, { primaryKey: 'id' })).taskUid);
  if (gone.length > 0 && options.deleteGone !== false)
    tasks.push((await index.deleteDocuments(gone)).taskUid);
  return { tasks, documents: documents.length };
}

/** Mutual synonyms as Meilisearch wants them: every term maps to all the others of its set. */
export function synonymMap(sets: string[][]): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const set of sets) {
    const terms = [
      ...new Set(set.map((term) => normaliseText(term).toLowerCase()).filter((term) => term !== '')),
    ];
    for (const term of terms) {
      map[term] ??= new Set();
      for (const other of terms) if (other !== term) map[term].add(other);
    }
  }
  return Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((term) => [term, [...(map[term] ?? [])].sort()]),
  );
}
