import type { AnyBulkWriteOperation, Collection, Db, FindCursor, WithId } from 'mongodb';
import { MONGO_MAX_TIME_MS } from '../../db/mongo.js';
import type { IndexedRecord } from './documents.js';

/**
 * MongoDB I/O of the indexer and index maintenance on a mirrored collection (articles, halls): the
 * `searchPending` marks, their confirmations, and the reads that compare a collection with its index.
 */
export class IndexedRecordsRepository {
  constructor(private readonly db: Db) {}

  private records(collection: string): Collection<IndexedRecord> {
    return this.db.collection<IndexedRecord>(collection);
  }

  /** Pending records, oldest change first, at most `limit`. */
  findPendingOldestFirst(collection: string, limit: number): Promise<WithId<IndexedRecord>[]> {
    return this.records(collection)
      .find({ searchPending: true })
      .sort({ updatedAt: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Clears the pending mark of records pushed to the index and notes the version synced, unless a
   * record moved on meanwhile (then it stays pending). Returns how many were confirmed.
   */
  async confirmSyncedUnlessChanged(collection: string, pushed: IndexedRecord[]): Promise<number> {
    const result = await this.records(collection).bulkWrite(
      pushed.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id, version: doc.version, searchPending: true },
          update: { $set: { searchPending: false, searchSyncedVersion: doc.version } },
        },
      })),
      { ordered: false },
    );
    return result.modifiedCount;
  }

  /** Clears the pending mark of records written to a rebuilt index, unless their version moved on. */
  async clearPendingUnlessChanged(collection: string, rebuilt: IndexedRecord[]): Promise<void> {
    const confirmations: AnyBulkWriteOperation<IndexedRecord>[] = rebuilt.map((record) => ({
      updateOne: {
        filter: { _id: record._id, version: record.version },
        update: { $set: { searchPending: false } },
      },
    }));
    await this.records(collection).bulkWrite(confirmations, { ordered: false });
  }

  /** Marks every record changed since a time as pending again (after a rebuild that may have missed them). */
  async markPendingChangedSince(collection: string, since: Date): Promise<void> {
    await this.records(collection).updateMany(
      { updatedAt: { $gte: since } },
      { $set: { searchPending: true } },
    );
  }

  findAllRecords(collection: string): Promise<WithId<IndexedRecord>[]> {
    return this.records(collection).find({}).toArray();
  }

  countAllRecords(collection: string): Promise<number> {
    return this.records(collection).countDocuments({});
  }

  /** The collection's size from its metadata (no scan): cheap enough for a probe. */
  estimateRecordCount(collection: string): Promise<number> {
    return this.records(collection).estimatedDocumentCount();
  }

  /** Every record by id, read in batches of `batchSize` (for rebuilds). */
  streamAllById(collection: string, batchSize: number): FindCursor<WithId<IndexedRecord>> {
    return this.records(collection).find({}).sort({ _id: 1 }).batchSize(batchSize);
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
