/**
 * The search indexer on several instances: it runs only on the holder of the `search-indexer` lease
 * (src/db/lease-keeper.ts); the other instances stand by and take over when the holder stops or dies.
 * Writes made through any instance mark their records pending in MongoDB, and the holder polls
 * those marks, so a write through a standby reaches the index within the holder's poll interval.
 */
import type { Db } from 'mongodb';
import { LeaseKeeper } from '../../db/lease-keeper.js';
import type { LeaseTiming } from '../../db/lease-keeper.js';
import { LeaseStore } from '../../db/lease.js';
import type { LeaseDoc } from '../../db/lease.js';
import type { Logger } from '../../logger.js';
import type { SearchIndexer } from './indexer.js';

/** The name of the search indexer's lease. */
export const INDEXER_LEASE = 'search-indexer';

/**
 * A keeper of the indexer lease that starts `indexer` (fenced by the lease) when this instance
 * acquires it and stops it when the lease is lost or the keeper stops, waiting at most `stopWaitMs`
 * for the batches already sent (unconfirmed ones stay pending and the next holder pushes them).
 * The caller starts and stops the keeper.
 */
export function indexerLeaseKeeper(
  indexer: SearchIndexer,
  deps: { db: Db; logger: Logger; instanceId: string; timing: LeaseTiming; stopWaitMs: number },
): LeaseKeeper {
  const { logger } = deps;
  return new LeaseKeeper({
    name: INDEXER_LEASE,
    instanceId: deps.instanceId,
    store: new LeaseStore(deps.db, { leaseMs: deps.timing.leaseMs, now: () => new Date() }),
    timing: deps.timing,
    logger,
    onAcquired: (fence) => indexer.start(fence),
    onLost: async () => {
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = await Promise.race([
        indexer.stop().then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), deps.stopWaitMs);
        }),
      ]).finally(() => clearTimeout(timer));
      if (gaveUp) {
        logger.warn(
          { waitMs: deps.stopWaitMs },
          'search indexer: Meilisearch has not confirmed what was sent; those records stay pending and the next holder pushes them again',
        );
      }
    },
  });
}

/** Who holds the indexer lease, as stored (for operators), or null when no instance ever took it. */
export function findIndexerLease(db: Db): Promise<LeaseDoc | null> {
  return new LeaseStore(db, { leaseMs: 0, now: () => new Date() }).find(INDEXER_LEASE);
}
