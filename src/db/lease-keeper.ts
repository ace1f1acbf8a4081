/**
 * Holding a lease (lease.ts) over time: `LeaseKeeper` keeps trying to become the holder of a named
 * lease, renews it on a timer while it holds it, runs the guarded work only meanwhile, and releases
 * it on stop; `runExclusively` runs one piece of work (seeding) under a lease, waiting its turn.
 *
 * Timing (defaults: lease 10 s, renewed every 3 s): a holder that dies stops renewing, its lease runs
 * out at most `leaseMs` after its last renewal, and a standby, which tries every `renewMs`, takes over
 * at most `leaseMs + renewMs` after the death (13 s). A holder stopped gracefully releases the lease
 * and a standby takes over within `renewMs` (3 s).
 *
 * Fencing: the guarded work calls `fence.check()` before each step with an outside effect (a push to
 * Meilisearch, a confirmation). It reads the lease and fails with `LeaseLostError` unless this
 * holder's grant (holder and token) is still the one stored with at least `safetyMs` left (renewing
 * first when less is left), so a holder that was paused past its expiry and taken over stops before
 * its next step. A step already under way when the pause began may still land after the new
 * holder's; work that needs more says how it repairs that (see the search indexer).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { WakeableSleep } from '../lib/wakeable-sleep.js';
import type { Logger } from '../logger.js';
import type { LeaseGrant, LeaseStore } from './lease.js';

/** The lease this instance held was taken over, released or could not be renewed in time. */
export class LeaseLostError extends Error {
  constructor(readonly lease: string) {
    super(`lease ${lease} is no longer held by this instance`);
    this.name = 'LeaseLostError';
  }
}

/** What work guarded by a lease presents before each step with an outside effect. */
export interface Fence {
  /** The fencing token of this tenure (grows at every acquisition). */
  readonly token: number;
  /** @throws LeaseLostError when this tenure is over; the driver's error when MongoDB does not answer. */
  check(): Promise<void>;
}

export interface LeaseTiming {
  /** How long a lease lasts after each renewal. */
  leaseMs: number;
  /** How often the holder renews it and a standby tries to take it. */
  renewMs: number;
}

/** A holder id: the instance's id and a random suffix, new at every acquisition. */
function holderIdOf(instanceId: string): string {
  return `${instanceId}#${randomBytes(4).toString('hex')}`;
}

/** The instance id part of a holder id. */
export function instanceOfHolder(holder: string): string {
  const at = holder.lastIndexOf('#');
  return at < 0 ? holder : holder.slice(0, at);
}

/** Where an instance stands with a lease. */
export interface LeaseStatus {
  lease: string;
  role: 'holder' | 'standby' | 'stopped';
  /** When this instance became the holder (holders only). */
  since: Date | null;
  token: number | null;
}

export interface LeaseKeeperOptions {
  name: string;
  instanceId: string;
  store: LeaseStore;
  timing: LeaseTiming;
  logger: Logger;
  /** Starts the guarded work on this instance; it runs until `onLost`. */
  onAcquired: (fence: Fence) => void | Promise<void>;
  /** Stops the guarded work (resolves once it has stopped). */
  onLost: (reason: string) => Promise<void>;
}

/**
 * Keeps (or waits for) a named lease and runs the guarded work only while this instance holds it.
 * One loop does every acquisition, renewal and hand-over, so `onAcquired` and `onLost` alternate.
 */
export class LeaseKeeper {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly sleeper = new WakeableSleep();
  private grant: LeaseGrant | undefined;
  private since: Date | null = null;
  /** Set by a fence that saw the lease gone: the loop hands over at once. */
  private lost: string | undefined;
  /** This instance's last known expiry of its lease (its clock). */
  private expiresAt = 0;

  constructor(private readonly options: LeaseKeeperOptions) {}

  /** Starts trying to hold the lease (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the guarded work, releases the lease (when held) so a standby takes over at once, and stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.sleeper.wake();
    await this.loop;
    const grant = this.grant;
    if (!grant) return;
    await this.handOver('stopping');
    await this.options.store
      .release(grant)
      .then(() => this.options.logger.info({ lease: grant.name, token: grant.token }, 'lease released'))
      .catch((error: unknown) =>
        this.options.logger.warn(
          { err: error, lease: grant.name },
          'lease: release failed; it runs out on its own',
        ),
      );
  }

  status(): LeaseStatus {
    return {
      lease: this.options.name,
      role: this.grant ? 'holder' : this.running ? 'standby' : 'stopped',
      since: this.since,
      token: this.grant?.token ?? null,
    };
  }

  private get safetyMs(): number {
    return this.options.timing.renewMs;
  }

  private async run(): Promise<void> {
    const { name, store, logger, timing } = this.options;
    while (this.running) {
      if (this.grant && this.lost !== undefined) {
        await this.handOver(this.lost);
      } else if (this.grant) {
        const grant = this.grant;
        try {
          const renewed = await store.renew(grant);
          if (renewed) this.expiresAt = renewed.getTime();
          else await this.handOver('taken over by another instance');
        } catch (error) {
          logger.warn({ err: error, lease: name }, 'lease: renewal failed; retrying');
          if (Date.now() >= this.expiresAt - this.safetyMs)
            await this.handOver('could not be renewed before it ran out');
        }
      } else {
        try {
          const grant = await store.tryAcquire(name, holderIdOf(this.options.instanceId));
          if (grant && this.running) await this.takeOver(grant);
          else if (grant) await store.release(grant);
        } catch (error) {
          logger.warn({ err: error, lease: name }, 'lease: could not ask for the lease; retrying');
        }
      }
      await this.sleep(timing.renewMs);
    }
  }

  private async takeOver(grant: LeaseGrant): Promise<void> {
    this.grant = grant;
    this.lost = undefined;
    this.since = new Date();
    this.expiresAt = grant.expiresAt.getTime();
    this.options.logger.info(
      { lease: grant.name, instance: this.options.instanceId, token: grant.token },
      `lease acquired: this instance now runs ${grant.name}`,
    );
    const fence: Fence = { token: grant.token, check: () => this.check(grant) };
    try {
      await this.options.onAcquired(fence);
    } catch (error) {
      this.options.logger.error({ err: error, lease: grant.name }, 'lease: the guarded work did not start');
      await this.handOver('the guarded work did not start');
      await this.options.store.release(grant).catch(() => undefined);
    }
  }

  private async handOver(reason: string): Promise<void> {
    const grant = this.grant;
    if (!grant) return;
    this.grant = undefined;
    this.since = null;
    this.lost = undefined;
    const log = reason === 'stopping' ? this.options.logger.info : this.options.logger.warn;
    log.call(
      this.options.logger,
      { lease: grant.name, instance: this.options.instanceId, token: grant.token, reason },
      `lease lost: this instance stops running ${grant.name} (${reason})`,
    );
    await this.options
      .onLost(reason)
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error, lease: grant.name },
          'lease: stopping the guarded work failed',
        ),
      );
  }

  /** The fence of one tenure: see the top of this file. */
  private async check(grant: LeaseGrant): Promise<void> {
    if (this.grant !== grant || this.lost !== undefined) throw new LeaseLostError(grant.name);
    const { store } = this.options;
    let until = await store.heldUntil(grant);
    if (until && until.getTime() - Date.now() < this.safetyMs) until = await store.renew(grant);
    if (!until) {
      if (this.grant === grant) {
        this.lost = 'taken over by another instance';
        this.sleeper.wake();
      }
      throw new LeaseLostError(grant.name);
    }
    if (this.grant === grant) this.expiresAt = until.getTime();
  }

  private async sleep(ms: number): Promise<void> {
    if (!this.running || this.lost !== undefined) return;
    await this.sleeper.sleep(ms);
  }
}

/**
 * Runs `work` while holding the lease `name`, waiting (polling every `timing.renewMs`) while another
 * instance holds it, renewing it meanwhile, and releasing it afterwards (also when `work` throws).
 * `onWait` is told once when another instance holds it. A holder that dies mid-work loses the lease
 * after `leaseMs`, and the next waiter runs `work` (which must be idempotent).
 * @throws whatever `work` throws.
 */
export async function runExclusively<T>(
  options: {
    name: string;
    instanceId: string;
    store: LeaseStore;
    timing: LeaseTiming;
    logger: Logger;
    onWait?: () => void;
  },
  work: () => Promise<T>,
): Promise<T> {
  const { name, store, timing, logger } = options;
  let grant: LeaseGrant | null = null;
  let told = false;
  while (!grant) {
    grant = await store.tryAcquire(name, holderIdOf(options.instanceId));
    if (grant) break;
    if (!told) {
      told = true;
      options.onWait?.();
    }
    await delay(timing.renewMs);
  }
  const held = grant;
  const renewal = setInterval(() => {
    store
      .renew(held)
      .then((until) => {
        if (!until) logger.warn({ lease: name }, `lease lost while running ${name}`);
      })
      .catch((error: unknown) => logger.warn({ err: error, lease: name }, 'lease: renewal failed'));
  }, timing.renewMs);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await store.release(held).catch(() => undefined);
  }
}
