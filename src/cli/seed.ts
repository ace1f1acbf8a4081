/** npm run seed: runs every seeder (idempotent upserts) against the configured or embedded database. */
import { seedDatabase } from '../../seed/index.js';
import { CONNECTS_TO, parseCli, runCliTask } from './cli-app.js';

const spec = {
  name: 'seed',
  usage: 'npm run seed [-- --verbose]',
  description: `Writes the demonstration data (regions, halls, channels, knowledge-base articles) with idempotent
upserts: running it again changes nothing it wrote before. The running server's indexer (or
\`npm run search:reindex\`) then brings the search indexes up to date. Safe while the server runs.
Prints one line per seeder on stdout.

${CONNECTS_TO}

Exit codes: 0 seeded, 1 failed, 2 bad arguments.`,
};
parseCli(spec);

await runCliTask(spec.name, async (app) => {
  const report = await seedDatabase(app, { onlyEmpty: false });
  for (const line of report) process.stdout.write(`${line.name}: ${line.written} written\n`);
  return 0;
});
