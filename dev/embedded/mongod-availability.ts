/**
 * Whether trying to obtain a real mongod is worth it. mongodb-memory-server spends about 7 s
 * (retries included) failing to download mongod on a machine without internet access, so:
 * - a failure is remembered for 6 h, in the state directory (e.g. `.data/`) and in
 *   `node_modules/.cache/channel-kb/`, which an emptied `.data/` does not clear (nor does it clear
 *   the mongod binaries mongodb-memory-server caches beside it);
 * - before a download is attempted, the download host is looked up (DNS, ~20 ms): a host that does
 *   not resolve means no download can succeed, and the attempt is skipped (and remembered).
 * MONGOMS_SYSTEM_BINARY or MONGOMS_DOWNLOAD_URL bypass both.
 */
import { lookup } from 'node:dns/promises';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PROJECT_CACHE } from './paths.js';

/** How long a failure to obtain mongod is remembered, so that later starts skip the attempt. */
export const MONGOD_UNAVAILABLE_TTL_MS = 6 * 60 * 60 * 1000;
const MONGOD_UNAVAILABLE_FILE = '.mongod-unavailable';
const LOOKUP_TIMEOUT_MS = 1_500;

export interface UnavailableMemo {
  at: string;
  reason: string;
}

/** The files a failure is remembered in: the state directory's, and the project's cache. */
export function memoFiles(stateDir: string): string[] {
  return [
    join(stateDir, MONGOD_UNAVAILABLE_FILE),
    join(PROJECT_CACHE, 'channel-kb', MONGOD_UNAVAILABLE_FILE),
  ];
}

export function memoBypassed(): boolean {
  return Boolean(process.env['MONGOMS_SYSTEM_BINARY'] || process.env['MONGOMS_DOWNLOAD_URL']);
}

async function readOne(file: string): Promise<(UnavailableMemo & { file: string }) | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const at = 'at' in parsed && typeof parsed.at === 'string' ? parsed.at : undefined;
    const reason = 'reason' in parsed && typeof parsed.reason === 'string' ? parsed.reason : 'unknown';
    if (at === undefined) return undefined;
    const age = Date.now() - Date.parse(at);
    return age >= 0 && age < MONGOD_UNAVAILABLE_TTL_MS ? { at, reason, file } : undefined;
  } catch {
    return undefined;
  }
}

/** A failure remembered in any of `files` within the last 6 h. */
export async function readMemo(
  files: readonly string[],
): Promise<(UnavailableMemo & { file: string }) | undefined> {
  for (const file of files) {
    const memo = await readOne(file);
    if (memo) return memo;
  }
  return undefined;
}

export async function writeMemo(files: readonly string[], reason: string): Promise<void> {
  const memo: UnavailableMemo = { at: new Date().toISOString(), reason };
  for (const file of files) {
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify(memo)}\n`);
    } catch {
      // only an optimisation
    }
  }
}

export async function forgetMemo(files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file, { force: true }).catch(() => undefined)));
}

function hasCachedBinaries(): boolean {
  try {
    return readdirSync(join(PROJECT_CACHE, 'mongodb-memory-server')).length > 0;
  } catch {
    return false;
  }
}

/**
 * Why a download of mongod cannot succeed (its host does not resolve), or undefined when it might
 * (the host resolves, a binary is already cached, or the lookup was inconclusive).
 */
export async function downloadImpossible(): Promise<string | undefined> {
  if (hasCachedBinaries()) return undefined;
  let host: string;
  try {
    host = new URL(process.env['MONGOMS_DOWNLOAD_MIRROR'] ?? 'https://fastdl.mongodb.org').hostname;
  } catch {
    return undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), LOOKUP_TIMEOUT_MS);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([lookup(host).then(() => 'resolved' as const), timeout]);
    return outcome === 'timeout' ? `${host} did not resolve within ${LOOKUP_TIMEOUT_MS} ms` : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `cannot resolve ${host} (${code})` : undefined;
  } finally {
    clearTimeout(timer);
  }
}
