/**
 * Uniqueness of natural keys (a hall's code, a channel's code, an article's slug and locale) on
 * every server, in one instance and across several.
 *
 * Why: a unique index refuses a racing duplicate on a real MongoDB, but the emulator used in
 * development and tests enforces no unique index, and a check-then-insert races everywhere (20
 * concurrent creates gave 16 documents). The one uniqueness every server enforces is `_id`'s.
 *
 * How (a lease per key): every write that sets or relies on a natural key first claims it by
 * inserting `{ _id: claimIdOf(key), holder, expiresAt }` into `key_claims`. Exactly one of the
 * concurrent inserts of that `_id` succeeds; the holder then checks and writes (check-then-write is
 * safe while it holds the key) and deletes its claim. A writer that finds the key held waits (with
 * backoff, up to `waitMs`) and tries again, so writers of one key are serialised; after `waitMs` it
 * gives up with `KeysBusyError`. A claim whose lease ran out (its holder crashed) is deleted, on
 * the condition that its lease is still expired, and claimed anew (a TTL index also removes it on a
 * real server). Many keys (an import) are claimed with one `insertMany` (ordered: false) and
 * released or renewed by the writer's random `holder` token in one command; a writer that gets only
 * some of them releases those before waiting, so two writers never wait on each other (no deadlock).
 *
 * Why not a permanent key -> entity mapping: hall codes can be renamed, and an import must also be
 * serialised with version-guarded updates of the same halls; a lease covers creates, renames and
 * updates alike and leaves no mapping to repair. The unique indexes stay declared: on a real server
 * they are the last line, and their duplicate-key error is mapped to CONFLICT by every write path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ObjectId } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import { bulkWriteErrors, isDuplicateKeyError } from './guards.js';
import type { CollectionIndexes } from './indexes.js';

/** One held key. */
export interface KeyClaimDoc {
  /** `claimIdOf(key)`: the same key always gives the same `_id`. */
  _id: ObjectId;
  key: string;
  /** A random token of the holding writer: only it releases or renews the claim. */
  holder: string;
  expiresAt: Date;
}

export const KEY_CLAIMS_COLLECTION = 'key_claims';

/** Expired claims are removed by a real server on its own; the claim logic does not rely on it. */
export const keyClaimIndexes: CollectionIndexes = {
  collection: KEY_CLAIMS_COLLECTION,
  indexes: [
    { name: 'expires_ttl', key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
    // Releasing and renewing select a writer's claims by holder (not by a long `_id: { $in }` list).
    { name: 'holder', key: { holder: 1 } },
  ],
};

/** The claim `_id` of a natural key: the first 12 bytes of sha256(key), as an ObjectId. */
export function claimIdOf(key: string): ObjectId {
  return new ObjectId(createHash('sha256').update(key, 'utf8').digest().subarray(0, 12));
}

/** Some keys stayed held by another writer for longer than the wait, or a lease was lost. */
export class KeysBusyError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`keys held by another writer: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}`);
    this.name = 'KeysBusyError';
  }
}

export interface KeyClaimOptions {
  /** How long a claim lasts unless renewed (a crashed holder blocks its keys this long at most). */
  leaseMs: number;
  /** How long a writer waits for keys held by others before giving up. */
  waitMs: number;
  now: () => Date;
}

const DEFAULTS: KeyClaimOptions = { leaseMs: 30_000, waitMs: 5_000, now: () => new Date() };

/** What a writer holding keys can do besides writing: renew its lease before a long phase. */
export interface KeyLease {
  /**
   * Extends the lease of every held key and checks each is still held by this writer.
   * @throws KeysBusyError naming the keys whose lease was lost (expired and taken over).
   */
  renew(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Claims natural keys in `key_claims`; see the top of this file. */
export class KeyClaims {
  readonly claims: Collection<KeyClaimDoc>;
  private readonly options: KeyClaimOptions;

  constructor(db: Db, options: Partial<KeyClaimOptions> = {}) {
    this.claims = db.collection<KeyClaimDoc>(KEY_CLAIMS_COLLECTION);
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Runs `work` while holding every key in `keys`, then releases them (also when `work` throws).
   * @throws KeysBusyError when some key stays held by another writer for `waitMs`; whatever `work` throws.
   */
  async hold<T>(
    keys: readonly string[],
    work: (lease: KeyLease) => Promise<T>,
    options: { waitMs?: number } = {},
  ): Promise<T> {
    const byId = new Map([...new Set(keys)].map((key) => [claimIdOf(key).toHexString(), key]));
    if (byId.size === 0) return work({ renew: () => Promise.resolve() });
    const holder = randomBytes(12).toString('hex');
    const ids = [...byId.keys()].map((hex) => ObjectId.createFromHexString(hex));
    try {
      await this.acquire(ids, byId, holder, options.waitMs ?? this.options.waitMs);
    } catch (error) {
      await this.release(holder).catch(() => undefined); // e.g. an insert whose answer was lost
      throw error;
    }
    const lease: KeyLease = { renew: () => this.renew(ids, byId, holder) };
    try {
      return await work(lease);
    } finally {
      await this.release(holder).catch(() => undefined); // the lease runs out on its own
    }
  }

  private async acquire(
    ids: ObjectId[],
    byId: Map<string, string>,
    holder: string,
    waitMs: number,
  ): Promise<void> {
    const deadline = Date.now() + waitMs;
    const held = new Set<string>();
    let pause = 10;
    for (;;) {
      const missing = ids.filter((id) => !held.has(id.toHexString()));
      const refused = await this.tryClaim(missing, byId, holder);
      const refusedHex = new Set(refused.map((id) => id.toHexString()));
      for (const id of missing) if (!refusedHex.has(id.toHexString())) held.add(id.toHexString());
      if (refused.length === 0) return;
      // Claims whose holder ran out of lease (crashed) are deleted, on the condition that they
      // still have an expired lease (a claim taken anew meanwhile has a fresh one), and claimed again.
      const now = this.options.now();
      const purged = await this.claims.deleteMany({ expiresAt: { $lte: now } });
      if (purged.deletedCount > 0 && Date.now() < deadline) continue;
      // Hold nothing while waiting, so that two writers never wait on each other.
      if (held.size > 0) {
        await this.release(holder);
        held.clear();
      }
      if (Date.now() >= deadline) {
        throw new KeysBusyError(refused.map((id) => byId.get(id.toHexString()) ?? id.toHexString()));
      }
      await sleep(pause + Math.random() * pause);
      pause = Math.min(pause * 2, 200);
    }
  }

  /** Inserts the claims in one command; returns the ids another writer holds. */
  private async tryClaim(ids: ObjectId[], byId: Map<string, string>, holder: string): Promise<ObjectId[]> {
    const expiresAt = new Date(this.options.now().getTime() + this.options.leaseMs);
    const docs = ids.map((_id) => ({ _id, key: byId.get(_id.toHexString()) ?? '', holder, expiresAt }));
    try {
      await this.claims.insertMany(docs, { ordered: false });
      return [];
    } catch (error) {
      const errors = bulkWriteErrors(error);
      if (errors.length > 0 && errors.every((each) => each.code === 11000)) {
        return errors.flatMap((each) => docs[each.index]?._id ?? []);
      }
      if (isDuplicateKeyError(error) && ids.length === 1) return ids;
      throw error;
    }
  }

  private async renew(ids: ObjectId[], byId: Map<string, string>, holder: string): Promise<void> {
    const expiresAt = new Date(this.options.now().getTime() + this.options.leaseMs);
    const renewed = await this.claims.updateMany({ holder }, { $set: { expiresAt } });
    if (renewed.matchedCount === ids.length) return;
    const held = await this.claims.find({ holder }, { projection: { _id: 1 } }).toArray();
    if (held.length === ids.length) return;
    const kept = new Set(held.map((claim) => claim._id.toHexString()));
    throw new KeysBusyError(
      ids.filter((id) => !kept.has(id.toHexString())).map((id) => byId.get(id.toHexString()) ?? ''),
    );
  }

  /** Deletes every claim of this writer (its holder token is unique to one `hold`). */
  private async release(holder: string): Promise<void> {
    await this.claims.deleteMany({ holder });
  }
}
