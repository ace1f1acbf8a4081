import { meiliErrorCode } from '../../platform/meilisearch.js';
import type { Db } from 'mongodb';
import type { Meilisearch } from 'meilisearch';
import type { IndexProjection } from './documents.js';
import { inBatches } from './batches.js';
import { IndexedRecordsRepository } from './indexed-records.repository.js';
import type { PushedVersion } from './indexed-records.repository.js';
import { documentShapeStateKey, synonymsStateKey } from './indexer.js';
import {
  assertSucceeded,
  enqueueRecords,
  ensureIndex,
  synonymMap,
  TASK_TIMEOUT_MS,
  waitForTasks,
} from './meili-writes.js';
import type { SynonymRepository } from '../synonyms/index.js';
import type { IndexStateRepository } from './index-state.repository.js';

export interface MaintenanceDeps {
  db: Db;
  meili: Meilisearch;
  /** The indexer's own state (what it last pushed besides documents). */
  state: IndexStateRepository;
  /** The managed synonym sets, pushed to indexes that use them. */
  synonyms: Pick<SynonymRepository, 'findAllSynonymSets'>;
}

export interface DriftReport {
  index: string;
  /** Records that belong in the index. */
  expected: number;
  indexed: number;
  /** Records still marked for the indexer (normal right after a change). */
  pending: number;
  /** Seconds since the oldest change the index does not have yet (0 when none). */
  lagSeconds: number;
  /** Differences that are NOT explained by pending marks: this is drift. */
  missing: string[];
  extra: string[];
  stale: Array<{ id: string; indexedVersion: number; currentVersion: number }>;
  drift: boolean;
}

const PAGE = 1000;

async function indexExists(meili: Meilisearch, uid: string): Promise<boolean> {
  return meili
    .getIndex(uid)
    .then(() => true)
    .catch((error: unknown) => {
      if (meiliErrorCode(error) === 'index_not_found') return false;
      throw error;
    });
}

/** Compares one MongoDB collection and its index by id and version, separating pending work from real drift. */
export async function checkSearchIndex(
  deps: MaintenanceDeps,
  projection: IndexProjection,
  now = new Date(),
): Promise<DriftReport> {
  const records = await new IndexedRecordsRepository(deps.db).findAllRecords(
    projection.collection,
    projection.fields,
  );
  const indexed = new Map<string, number>();
  const exists = await indexExists(deps.meili, projection.indexUid);
  for (let offset = 0; exists; offset += PAGE) {
    const page = await deps.meili
      .index(projection.indexUid)
      .getDocuments<{ id: string; version: number }>({ fields: ['id', 'version'], limit: PAGE, offset });
    for (const doc of page.results) indexed.set(doc.id, doc.version);
    if (page.results.length < PAGE) break;
  }
  const report: DriftReport = {
    index: projection.indexUid,
    expected: 0,
    indexed: indexed.size,
    pending: 0,
    lagSeconds: 0,
    missing: [],
    extra: [],
    stale: [],
    drift: false,
  };
  const known = new Set<string>();
  let oldestPending: Date | null = null;
  for (const record of records) {
    const id = record._id.toHexString();
    known.add(id);
    if (record.searchPending) {
      report.pending += 1;
      if (!oldestPending || record.updatedAt < oldestPending) oldestPending = record.updatedAt;
      continue;
    }
    const version = indexed.get(id);
    if (projection.toDocument(record) !== null) {
      report.expected += 1;
      if (version === undefined) report.missing.push(id);
      else if (version !== record.version)
        report.stale.push({ id, indexedVersion: version, currentVersion: record.version });
    } else if (version !== undefined) {
      report.extra.push(id);
    }
  }
  for (const id of indexed.keys()) if (!known.has(id)) report.extra.push(id);
  report.lagSeconds = oldestPending
    ? Math.max(0, Math.round((now.getTime() - oldestPending.getTime()) / 1000))
    : 0;
  report.drift = report.missing.length + report.extra.length + report.stale.length > 0;
  return report;
}

/** Records per document task of a rebuild. */
const REBUILD_BATCH = 1000;
/**
 * Document tasks of a rebuild sent and not yet finished: Meilisearch indexes the tasks queued for an
 * index together. Each wait is for one task (TASK_TIMEOUT_MS): with 64 queued, Meilisearch took the
 * last ~48,000 of 50,000 articles as one batch on a loaded machine and the wait timed out.
 */
const REBUILD_IN_FLIGHT = 8;

/**
 * Rebuilds one index into a fresh index and swaps it in, so searches never see an empty or
 * half-built index. The documents are sent while earlier ones are indexed (up to REBUILD_IN_FLIGHT
 * tasks queued), the way Meilisearch indexes fastest. Pending marks of the records it read are
 * cleared only after the swap (the live index then has their version), unless the record moved on;
 * records changed while it ran stay (or become) pending for the indexer.
 * @throws when a Meilisearch task fails; the live index is then left as it was.
 */
export async function reindex(
  deps: MaintenanceDeps,
  projection: IndexProjection,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ indexed: number; total: number }> {
  const startedAt = new Date();
  const records = new IndexedRecordsRepository(deps.db);
  const fresh = `${projection.indexUid}_rebuild_${startedAt.getTime()}`;
  await ensureIndex(deps.meili, fresh, projection.settings);
  if (projection.synonyms) {
    const synonyms = synonymMap((await deps.synonyms.findAllSynonymSets()).map((set) => set.terms));
    await deps.meili
      .index(fresh)
      .updateSynonyms(synonyms)
      .waitTask({ timeout: TASK_TIMEOUT_MS })
      .then(assertSucceeded);
  }

  const rebuilt = await fillIndex(deps, projection, fresh, onProgress).catch(async (error: unknown) => {
    // Leave no half-built index behind; the live one was not touched.
    await deps.meili.deleteIndex(fresh).catch(() => undefined);
    throw error;
  });

  await ensureIndex(deps.meili, projection.indexUid, projection.settings);
  await deps.meili
    .swapIndexes([{ indexes: [projection.indexUid, fresh], rename: false }])
    .waitTask({ timeout: TASK_TIMEOUT_MS })
    .then(assertSucceeded);
  await deps.meili.deleteIndex(fresh).waitTask({ timeout: TASK_TIMEOUT_MS }).then(assertSucceeded);
  // The live index now has the version of every record read above.
  await records.confirmSyncedUnlessChanged(projection.collection, rebuilt.wasPending);
  // Anything that changed while the rebuild ran may have gone to the old index: index it again.
  await records.markPendingChangedSince(projection.collection, startedAt);
  if (projection.synonyms) await deps.state.setState(synonymsStateKey(projection.indexUid), '', new Date());
  // Every document was built by this code: the indexer need not push them all again.
  await deps.state.setState(
    documentShapeStateKey(projection.indexUid),
    String(projection.documentShape),
    new Date(),
  );
  return { indexed: rebuilt.indexed, total: rebuilt.total };
}

/**
 * Sends every record to the index `uid`, up to REBUILD_IN_FLIGHT tasks ahead of Meilisearch, and
 * waits for all of them. Returns the versions of the records that were pending when read.
 */
async function fillIndex(
  deps: MaintenanceDeps,
  projection: IndexProjection,
  uid: string,
  onProgress: (done: number, total: number) => void,
): Promise<{ indexed: number; total: number; wasPending: PushedVersion[] }> {
  const records = new IndexedRecordsRepository(deps.db);
  // For progress only: the collection's size from its metadata, not a count of every record.
  const expected = await records.estimateRecordCount(projection.collection);
  let read = 0;
  let done = 0;
  let indexed = 0;
  const wasPending: PushedVersion[] = [];
  const sent: Array<{ tasks: number[]; records: number }> = [];
  const settleOldest = async () => {
    const batch = sent.shift();
    if (!batch) return;
    await waitForTasks(deps.meili, batch.tasks);
    done += batch.records;
    onProgress(done, Math.max(expected, read));
  };
  const cursor = records.streamAllById(projection.collection, projection.fields, REBUILD_BATCH);
  try {
    for await (const batch of inBatches(cursor, REBUILD_BATCH)) {
      while (sent.length >= REBUILD_IN_FLIGHT) await settleOldest();
      const { tasks, documents } = await enqueueRecords(deps.meili, projection, batch, {
        indexUid: uid,
        deleteGone: false,
      });
      sent.push({ tasks, records: batch.length });
      read += batch.length;
      indexed += documents;
      for (const record of batch) {
        if (record.searchPending) wasPending.push({ _id: record._id, version: record.version });
      }
    }
    while (sent.length > 0) await settleOldest();
  } finally {
    await cursor.close();
  }

  return { indexed, total: read, wasPending };
}

/** How many records the index's collection holds, from its metadata (no scan; for probes). */
export function recordCount(db: Db, projection: IndexProjection): Promise<number> {
  return new IndexedRecordsRepository(db).estimateRecordCount(projection.collection);
}

/**
 * How far an index is behind: changes still pending and the age of the oldest one (cheap, indexed).
 * @throws the driver's error when MongoDB does not answer within MONGO_MAX_TIME_MS or the socket timeout.
 */
export async function searchLag(
  db: Db,
  projection: IndexProjection,
  now = new Date(),
): Promise<{ pending: number; lagSeconds: number }> {
  // Bounded on the server too: the readiness probe calls this.
  const { pending, oldestChange } = await new IndexedRecordsRepository(db).pendingSummary(
    projection.collection,
  );
  const lagSeconds = oldestChange
    ? Math.max(0, Math.round((now.getTime() - oldestChange.getTime()) / 1000))
    : 0;
  return { pending, lagSeconds };
}
