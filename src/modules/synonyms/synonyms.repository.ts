import { ObjectId } from 'mongodb';
import type { AnyBulkWriteOperation, Collection, Db, WithId } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import type { SynonymSetDoc } from './synonym-set.model.js';

export const synonymIndexes: CollectionIndexes = {
  collection: 'search_synonyms',
  indexes: [{ name: 'terms', key: { terms: 1 } }],
};

/** MongoDB I/O of the managed synonym sets (collection `search_synonyms`). */
export class SynonymRepository {
  private readonly synonyms: Collection<SynonymSetDoc>;

  constructor(db: Db) {
    this.synonyms = db.collection<SynonymSetDoc>('search_synonyms');
  }

  /** Every set, oldest first. */
  findAllSynonymSets(): Promise<WithId<SynonymSetDoc>[]> {
    return this.synonyms.find({}).sort({ _id: 1 }).toArray();
  }

  findSynonymSetById(id: ObjectId): Promise<WithId<SynonymSetDoc> | null> {
    return this.synonyms.findOne({ _id: id });
  }

  async insertSynonymSet(doc: SynonymSetDoc): Promise<void> {
    await this.synonyms.insertOne(doc);
  }

  /** Replaces the terms and bumps the version; null when the set is gone or its version moved on. */
  replaceTermsIfVersionMatches(
    id: ObjectId,
    expectedVersion: number,
    change: { terms: string[]; updatedAt: Date; updatedBy: string },
  ): Promise<WithId<SynonymSetDoc> | null> {
    return this.synonyms.findOneAndUpdate(
      { _id: id, version: expectedVersion },
      { $set: change, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
  }

  /** Deletes the set at that version; false when it is gone or its version moved on. */
  async deleteIfVersionMatches(id: ObjectId, expectedVersion: number): Promise<boolean> {
    const result = await this.synonyms.deleteOne({ _id: id, version: expectedVersion });
    return result.deletedCount > 0;
  }

  /**
   * Inserts each set (terms already normalised) unless a set containing its first term exists, in
   * one ordered batch; running it twice changes nothing. Returns how many it inserted.
   */
  async insertUnlessFirstTermExists(sets: string[][], updatedAt: Date, updatedBy: string): Promise<number> {
    if (sets.length === 0) return 0;
    const operations: AnyBulkWriteOperation<SynonymSetDoc>[] = sets.map((terms) => ({
      updateOne: {
        filter: { terms: terms[0] ?? '' },
        update: { $setOnInsert: { _id: new ObjectId(), terms, version: 1, updatedAt, updatedBy } },
        upsert: true,
      },
    }));
    const result = await this.synonyms.bulkWrite(operations, { ordered: true });
    return result.upsertedCount;
  }
}
