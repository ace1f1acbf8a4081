/**
 * Development only: provides MongoDB and Meilisearch to the service: the configured ones when
 * MONGODB_URI / MEILI_URL are set, else embedded ones started here (in parallel) and stopped by
 * Infrastructure.stop(). Production code reaches it only through src/infrastructure.ts (the seam),
 * which imports it at run time; tests may import it directly.
 * Signals are the caller's business (main.ts calls stop()); a process 'exit' hook still terminates
 * any child left running.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runningServicesPath } from '../../src/cli/running-services.js';
import type { RunningServices } from '../../src/cli/running-services.js';
import type { Infrastructure, InfrastructureOptions } from '../../src/infrastructure.js';
import type { Logger } from '../../src/logger.js';
import { startEmbeddedMeilisearch } from './meilisearch.js';
import type { EmbeddedMeilisearch } from './meilisearch.js';
import { startEmbeddedMongo } from './mongodb.js';
import type { EmbeddedMongo } from './mongodb.js';
import { installExitHook, isProcessAlive } from './processes.js';

const OWNER_FILE = 'owner.pid';
const STALE_RUN_MIN_AGE_MS = 60_000;

function configured(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Removes `<dataDir>/tmp/*` left by ephemeral runs whose process is gone. Never throws. */
async function removeStaleRuns(tmpRoot: string, logger: Logger): Promise<void> {
  let entries: string[];
  try {
    entries = readdirSync(tmpRoot);
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = join(tmpRoot, name);
    try {
      const info = statSync(dir);
      if (!info.isDirectory() || Date.now() - info.mtimeMs < STALE_RUN_MIN_AGE_MS) continue;
      let ownerAlive = false;
      try {
        const owner = Number.parseInt(readFileSync(join(dir, OWNER_FILE), 'utf8'), 10);
        ownerAlive = Number.isInteger(owner) && owner > 0 && isProcessAlive(owner);
      } catch {
        ownerAlive = false;
      }
      if (ownerAlive) continue;
      await rm(dir, { recursive: true, force: true });
      logger.debug({ dir }, 'removed the directory of an earlier ephemeral run');
    } catch {
      // another process may be removing it too
    }
  }
}

/** Removes the record of the embedded services, if it is still this process's. Never throws. */
async function forgetRunningServices(file: string): Promise<void> {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as { ownerPid?: unknown };
    if (record.ownerPid === process.pid) await rm(file, { force: true });
  } catch {
    // gone already, or not ours to remove
  }
}

/**
 * Returns the MongoDB and Meilisearch to use: configured values win, missing ones are started
 * embedded, in parallel (see startEmbeddedMongo and startEmbeddedMeilisearch).
 * @throws when an embedded service cannot be started (anything already started is stopped first);
 * the message says what to configure instead.
 */
export async function provideInfrastructure(options: InfrastructureOptions): Promise<Infrastructure> {
  const { logger, ephemeral } = options;
  const mongoUri = configured(options.mongoUri);
  const meiliUrl = configured(options.meiliUrl);
  installExitHook();

  let runDir: string | undefined;
  let serviceDir = options.dataDir;
  if ((mongoUri === undefined || meiliUrl === undefined) && ephemeral) {
    const tmpRoot = join(options.dataDir, 'tmp');
    await removeStaleRuns(tmpRoot, logger);
    runDir = join(tmpRoot, `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, OWNER_FILE), `${process.pid}\n`);
    serviceDir = runDir;
  }

  const startedAt = Date.now();
  const [mongoResult, meiliResult] = await Promise.allSettled([
    mongoUri === undefined
      ? startEmbeddedMongo({ dataDir: ephemeral ? null : serviceDir, stateDir: options.dataDir, logger })
      : Promise.resolve(undefined),
    meiliUrl === undefined
      ? startEmbeddedMeilisearch({ dataDir: serviceDir, logger })
      : Promise.resolve(undefined),
  ]);
  const mongo: EmbeddedMongo | undefined = mongoResult.status === 'fulfilled' ? mongoResult.value : undefined;
  const meili: EmbeddedMeilisearch | undefined =
    meiliResult.status === 'fulfilled' ? meiliResult.value : undefined;

  // A persistent run records its embedded services for the command-line tasks run beside it (see
  // src/cli/running-services.ts): they connect to these instead of starting their own.
  const recordFile =
    ephemeral || (mongo === undefined && meili === undefined)
      ? undefined
      : runningServicesPath(options.dataDir);
  const cleanup = async (): Promise<void> => {
    if (recordFile !== undefined) await forgetRunningServices(recordFile);
    const results = await Promise.allSettled([mongo?.stop(), meili?.stop()]);
    for (const result of results) {
      if (result.status === 'rejected')
        logger.error({ err: result.reason as unknown }, 'stopping an embedded service failed');
    }
    if (runDir !== undefined) await rm(runDir, { recursive: true, force: true }).catch(() => undefined);
  };

  const failures = [mongoResult, meiliResult].flatMap((result) =>
    result.status === 'rejected'
      ? [result.reason instanceof Error ? result.reason : new Error(String(result.reason))]
      : [],
  );
  if (failures.length > 0) {
    await cleanup();
    const [first] = failures;
    if (failures.length === 1 && first !== undefined) throw first;
    throw new Error(failures.map((failure) => failure.message).join('\n'));
  }

  if (recordFile !== undefined) {
    const record: RunningServices = {
      ownerPid: process.pid,
      mongoUri: mongo?.uri,
      meiliUrl: meili?.url,
      meiliApiKey: meili?.masterKey,
    };
    // Owner-only: it holds the embedded Meilisearch's master key. Never fatal: only a convenience.
    await writeFile(recordFile, `${JSON.stringify(record)}\n`, { mode: 0o600 }).catch((error: unknown) =>
      logger.debug({ err: error, recordFile }, 'could not record the embedded services'),
    );
  }

  let stopping: Promise<void> | undefined;
  const infrastructure: Infrastructure = {
    mongoUri: mongoUri ?? mongo?.uri ?? '',
    mongoKind: mongoUri !== undefined ? 'configured' : (mongo?.kind ?? 'configured'),
    meiliUrl: meiliUrl ?? meili?.url ?? '',
    meiliApiKey: meiliUrl !== undefined ? configured(options.meiliApiKey) : meili?.masterKey,
    embedded: { mongo: mongo !== undefined, meili: meili !== undefined },
    stop: () => {
      stopping ??= cleanup();
      return stopping;
    },
  };
  if (mongo !== undefined || meili !== undefined) {
    logger.info(
      {
        mongo: mongo ? { kind: mongo.kind, uri: mongo.uri } : 'configured',
        meilisearch: meili ? { url: meili.url } : 'configured',
        dataDir: serviceDir,
        ephemeral,
        ms: Date.now() - startedAt,
      },
      'embedded services started',
    );
  }
  return infrastructure;
}
