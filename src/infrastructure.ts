/**
 * The one door from production code to the development launcher in dev/embedded/ (embedded
 * Meilisearch, mongod or the MongoDB emulator). With MONGODB_URI and MEILI_URL both set, the
 * configured services are used and dev/ is never loaded. Otherwise the launcher is imported at run
 * time from a source checkout; a build or image without dev/ gets an error naming what to set.
 * ESLint (eslint.config.js) forbids every other file under src/ to import or name dev/.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from './logger.js';

export interface InfrastructureOptions {
  /** A MongoDB to use instead of an embedded one. Empty means unset. */
  mongoUri?: string | undefined;
  /** A Meilisearch to use instead of an embedded one. Empty means unset. */
  meiliUrl?: string | undefined;
  /** The configured Meilisearch's API key (ignored for the embedded one, whose master key is generated). */
  meiliApiKey?: string | undefined;
  /** The service's data directory (e.g. `.data`): embedded data, or for ephemeral runs `<dataDir>/tmp/<random>`. */
  dataDir: string;
  /** Tests: embedded services keep their data in a fresh temp directory (MongoDB in memory), removed by stop(). */
  ephemeral: boolean;
  logger: Logger;
}

export interface Infrastructure {
  mongoUri: string;
  mongoKind: 'configured' | 'mongod' | 'emulator';
  meiliUrl: string;
  /** The configured key, or the embedded instance's master key. */
  meiliApiKey: string | undefined;
  /** Which services were started here. */
  embedded: { mongo: boolean; meili: boolean };
  /** Stops what was started here (and removes an ephemeral run's directory); idempotent, never throws. */
  stop(): Promise<void>;
}

/** What dev/embedded/launcher.ts exports. */
export interface DevLauncher {
  provideInfrastructure(options: InfrastructureOptions): Promise<Infrastructure>;
}

/**
 * Where the development launcher is: `dev/` beside `src/` in a checkout (run by tsx). From a build
 * (`dist/src/`) this points at `dist/dev/`, which no build holds. Not a literal `import()`, so
 * TypeScript neither type-checks dev/ as part of src nor compiles it into dist/.
 */
export const DEV_LAUNCHER_URL = new URL('../dev/embedded/launcher.ts', import.meta.url);

/**
 * The launcher as `npm start` runs it: bundled to JavaScript beside the bundled `src/` (see
 * dev/embedded/start.mjs). Tried when DEV_LAUNCHER_URL is absent; no build holds it either.
 */
export const BUNDLED_DEV_LAUNCHER_URL = new URL('../dev/embedded/launcher.mjs', import.meta.url);

function configured(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

async function loadDevLauncher(launcherUrls: readonly URL[], missing: string[]): Promise<DevLauncher> {
  const launcherUrl = launcherUrls.find((url) => existsSync(fileURLToPath(url))) ?? launcherUrls[0];
  const file = launcherUrl ? fileURLToPath(launcherUrl) : '(no launcher path)';
  if (launcherUrl === undefined || !existsSync(file)) {
    throw new Error(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set, and this installation has no ` +
        `development launcher (${file} is absent) to start embedded services: set MONGODB_URI and MEILI_URL ` +
        `(with MEILI_API_KEY) to the MongoDB and Meilisearch to use. Embedded services run only from a source ` +
        `checkout (npm start).`,
    );
  }
  const loaded: unknown = await import(launcherUrl.href);
  if (
    typeof loaded !== 'object' ||
    loaded === null ||
    !('provideInfrastructure' in loaded) ||
    typeof loaded.provideInfrastructure !== 'function'
  ) {
    throw new Error(`${file} does not export provideInfrastructure`);
  }
  return loaded as DevLauncher;
}

/**
 * Returns the MongoDB and Meilisearch to use: the configured ones when MONGODB_URI and MEILI_URL
 * are both set (dev/ untouched), else whatever the development launcher provides (configured values
 * still win, missing ones are started embedded). `launcherUrl` is for tests (the first that exists is used).
 * @throws when a service is missing and dev/ is absent (the message names MONGODB_URI / MEILI_URL),
 * or when the launcher cannot start an embedded service.
 */
export async function provideInfrastructure(
  options: InfrastructureOptions,
  launcherUrl: URL | readonly URL[] = [DEV_LAUNCHER_URL, BUNDLED_DEV_LAUNCHER_URL],
): Promise<Infrastructure> {
  const mongoUri = configured(options.mongoUri);
  const meiliUrl = configured(options.meiliUrl);
  if (mongoUri !== undefined && meiliUrl !== undefined) {
    return {
      mongoUri,
      mongoKind: 'configured',
      meiliUrl,
      meiliApiKey: configured(options.meiliApiKey),
      embedded: { mongo: false, meili: false },
      stop: () => Promise.resolve(),
    };
  }
  const missing = [
    mongoUri === undefined ? 'MONGODB_URI' : [],
    meiliUrl === undefined ? 'MEILI_URL' : [],
  ].flat();
  const launcher = await loadDevLauncher(launcherUrl instanceof URL ? [launcherUrl] : launcherUrl, missing);
  return launcher.provideInfrastructure(options);
}
