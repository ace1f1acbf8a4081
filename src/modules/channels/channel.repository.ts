import type { Collection, Db, Filter } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import { KeyClaims } from '../../db/key-claims.js';
import type { ChannelDoc, ChannelFilter } from './channel.model.js';

export const channelIndexes: CollectionIndexes = {
  collection: 'channels',
  indexes: [
    { name: 'code_unique', key: { code: 1 }, options: { unique: true } },
    { name: 'kind_code', key: { kind: 1, code: 1 } },
    { name: 'ownership_code', key: { ownership: 1, code: 1 } },
    { name: 'type_code', key: { type: 1, code: 1 } },
    { name: 'services_code', key: { services: 1, code: 1 } },
    { name: 'hall_codes', key: { hallCodes: 1 } },
  ],
};

/** MongoDB I/O for service channels. */
export class ChannelRepository {
  private readonly channels: Collection<ChannelDoc>;
  private readonly keys: KeyClaims;

  constructor(db: Db) {
    this.channels = db.collection<ChannelDoc>('channels');
    this.keys = new KeyClaims(db);
  }

  /**
   * Runs `work` while no other writer may write a channel with one of these codes (see
   * db/key-claims.ts): check-then-write is safe inside.
   * @throws KeysBusyError when a code stays held by another writer for `waitMs`.
   */
  withCodesHeld<T>(
    codes: readonly string[],
    work: () => Promise<T>,
    options: { waitMs?: number } = {},
  ): Promise<T> {
    return this.keys.hold(
      codes.map((code) => `channel.code:${code}`),
      work,
      options,
    );
  }

  findByCode(code: string): Promise<ChannelDoc | null> {
    return this.channels.findOne({ code });
  }

  /**
   * Every channel by kind, ownership, type (any of each) and services (all of), in code order (the
   * taxonomy is small: tens of channels).
   */
  findMatching(filter: ChannelFilter): Promise<ChannelDoc[]> {
    const clauses: Filter<ChannelDoc>[] = [];
    if (filter.kinds?.length) clauses.push({ kind: { $in: [...filter.kinds] } });
    if (filter.ownerships?.length) clauses.push({ ownership: { $in: [...filter.ownerships] } });
    if (filter.types?.length) clauses.push({ type: { $in: [...filter.types] } });
    if (filter.services?.length) clauses.push({ services: { $all: [...filter.services] } });
    return this.channels
      .find(clauses.length ? { $and: clauses } : {})
      .sort({ code: 1 })
      .limit(500)
      .toArray();
  }

  /** Channels present in any of these halls (one query for a DataLoader batch). */
  findPresentInHalls(hallCodes: readonly string[]): Promise<ChannelDoc[]> {
    return this.channels
      .find({ hallCodes: { $in: [...hallCodes] } })
      .sort({ code: 1 })
      .toArray();
  }

  async insert(doc: ChannelDoc): Promise<void> {
    await this.channels.insertOne(doc);
  }

  /** Replaces the content of a channel at `version` (bumping it); false when the version moved on. */
  async replaceAtVersion(doc: ChannelDoc, expectedVersion: number): Promise<boolean> {
    const result = await this.channels.replaceOne({ _id: doc._id, version: expectedVersion }, doc);
    return result.matchedCount === 1;
  }

  /**
   * Inserts the channels whose code is not stored yet, in one ordered batch, leaving existing ones
   * as they are (seeding); returns how many were inserted.
   */
  async insertMissing(docs: readonly ChannelDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const result = await this.channels.bulkWrite(
      docs.map((doc) => ({
        updateOne: { filter: { code: doc.code }, update: { $setOnInsert: doc }, upsert: true },
      })),
      { ordered: true },
    );
    return result.upsertedCount;
  }
}
