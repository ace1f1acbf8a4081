/**
 * Named leases in MongoDB (collection `leases`): background work that must run on one instance at a
 * time (the search indexer, seeding) is done by whoever holds its lease.
 *
 * One document per lease, `_id` derived from its name. Every step is one single-document command,
 * atomic on a real MongoDB (standalone or replica set) and on the development emulator, which runs
 * each command to its end before the next one:
 *
 * - acquire: `findOneAndUpdate` of the lease only where it has expired (or was released), setting a
 *   new holder and expiry and incrementing `token`; two instances racing for an expired lease both
 *   send it, and the filter lets only the first one match. A lease that does not exist yet is created
 *   with `insertOne`: `_id` uniqueness (enforced by the emulator too) lets one insert win.
 * - renew / check / release: only where `holder` and `token` are still this holder's. A takeover
 *   always changes both in one write, so a holder that still matches is the only one since it
 *   acquired, even if its expiry passed meanwhile (nobody took over: renewing is safe).
 *
 * `token` grows by one at every acquisition (a fencing token): work guarded by a lease checks the
 * holder and token it was granted before each step with an outside effect (see lease-keeper.ts).
 *
 * Expiry is judged on the clocks of the instances (`expiresAt` is written by the holder, read by
 * the others): keep their clocks in step (NTP) to well under the lease's safety margin. No TTL
 * index: a deleted lease would restart its token.
 */
import { createHash } from 'node:crypto';
import { ObjectId } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './guards.js';

export const LEASES_COLLECTION = 'leases';

/** One lease. */
export interface LeaseDoc {
  /** `leaseIdOf(name)`. */
  _id: ObjectId;
  name: string;
  /** Who holds (or last held) it: an instance id plus a random suffix per acquisition. */
  holder: string;
  /** The fencing token: +1 at every acquisition. */
  token: number;
  acquiredAt: Date;
  renewedAt: Date;
  /** Others may take the lease over from this time on (the epoch once released). */
  expiresAt: Date;
  releasedAt?: Date | null;
}

/** What the holder of a lease was granted: the holder id and token to present at every step. */
export interface LeaseGrant {
  name: string;
  holder: string;
  token: number;
  expiresAt: Date;
}

/** The lease's `_id`: the first 12 bytes of sha256("lease:" + name), as an ObjectId (string ids are not used). */
export function leaseIdOf(name: string): ObjectId {
  return new ObjectId(createHash('sha256').update(`lease:${name}`, 'utf8').digest().subarray(0, 12));
}

export interface LeaseStoreOptions {
  /** How long a lease lasts after it was acquired or renewed. */
  leaseMs: number;
  now: () => Date;
}

/** MongoDB I/O of leases; see the top of this file. */
export class LeaseStore {
  private readonly leases: Collection<LeaseDoc>;
  readonly leaseMs: number;
  private readonly now: () => Date;

  constructor(db: Db, options: LeaseStoreOptions) {
    this.leases = db.collection<LeaseDoc>(LEASES_COLLECTION);
    this.leaseMs = options.leaseMs;
    this.now = options.now;
  }

  /**
   * Takes the lease for `holder` when it is free (never held, expired or released).
   * @returns the grant, or null when another holder has it.
   */
  async tryAcquire(name: string, holder: string): Promise<LeaseGrant | null> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.leaseMs);
    const _id = leaseIdOf(name);
    const taken = await this.leases.findOneAndUpdate(
      { _id, expiresAt: { $lte: now } },
      {
        $set: { name, holder, acquiredAt: now, renewedAt: now, expiresAt, releasedAt: null },
        $inc: { token: 1 },
      },
      { returnDocument: 'after' },
    );
    if (taken) {
      // On a real server the returned document is the one written; check anyway.
      return taken.holder === holder ? { name, holder, token: taken.token, expiresAt } : null;
    }
    try {
      await this.leases.insertOne({
        _id,
        name,
        holder,
        token: 1,
        acquiredAt: now,
        renewedAt: now,
        expiresAt,
        releasedAt: null,
      });
      return { name, holder, token: 1, expiresAt };
    } catch (error) {
      if (isDuplicateKeyError(error)) return null; // it exists and is held
      throw error;
    }
  }

  /**
   * Extends the lease when `grant` still holds it.
   * @returns the new expiry, or null when the lease was taken over (or released).
   */
  async renew(grant: LeaseGrant): Promise<Date | null> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.leaseMs);
    const renewed = await this.leases.updateOne(
      { _id: leaseIdOf(grant.name), holder: grant.holder, token: grant.token, releasedAt: null },
      { $set: { renewedAt: now, expiresAt } },
    );
    return renewed.matchedCount === 1 ? expiresAt : null;
  }

  /**
   * Whether `grant` still holds the lease, and until when.
   * @returns the current expiry, or null when the lease was taken over (or released).
   */
  async heldUntil(grant: LeaseGrant): Promise<Date | null> {
    const lease = await this.leases.findOne(
      { _id: leaseIdOf(grant.name) },
      { projection: { holder: 1, token: 1, expiresAt: 1, releasedAt: 1 } },
    );
    const held = lease && lease.holder === grant.holder && lease.token === grant.token && !lease.releasedAt;
    return held ? lease.expiresAt : null;
  }

  /** Gives the lease up at once (when `grant` still holds it), so another instance takes over without waiting for expiry. */
  async release(grant: LeaseGrant): Promise<void> {
    const now = this.now();
    await this.leases.updateOne(
      { _id: leaseIdOf(grant.name), holder: grant.holder, token: grant.token },
      { $set: { expiresAt: new Date(0), releasedAt: now } },
    );
  }

  /** The lease as stored (for operators: who holds it, since when, until when), or null if never taken. */
  find(name: string): Promise<LeaseDoc | null> {
    return this.leases.findOne({ _id: leaseIdOf(name) });
  }
}
