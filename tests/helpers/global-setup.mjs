// Jest loads its global setup outside its module system, so this file is plain ESM and loads the
// TypeScript sources through tsx. It goes through the same seam as `npm start` (src/infrastructure.ts),
// which loads the development launcher in dev/embedded/ when a service is not configured.
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

/**
 * Provides one MongoDB-protocol server and one Meilisearch for the whole run: MONGODB_URI and
 * MEILI_URL when set, else embedded ones (a real mongod when one can be had, else the emulator).
 * Workers read the endpoints from the CKB_TEST_* variables (tests/helpers/env.ts).
 */
export default async function globalSetup() {
  // The console tests (tests/integration/console-*.test.ts, tests/e2e/) need the built console:
  // built here once, only when its sources changed since the last build.
  const { ensureConsoleBuilt } = await import('../../console/scripts/ensure-built.mjs');
  await ensureConsoleBuilt({ log: (line) => process.stdout.write(`[tests] ${line}\n`) });
  const { provideInfrastructure } = await tsImport('../../src/infrastructure.ts', import.meta.url);
  const { createLogger } = await tsImport('../../src/logger.ts', import.meta.url);
  const { TEST_ENV } = await tsImport('./env.ts', import.meta.url);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const infra = await provideInfrastructure({
    mongoUri: process.env.MONGODB_URI || undefined,
    meiliUrl: process.env.MEILI_URL || undefined,
    meiliApiKey: process.env.MEILI_API_KEY || undefined,
    dataDir: path.resolve(process.env.DATA_DIR ?? '.data'),
    ephemeral: true,
    logger,
  });
  globalThis.__CKB_INFRA__ = infra;
  process.env[TEST_ENV.mongoUri] = infra.mongoUri;
  process.env[TEST_ENV.mongoKind] = infra.mongoKind;
  process.env[TEST_ENV.meiliUrl] = infra.meiliUrl;
  process.env[TEST_ENV.meiliKey] = infra.meiliApiKey ?? '';
  process.stdout.write(
    `\n[tests] MongoDB: ${infra.mongoKind} at ${infra.mongoUri}; Meilisearch: ${infra.embedded.meili ? 'embedded' : 'configured'} at ${infra.meiliUrl}\n`,
  );
}
