import type { AppDeps } from '../src/context.js';
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
