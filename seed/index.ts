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
  run(app: AppDeps): Promise<{ written: number }>;
}

/** Every seeder, in dependency order. Domain modules add theirs here. */
export const seeders: Seeder[] = [
  categorySeeder,
  articleSeeder,
  synonymSeeder,
  regionSeeder,
  hallSeeder,
  channelSeeder,
];

/**
 * Runs the seeders: all of them (`npm run seed`), or on start-up only those whose collection
 * is still empty. Returns what each one wrote.
 */
export async function seedDatabase(
  app: AppDeps,
  options: { onlyEmpty: boolean },
): Promise<Array<{ name: string; written: number; skipped: boolean }>> {
  const report: Array<{ name: string; written: number; skipped: boolean }> = [];
  for (const seeder of seeders) {
    if (options.onlyEmpty) {
      const existing = await estimatedCount(app.db, seeder.collection);
      if (existing > 0) {
        report.push({ name: seeder.name, written: 0, skipped: true });
        continue;
      }
    }
    const { written } = await seeder.run(app);
    app.logger.info({ seeder: seeder.name, written }, 'seeded');
    report.push({ name: seeder.name, written, skipped: false });
  }
  return report;
}
