/**
 * Embedded MongoDB: a real mongod through mongodb-memory-server when one can be had (it downloads
 * mongod from MongoDB's CDN, or uses MONGOMS_SYSTEM_BINARY), else the CongoDB wire-protocol
 * emulator run by congodb-runner.mjs in a supervised child process.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type * as MemoryServer from 'mongodb-memory-server-core';
import type { Logger } from '../../src/logger.js';
import {
  downloadImpossible,
  forgetMemo,
  memoBypassed,
  memoFiles,
  readMemo,
  writeMemo,
} from './mongod-availability.js';
import { findFreePort, killStaleProcess, locateDevFile, startSupervised } from './processes.js';

/** What the emulator does not do, as named in the fallback warning. */
export const EMULATOR_LIMITATIONS: readonly string[] = [
  'unique indexes are not enforced',
  'no transactions (writes of an aborted transaction persist)',
  'no change streams',
  'no $near/$geoNear/$text',
  'string _ids are rejected',
];

const DEFAULT_MONGOD_TIMEOUT_MS = 60_000;
const EMULATOR_READY_TIMEOUT_MS = 30_000;
const EMULATOR_STOP_GRACE_MS = 15_000;

export { MONGOD_UNAVAILABLE_TTL_MS } from './mongod-availability.js';

export type EmbeddedMongoKind = 'mongod' | 'emulator';

export interface EmbeddedMongoOptions {
  /** Persistent data directory (data in `<dataDir>/mongodb` or `<dataDir>/congodb`); null = ephemeral, in memory or a temp dir. */
  dataDir: string | null;
  logger: Logger;
  /** Where to remember that mongod could not be obtained; defaults to dataDir, else the OS temp dir. */
  stateDir?: string;
  /** How long to wait for mongodb-memory-server to find or download mongod (default 60 s). */
  mongodTimeoutMs?: number;
}

export interface EmbeddedMongo {
  /** e.g. mongodb://127.0.0.1:41234/ (no database name; the emulator's carries `?serverMonitoringMode=poll`). */
  uri: string;
  kind: EmbeddedMongoKind;
  /** What this server does not do (empty for mongod). */
  limitations: string[];
  /** Stops the server (data saved first when persistent) and waits for it; idempotent. */
  stop(): Promise<void>;
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The module's shape; it is imported lazily, so a missing optional dependency is an ordinary error. */
type MemoryServerModule = typeof MemoryServer;

/** Races `promise` against a timer; the timer does not keep the process alive. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Tries to start a real mongod; resolves to it, or to the reason it cannot. Never throws. */
async function tryMongod(
  options: EmbeddedMongoOptions,
  memo: readonly string[],
): Promise<{ mongo: EmbeddedMongo } | { reason: string }> {
  const { logger, dataDir } = options;
  if (!memoBypassed()) {
    const remembered = await readMemo(memo);
    if (remembered) {
      logger.debug(
        { memoFile: remembered.file, since: remembered.at },
        'skipping mongod: it could not be obtained recently',
      );
      return { reason: `${remembered.reason} (remembered since ${remembered.at} in ${remembered.file})` };
    }
    const impossible = await downloadImpossible();
    if (impossible) {
      const reason = `no mongod binary, and none can be downloaded: ${impossible}`;
      await writeMemo(memo, reason);
      return { reason };
    }
  }
  let mms: MemoryServerModule;
  try {
    mms = await import('mongodb-memory-server-core');
  } catch (error) {
    return { reason: `mongodb-memory-server-core is not installed (${errorMessage(error)})` };
  }

  const startedAt = Date.now();
  const timeoutMs = options.mongodTimeoutMs ?? DEFAULT_MONGOD_TIMEOUT_MS;
  // Find or download the binary first: a failure here is silent (MongoMemoryServer.create would
  // print a multi-line console.warn), and it is the slow part to bound.
  const binaryPath = mms.MongoBinary.getPath();
  let binary: string;
  try {
    binary = await withTimeout(binaryPath, timeoutMs, 'finding or downloading mongod');
  } catch (error) {
    const reason = `no mongod binary (${errorMessage(error)})`;
    logger.debug({ ms: Date.now() - startedAt, reason }, 'mongod is not available');
    await writeMemo(memo, reason);
    // A download that outlives the timeout may still finish: then the next start can use it.
    binaryPath.then(
      () => forgetMemo(memo),
      () => undefined,
    );
    return { reason };
  }

  const persistent = dataDir !== null;
  const dbPath = persistent ? join(dataDir, 'mongodb') : undefined;
  try {
    if (dbPath !== undefined) await mkdir(dbPath, { recursive: true });
    const server = await mms.MongoMemoryServer.create({
      instance: {
        ip: '127.0.0.1',
        launchTimeout: 30_000,
        ...(dbPath !== undefined ? { dbPath, storageEngine: 'wiredTiger' as const } : {}),
      },
    });
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= server
        .stop({ doCleanup: !persistent, force: false })
        .then(() => undefined)
        .catch((error: unknown) => logger.warn({ err: error }, 'stopping mongod failed'));
      return stopping;
    };
    await forgetMemo(memo);
    logger.debug({ uri: server.getUri(), dbPath, ms: Date.now() - startedAt }, 'embedded mongod is ready');
    if (persistent && existsSync(join(dataDir, 'congodb', 'snapshot.bson'))) {
      logger.warn(
        { emulatorData: join(dataDir, 'congodb') },
        'data written earlier through the MongoDB emulator is not visible to mongod (it is not migrated)',
      );
    }
    return { mongo: { uri: server.getUri(), kind: 'mongod', limitations: [], stop } };
  } catch (error) {
    // Not remembered: the binary exists, and the cause (a locked dbPath, say) may be passing.
    return { reason: `mongod ${binary} did not start (${errorMessage(error)})` };
  }
}

interface EmulatorInstall {
  entry: string;
}

/** Runs install-emulator.mjs's ensureEmulatorInstalled; resolves to the entry module or the reason. */
async function ensureEmulator(): Promise<EmulatorInstall | { reason: string }> {
  let script: string;
  try {
    script = locateDevFile('install-emulator.mjs');
  } catch (error) {
    return { reason: errorMessage(error) };
  }
  const loaded: unknown = await import(pathToFileURL(script).href);
  if (typeof loaded !== 'object' || loaded === null || !('ensureEmulatorInstalled' in loaded)) {
    return { reason: `${script} does not export ensureEmulatorInstalled` };
  }
  const ensure = loaded.ensureEmulatorInstalled;
  if (typeof ensure !== 'function') return { reason: `${script} does not export ensureEmulatorInstalled` };
  const result: unknown = await (ensure as (options: { quiet: boolean }) => Promise<unknown>)({
    quiet: true,
  });
  if (
    typeof result === 'object' &&
    result !== null &&
    'ok' in result &&
    result.ok === true &&
    'entry' in result
  ) {
    if (typeof result.entry === 'string') return { entry: result.entry };
  }
  const reason =
    typeof result === 'object' && result !== null && 'reason' in result && typeof result.reason === 'string'
      ? result.reason
      : 'the CongoDB emulator could not be installed';
  return { reason };
}

/**
 * The emulator's connection string. It carries `serverMonitoringMode=poll`: the emulator advertises
 * `topologyVersion`, so the driver would otherwise stream heartbeats, which the emulator cannot serve;
 * the driver then marks the server unknown and clears its pool about once a second, failing operations
 * in flight ("Server ended moreToCome unexpectedly") under load.
 */
export function emulatorUri(port: number): string {
  return `mongodb://127.0.0.1:${port}/?serverMonitoringMode=poll`;
}

async function startEmulator(options: EmbeddedMongoOptions, entry: string): Promise<EmbeddedMongo> {
  const { dataDir, logger } = options;
  const runner = locateDevFile('congodb-runner.mjs');
  const storeDir = dataDir !== null ? join(dataDir, 'congodb') : undefined;
  const pidFile = dataDir !== null ? join(dataDir, 'congodb.pid') : undefined;
  if (storeDir !== undefined && pidFile !== undefined) {
    await mkdir(storeDir, { recursive: true });
    await killStaleProcess(pidFile, ['congodb-runner', storeDir], logger, EMULATOR_STOP_GRACE_MS);
  }

  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    const args = [runner, '--entry', entry, '--port', String(port), '--host', '127.0.0.1'];
    if (storeDir !== undefined) args.push('--data-dir', storeDir);
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolveReady) => {
      markReady = resolveReady;
    });
    const service = startSupervised({
      name: 'congodb',
      command: process.execPath,
      args,
      ...(pidFile !== undefined ? { pidFile } : {}),
      graceMs: EMULATOR_STOP_GRACE_MS,
      logger,
      onLine: (line) => {
        if (line.startsWith('congodb-runner ready')) markReady();
      },
    });
    const outcome = await Promise.race([
      ready.then(() => 'ready' as const),
      service.exited.then(() => 'exited' as const),
      delay(EMULATOR_READY_TIMEOUT_MS, undefined, { ref: false }).then(() => 'timeout' as const),
    ]);
    const uri = emulatorUri(port);
    if (outcome === 'ready') {
      // The runner says ready once it listens (its data loaded): no ping of our own is needed, the
      // service's first connection (which retries) is one. A crash restarts it on the same port
      // (from its journal when persistent; empty when not).
      service.restartOnCrash();
      return { uri, kind: 'emulator', limitations: [...EMULATOR_LIMITATIONS], stop: () => service.stop() };
    }
    await service.stop();
    const output = service.recentOutput();
    if (output.some((line) => /EADDRINUSE/.test(line)) && attempt < 3) continue;
    throw new Error(
      `the MongoDB emulator ${outcome === 'timeout' ? `was not ready within ${EMULATOR_READY_TIMEOUT_MS / 1000} s` : 'exited before it was ready'}. Its last output:\n${output.join('\n')}`,
    );
  }
}

function hasFiles(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/**
 * Starts an embedded MongoDB-protocol server: a real mongod when mongodb-memory-server can provide
 * one (a download that cannot succeed is detected by a DNS lookup first; a failure is remembered for
 * 6 h in `<stateDir>/.mongod-unavailable` and `node_modules/.cache/channel-kb/`: see
 * mongod-availability.ts; both are skipped when
 * MONGOMS_SYSTEM_BINARY or MONGOMS_DOWNLOAD_URL is set), else the CongoDB emulator, logging one
 * warning naming what the emulator does not do.
 * @throws when neither can be started (the message says to set MONGODB_URI or run docker compose),
 * or when another running instance owns the emulator's data directory.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const { dataDir, logger } = options;
  const stateDir = options.stateDir ?? dataDir ?? join(tmpdir(), 'channel-kb');
  const memo = memoFiles(stateDir);
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });

  const mongod = await tryMongod(options, memo);
  if ('mongo' in mongod) return mongod.mongo;

  const startedAt = Date.now();
  const install = await ensureEmulator().catch((error: unknown) => ({ reason: errorMessage(error) }));
  if (!('entry' in install)) {
    throw new Error(
      `No MongoDB server could be started: ${mongod.reason}; and ${install.reason}. Set MONGODB_URI to a running MongoDB, or run \`docker compose up\` (see docker-compose.yml).`,
    );
  }
  const emulator = await startEmulator(options, install.entry);
  const orphanedMongodData =
    dataDir !== null && hasFiles(join(dataDir, 'mongodb'))
      ? ` Data written earlier by mongod in ${join(dataDir, 'mongodb')} is not visible to it.`
      : '';
  logger.warn(
    {
      uri: emulator.uri,
      mongodUnavailable: mongod.reason,
      limitations: emulator.limitations,
      ms: Date.now() - startedAt,
    },
    `No mongod available: using the CongoDB MongoDB emulator, which differs from MongoDB: ${EMULATOR_LIMITATIONS.join('; ')}. Set MONGODB_URI (or MONGOMS_SYSTEM_BINARY) for a real server.${orphanedMongodData}`,
  );
  return emulator;
}
