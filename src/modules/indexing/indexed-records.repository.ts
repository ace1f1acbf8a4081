import type { Collection, Db, FindCursor, ObjectId } from 'mongodb';
import { MONGO_MAX_TIME_MS } from '../../db/mongo.js';
import type { IndexedRecord } from './documents.js';
import { exactIds, idsByVersion } from './exact-ids.js';

/** What the indexer remembers of a record it pushed: which version the index got. */
export interface PushedVersion {
  _id: ObjectId;
  version: number;
}

/** The fields of `IndexedRecord`, read with every projection. */
const RECORD_FIELDS = ['_id', 'version', 'updatedAt', 'searchPending'] as const;

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
  findPending(collection: string, fields: readonly string[], batchSize: number): FindCursor<IndexedRecord> {
    return this.records(collection)
      .find({ searchPending: true }, { projection: projectionOf(fields) })
      .sort({ updatedAt: 1 })
      .batchSize(batchSize);
  }

  /**
   * Clears the pending mark of records whose version the index has and notes that version, unless a
   * record moved on meanwhile (then it stays pending). One command: a statement per version (and per
   * MAX_IDS_PER_FILTER ids) matching that version and exactly the ids pushed at it. Returns how
   * many were confirmed.
   */
  async confirmSyncedUnlessChanged(collection: string, pushed: readonly PushedVersion[]): Promise<number> {
    if (pushed.length === 0) return 0;
    const result = await this.records(collection).bulkWrite(
      idsByVersion(pushed).map(({ version, ids }) => ({
        updateMany: {
          filter: { searchPending: true, version, ...exactIds(ids) },
          update: { $set: { searchPending: false, searchSyncedVersion: version } },
        },
      })),
      { ordered: false },
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
