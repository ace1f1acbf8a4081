import path from 'node:path';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { provideInfrastructure } from '../infrastructure.js';
import { createLogger } from '../logger.js';
import type { Logger } from '../logger.js';
import { openApp } from '../app.js';
import type { OpenApp } from '../app.js';

/** How long a command-line task waits for one MongoDB reply (requests wait MONGODB_SOCKET_TIMEOUT_MS). */
const CLI_SOCKET_TIMEOUT_MS = 120_000;

/**
 * Runs a command-line task against the configured MongoDB and Meilisearch (or the embedded ones,
 * under DATA_DIR: stop `npm start` first), then closes everything and exits with the task's code.
 * `quiet` logs warnings and errors only, for tasks whose output is their report.
 */
export async function runCliTask(
  task: (app: OpenApp, context: { config: Config; logger: Logger }) => Promise<number>,
  options: { quiet?: boolean } = {},
): Promise<never> {
  const config = loadConfig();
  const logger = createLogger(options.quiet && config.logLevel === 'info' ? 'warn' : config.logLevel);
  const dataDir = path.resolve(config.dataDir);
  const infra = await provideInfrastructure({
    mongoUri: config.mongo.uri,
    meiliUrl: config.meili.url,
    meiliApiKey: config.meili.apiKey,
    dataDir,
    ephemeral: false,
    logger,
  });
  let exitCode = 1;
  try {
    const { secret } = await resolveJwtSecret(config.auth.jwtSecret, dataDir);
    // Batches of a reindex or an import may take longer to answer than a request should wait.
    const app = await openApp(config, logger, infra, secret, {
      mongo: { socketTimeoutMS: CLI_SOCKET_TIMEOUT_MS },
    });
    try {
      exitCode = await task(app, { config, logger });
    } finally {
      await app.close();
    }
  } catch (error) {
    logger.error({ err: error }, error instanceof Error ? error.message : 'the task failed');
  } finally {
    await infra.stop();
  }
  process.exit(exitCode);
}

/** A one-line progress bar on stderr: redrawn in place on a terminal, one line when done otherwise. */
export function progressBar(label: string): (done: number, total: number) => void {
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `${label.padEnd(8)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total) process.stderr.write(`${line}\n`);
  };
}
