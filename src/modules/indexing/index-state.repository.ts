import type { Collection, Db, ObjectId } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';

/** What the indexer last pushed that is not a document (the synonyms, by content hash). */
export interface SearchStateDoc {
  _id: ObjectId;
  key: string;
  value: string;
  at: Date;
}

export const indexStateIndexes: CollectionIndexes = {
  collection: 'search_state',
  indexes: [{ name: 'key_unique', key: { key: 1 }, options: { unique: true } }],
};

/** MongoDB I/O of the indexer's own state (collection `search_state`). */
export class IndexStateRepository {
  private readonly state: Collection<SearchStateDoc>;

  constructor(db: Db) {
    this.state = db.collection<SearchStateDoc>('search_state');
  }

  async getState(key: string): Promise<string | null> {
    return (await this.state.findOne({ key }))?.value ?? null;
  }

  async setState(key: string, value: string, at: Date): Promise<void> {
    await this.state.updateOne({ key }, { $set: { value, at } }, { upsert: true });
  }
}
