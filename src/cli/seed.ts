/** npm run seed: runs every seeder (idempotent upserts) against the configured or embedded database. */
import path from 'node:path';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { loadConfig } from '../config.js';
import { provideInfrastructure } from '../embedded/launcher.js';
import { createLogger } from '../logger.js';
import { openApp } from '../app.js';
import { seedDatabase } from '../../seed/index.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const dataDir = path.resolve(config.dataDir);
const infra = await provideInfrastructure({
  mongoUri: config.mongo.uri,
  meiliUrl: config.meili.url,
  meiliApiKey: config.meili.apiKey,
  dataDir,
  ephemeral: false,
  logger,
});
try {
  const { secret } = await resolveJwtSecret(config.auth.jwtSecret, dataDir);
  const app = await openApp(config, logger, infra, secret);
  try {
    const report = await seedDatabase(app, { onlyEmpty: false });
    for (const line of report) process.stdout.write(`${line.name}: ${line.written} written\n`);
    if (report.length === 0) process.stdout.write('No seeders are registered yet.\n');
  } finally {
    await app.close();
  }
} finally {
  await infra.stop();
}
