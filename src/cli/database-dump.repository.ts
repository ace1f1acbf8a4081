/**
 * Whole-collection reads and writes for backup:export / backup:import (src/cli/backup.ts): every
 * collection of the database, whatever module owns it, as plain documents. Nothing else uses it.
 */
import type { Db, Document } from 'mongodb';

export class DatabaseDumpRepository {
  constructor(private readonly db: Db) {}

  get databaseName(): string {
    return this.db.databaseName;
  }

  /** The database's collections, system collections left out, by name. */
  async findCollectionNames(): Promise<string[]> {
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return collections
      .map((each) => each.name)
      .filter((name) => !name.startsWith('system.'))
      .sort();
  }

  /** Every document of `name`, by _id. */
  streamAllById(name: string): AsyncIterable<Document> {
    return this.db.collection(name).find({}).sort({ _id: 1 });
  }

  async hasDocuments(name: string): Promise<boolean> {
    return (await this.db.collection(name).countDocuments({}, { limit: 1 })) > 0;
  }

  async countDocuments(name: string): Promise<number> {
    return this.db.collection(name).countDocuments({});
  }

  /** Empties `name`, keeping the collection and its indexes. */
  async deleteAll(name: string): Promise<void> {
    await this.db.collection(name).deleteMany({});
  }

  /** Inserts `docs` in order; resolves to how many were inserted. @throws on the first failed insert. */
  async insertBatch(name: string, docs: Document[]): Promise<number> {
    return (await this.db.collection(name).insertMany(docs, { ordered: true })).insertedCount;
  }
}
