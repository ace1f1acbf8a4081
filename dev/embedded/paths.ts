/**
 * Where the project is. dev/embedded/ runs from its sources (tsx, tests, the bench) or from the
 * `npm start` bundle under node_modules/.cache/channel-kb/start/ (see start.mjs), so paths are not
 * taken relative to the running module: the project root is the nearest folder above it that holds
 * dev/embedded/supervise.mjs, and the plain .mjs helpers and caches are found from there.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'dev', 'embedded', 'supervise.mjs'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`cannot find the project (dev/embedded/supervise.mjs) above ${from}`);
  }
}

/** The checkout's root folder (holding package.json, dev/, node_modules/). */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
/** dev/embedded/ in the checkout: the plain .mjs helpers (supervisor, emulator runner and installer). */
export const DEV_DIR = join(PROJECT_ROOT, 'dev', 'embedded');
/** The project's cache folder (node_modules/.cache/), which an emptied DATA_DIR does not clear. */
export const PROJECT_CACHE = join(PROJECT_ROOT, 'node_modules', '.cache');
