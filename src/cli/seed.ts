/** npm run seed: runs every seeder (idempotent upserts) against the configured or embedded database. */
import { seedDatabase } from '../../seed/index.js';
import { runCliTask } from './cli-app.js';

await runCliTask(async (app) => {
  const report = await seedDatabase(app, { onlyEmpty: false });
  for (const line of report) process.stdout.write(`${line.name}: ${line.written} written\n`);
  return 0;
});
