import type { Collection, Db, FindCursor, ObjectId } from 'mongodb';
import { MONGO_MAX_TIME_MS } from '../../db/mongo.js';
import type { IndexedRecord } from './documents.js';
import { exactIds, idsByVersion, MAX_IDS_PER_FILTER, sortIds } from './exact-ids.js';

/** What the indexer remembers of a record it pushed: which version the index got. */
export interface PushedVersion {
  _id: ObjectId;
  version: number;
  /**
   * The record's `searchRequeues` when it was read (0 when absent). When given, the confirmation
   * also requires it unchanged: a requeue after the read keeps the record pending.
   */
  requeues?: number;
}

/**
 * A record as the indexer reads it. `searchRequeues` counts the times an indexer that lost its lease
 * marked the record pending again after pushing it (see `requeue`); absent until then.
 */
export type PendingRecord = IndexedRecord & { searchRequeues?: number };

/** The fields of `IndexedRecord` (and `searchRequeues`), read with every projection. */
const RECORD_FIELDS = ['_id', 'version', 'updatedAt', 'searchPending', 'searchRequeues'] as const;

/**
 * An inclusion projection of the record fields and `fields`. Inclusion only: the emulator applies a
 * nested exclusion projection to the stored document itself.
 */
function projectionOf(fields: readonly string[]): Record<string, 1> {
  return Object.fromEntries([...RECORD_FIELDS, ...fields].map((field) => [field, 1 as const]));
}

/**
 * MongoDB I/O of the indexer and index maintenance on a mirrored collection (articles, halls): the
 * `searchPending` marks, their confirmations, and the reads that compare a collection with its index.
 * Reads take the fields an index projection needs (`IndexProjection.fields`), nothing else.
 */
export class IndexedRecordsRepository {
  constructor(private readonly db: Db) {}

  private records(collection: string): Collection<IndexedRecord> {
    return this.db.collection<IndexedRecord>(collection);
  }

  /**
   * Every pending record, oldest change first, read `batchSize` at a time (one query for the whole
   * pass; uses the `search_pending` index). Records may change while the cursor is read: the
   * confirmation's version guard keeps such records pending.
   */
  findPending(collection: string, fields: readonly string[], batchSize: number): FindCursor<PendingRecord> {
    return this.db
      .collection<PendingRecord>(collection)
      .find({ searchPending: true }, { projection: projectionOf(fields) })
      .sort({ updatedAt: 1 })
      .batchSize(batchSize);
  }

  /**
   * Clears the pending mark of records whose version the index has and notes that version, unless a
   * record moved on meanwhile (then it stays pending). One command: a statement per version (and per
   * MAX_IDS_PER_FILTER ids) matching that version and exactly the ids pushed at it (and, for
   * records pushed with `requeues`, that count unchanged). Returns how many were confirmed.
   */
  async confirmSyncedUnlessChanged(collection: string, pushed: readonly PushedVersion[]): Promise<number> {
    if (pushed.length === 0) return 0;
    // Grouped by requeue count as well as by version (nearly always one group: never requeued).
    const byRequeues = new Map<number | undefined, PushedVersion[]>();
    for (const each of pushed) {
      const group = byRequeues.get(each.requeues) ?? [];
      group.push(each);
      byRequeues.set(each.requeues, group);
    }
    const statements = [...byRequeues].flatMap(([requeues, group]) =>
      idsByVersion(group).map(({ version, ids }) => ({
        updateMany: {
          filter: {
            searchPending: true,
            version,
            ...(requeues === undefined
              ? {}
              : { searchRequeues: requeues === 0 ? { $exists: false } : requeues }),
            ...exactIds(ids),
          },
          update: { $set: { searchPending: false, searchSyncedVersion: version } },
        },
      })),
    );
    const result = await this.records(collection).bulkWrite(statements, { ordered: false });
    return result.modifiedCount;
  }

  /**
   * Marks records pending again and counts the requeue, in one command: an indexer that lost its
   * lease after pushing them may have overwritten a newer version in the index, so the holder pushes
   * them again, and a confirmation of a push read before this (see `PushedVersion.requeues`) leaves
   * them pending.
   */
  async requeue(collection: string, ids: readonly ObjectId[]): Promise<void> {
    const sorted = sortIds(ids);
    if (sorted.length === 0) return;
    const statements = [];
    for (let start = 0; start < sorted.length; start += MAX_IDS_PER_FILTER) {
      statements.push({
        updateMany: {
          filter: exactIds(sorted.slice(start, start + MAX_IDS_PER_FILTER)),
          update: { $set: { searchPending: true }, $inc: { searchRequeues: 1 } },
        },
      });
    }
    await this.records(collection).bulkWrite(statements, { ordered: false });
  }

  /**
   * Marks every record pending (those not pending already), so the indexer pushes each again: after
   * the way documents are built changed. Returns how many were marked.
   */
  async markAllPending(collection: string): Promise<number> {
    const result = await this.records(collection).updateMany(
      { searchPending: false },
      { $set: { searchPending: true } },
    );
    return result.modifiedCount;
  }

  /** Marks every record changed since a time as pending again (after a rebuild that may have missed them). */
  async markPendingChangedSince(collection: string, since: Date): Promise<void> {
    await this.records(collection).updateMany(
      { updatedAt: { $gte: since }, searchPending: false },
      { $set: { searchPending: true } },
    );
  }

  /** Every record, with the fields the projection needs (drift checks). */
  findAllRecords(collection: string, fields: readonly string[]): Promise<IndexedRecord[]> {
    return this.records(collection)
      .find({}, { projection: projectionOf(fields) })
      .toArray();
  }

  /** The collection's size from its metadata (no scan): cheap enough for a probe. */
  estimateRecordCount(collection: string): Promise<number> {
    return this.records(collection).estimatedDocumentCount();
  }

  /** Every record by id with the fields the projection needs, read in batches of `batchSize` (rebuilds). */
  streamAllById(collection: string, fields: readonly string[], batchSize: number): FindCursor<IndexedRecord> {
    return this.records(collection)
      .find({}, { projection: projectionOf(fields) })
      .sort({ _id: 1 })
      .batchSize(batchSize);
  }

  /**
   * How many records are pending and when the oldest pending one changed, bounded on the server by
   * MONGO_MAX_TIME_MS (the readiness probe asks). @throws the driver's error on a timeout.
   */
  async pendingSummary(collection: string): Promise<{ pending: number; oldestChange: Date | null }> {
    const records = this.records(collection);
    const [pending, oldest] = await Promise.all([
      records.countDocuments({ searchPending: true }, { maxTimeMS: MONGO_MAX_TIME_MS }),
      records.findOne(
        { searchPending: true },
        { sort: { updatedAt: 1 }, projection: { updatedAt: 1 }, maxTimeMS: MONGO_MAX_TIME_MS },
      ),
    ]);
    return { pending, oldestChange: oldest?.updatedAt ?? null };
  }
}
