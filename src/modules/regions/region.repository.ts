import type { Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import type { RegionDoc } from './region.model.js';

export const regionIndexes: CollectionIndexes = {
  collection: 'regions',
  indexes: [
    { name: 'code_unique', key: { code: 1 }, options: { unique: true } },
    { name: 'path_level', key: { path: 1, level: 1, code: 1 } },
  ],
};

/** MongoDB I/O for the administrative region tree. */
export class RegionRepository {
  private readonly regions: Collection<RegionDoc>;

  constructor(db: Db) {
    this.regions = db.collection<RegionDoc>('regions');
  }

  findByCode(code: string): Promise<RegionDoc | null> {
    return this.regions.findOne({ code });
  }

  /** One query for many codes (the DataLoader's batch); order is not guaranteed. */
  findByCodes(codes: readonly string[]): Promise<RegionDoc[]> {
    return this.regions.find({ code: { $in: [...codes] } }).toArray();
  }

  /** The counties (and districts) in a region's subtree, the region itself included when it is one. */
  findCountiesUnder(code: string): Promise<RegionDoc[]> {
    return this.regions.find({ path: code, level: 'COUNTY' }).sort({ code: 1 }).toArray();
  }

  /** Direct children, in code order. */
  findChildren(code: string | null): Promise<RegionDoc[]> {
    return this.regions.find({ parentCode: code }).sort({ code: 1 }).toArray();
  }

  /**
   * Inserts the regions whose code is not stored yet, in one ordered batch, leaving existing ones
   * as they are (seeding); returns how many were inserted.
   */
  async insertMissing(docs: readonly RegionDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const result = await this.regions.bulkWrite(
      docs.map((doc) => ({
        updateOne: { filter: { code: doc.code }, update: { $setOnInsert: doc }, upsert: true },
      })),
      { ordered: true },
    );
    return result.upsertedCount;
  }
}
