/**
 * The embedded services of a running `npm start`, as the development launcher (dev/embedded/launcher.ts)
 * records them in `<DATA_DIR>/embedded-services.json` while they run. A command-line task run beside
 * the server reads it and connects to the same MongoDB and Meilisearch instead of starting its own
 * (which would find their data directories taken). Production never has the file: there, MONGODB_URI
 * and MEILI_URL are set.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The file's name under DATA_DIR (the launcher writes it with this name). */
export const RUNNING_SERVICES_FILE = 'embedded-services.json';

export interface RunningServices {
  /** The process that started the services and stops them (the server, or another task). */
  ownerPid: number;
  /** Set when that process started an embedded MongoDB (or the emulator). */
  mongoUri?: string | undefined;
  /** Set when it started an embedded Meilisearch, with the instance's master key. */
  meiliUrl?: string | undefined;
  meiliApiKey?: string | undefined;
}

/** The file's path under `dataDir`. */
export function runningServicesPath(dataDir: string): string {
  return path.join(dataDir, RUNNING_SERVICES_FILE);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The embedded services recorded under `dataDir`, when the process that runs them is alive (and is
 * not this one); undefined when there is no such record, it is unreadable, or its owner is gone.
 */
export async function findRunningServices(dataDir: string): Promise<RunningServices | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(runningServicesPath(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const ownerPid = record['ownerPid'];
  if (typeof ownerPid !== 'number' || !Number.isInteger(ownerPid) || ownerPid <= 0) return undefined;
  if (ownerPid === process.pid || !isAlive(ownerPid)) return undefined;
  return {
    ownerPid,
    mongoUri: optionalString(record['mongoUri']),
    meiliUrl: optionalString(record['meiliUrl']),
    meiliApiKey: optionalString(record['meiliApiKey']),
  };
}
