import type { AppDeps } from '../src/context.js';
import { runExclusively } from '../src/db/lease-keeper.js';
import { LeaseStore } from '../src/db/lease.js';
import { estimatedCount } from '../src/db/mongo.js';
import { articleSeeder, categorySeeder } from './knowledge.js';
import { synonymSeeder } from './search.js';
import { channelSeeder, hallSeeder, regionSeeder } from './channels.js';

/** One idempotent seeding step: it upserts by a natural key, so running it twice changes nothing. */
export interface Seeder {
  name: string;
  /** The collection this seeder fills; on start-up it runs only when that collection is empty. */
  collection: string;
  /** Seeders whose records this one reads (by name): `run` is told when they are done. */
  needs?: readonly string[];
  /**
   * Writes the seed. `needed` settles when the seeders named in `needs` are done (absent: they
   * are): work that does not read their records (validating the seed, say) may run before awaiting it.
   */
  run(app: AppDeps, needed?: Promise<void>): Promise<{ written: number }>;
}

/** Every seeder. Domain modules add theirs here. */
export const seeders: Seeder[] = [
  categorySeeder,
  articleSeeder,
  synonymSeeder,
  regionSeeder,
  hallSeeder,
  channelSeeder,
];

type SeedReport = Array<{ name: string; written: number; skipped: boolean }>;

/**
 * Runs the seeders: all of them (`npm run seed`), or on start-up only those whose collection
 * is still empty. They run side by side (each writes in a few bulk commands, so one's validation
 * overlaps another's writes); a seeder waits only for those it `needs`. Returns what each one
 * wrote, in the order of `seeders`.
 * @throws the first seeder's error, once every seeder has settled.
 */
export async function seedDatabase(app: AppDeps, options: { onlyEmpty: boolean }): Promise<SeedReport> {
  const runs = new Map<string, Promise<SeedReport[number]>>();
  const runOne = async (seeder: Seeder): Promise<SeedReport[number]> => {
    const needed = Promise.all(
      (seeder.needs ?? []).map((name) => {
        const run = runs.get(name);
        if (!run) throw new Error(`seeder ${seeder.name} needs ${name}, which is not listed before it`);
        return run;
      }),
    ).then(() => undefined);
    // A failure of a needed seeder is reported by that seeder; this one fails too, when it awaits.
    needed.catch(() => undefined);
    if (options.onlyEmpty && (await estimatedCount(app.db, seeder.collection)) > 0) {
      return { name: seeder.name, written: 0, skipped: true };
    }
    const { written } = await seeder.run(app, needed);
    app.logger.info({ seeder: seeder.name, written }, 'seeded');
    return { name: seeder.name, written, skipped: false };
  };
  for (const seeder of seeders) runs.set(seeder.name, runOne(seeder));
  const settled = await Promise.allSettled(runs.values());
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

/** The name of the lease under which start-up seeding runs. */
export const SEED_LEASE = 'seed';

/**
 * Start-up seeding across several instances: `seedDatabase(app, { onlyEmpty: true })` under the
 * `seed` lease, so it runs on one instance at a time. The first instance seeds the empty collections;
 * one that starts meanwhile waits for the lease (its server does not listen yet, so it is not ready),
 * then finds nothing empty and seeds nothing. An instance that dies while seeding loses the lease
 * after `leaseMs`, and a waiting one seeds what is still empty (the seeders upsert by natural key;
 * after such a crash, `npm run seed` completes a partly seeded collection).
 * @throws the first seeder's error.
 */
export async function seedOnce(app: AppDeps): Promise<SeedReport> {
  const { instanceId, leaseMs, renewMs } = app.config.lease;
  return runExclusively(
    {
      name: SEED_LEASE,
      instanceId,
      store: new LeaseStore(app.db, { leaseMs, now: () => new Date() }),
      timing: { leaseMs, renewMs },
      logger: app.logger,
      onWait: () => app.logger.info('seeding: another instance is seeding; waiting for it to finish'),
    },
    () => seedDatabase(app, { onlyEmpty: true }),
  );
}
