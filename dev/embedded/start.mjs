#!/usr/bin/env node
// `npm start`: runs the service from JavaScript bundled by esbuild, rebuilt only when a source changed.
//
//   node dev/embedded/start.mjs            build the bundle if stale, then run it in this process
//   node dev/embedded/start.mjs --build    only bring the bundle up to date (exits 0 even if it cannot)
//
// Why: loading the service through tsx cost about 3-4 s of a cold start (tsx compiles every file and
// its loader hooks every module of node_modules too). The bundle holds src/main.ts and the
// development launcher (dev/embedded/launcher.ts) with everything they import, packages included
// (a few files to compile instead of about a thousand to find and read: a third less CPU at start
// than bundling only our own code); what main.ts imports dynamically is in chunks of its own, so it
// loads while the embedded services start. It lives in node_modules/.cache/channel-kb/start/ (an
// emptied DATA_DIR keeps it, a fresh `npm ci` drops it) and is first built by `postinstall`. It is
// up to date while every source file esbuild read for it has the size and mtime it had before that
// build (a file edited during the build counts as changed), and npm has not changed node_modules
// since; otherwise it is rebuilt (about 2 s) before the service starts.
//
// If esbuild is missing or the build fails, the service runs through tsx as before, after one line
// on stderr saying why. `npm run dev` (tsx watch) does not use the bundle.

import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'channel-kb', 'start');
const MANIFEST = join(CACHE, 'manifest.json');
/** Entry points, relative to ROOT; their bundles keep the same relative places under a build folder. */
const ENTRIES = ['src/main.ts', 'dev/embedded/launcher.ts'];
/** npm's record of the installed packages (the "hidden lockfile"). */
const PACKAGES_RECORD = 'node_modules/.package-lock.json';
/** Our source folders, snapshotted before a build (packages are taken as they are after it). */
const SOURCE_DIRS = ['src', 'seed', 'dev'];
/** Bumped when the build recipe below changes, so older bundles count as stale. */
const RECIPE = 4;
/** Builds older than this (and not the current one) are removed: a running service may still read its own. */
const OLD_BUILD_MS = 10 * 60_000;

const say = (line) => process.stderr.write(`[npm start] ${line}\n`);

function statOf(file) {
  try {
    const info = statSync(file);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

/** The current build's folder, if the manifest names one whose every input is unchanged. */
function freshBuild() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest?.recipe !== RECIPE || typeof manifest.dir !== 'string' || typeof manifest.inputs !== 'object')
    return undefined;
  for (const [file, was] of Object.entries(manifest.inputs)) {
    const now = statOf(join(ROOT, file));
    if (!now || now.size !== was.size || now.mtimeMs !== was.mtimeMs) return undefined;
  }
  const dir = join(CACHE, manifest.dir);
  return statOf(join(dir, 'src', 'main.mjs')) ? dir : undefined;
}

/** Sizes and mtimes of every file under the source folders, taken before a build reads them. */
function snapshotSources() {
  const snapshot = new Map();
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        const info = statOf(join(ROOT, file));
        if (info) snapshot.set(file, info);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return snapshot;
}

function removeOldBuilds(keep) {
  let names;
  try {
    names = readdirSync(join(CACHE, 'builds'));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(CACHE, 'builds', name);
    if (dir === keep) continue;
    const info = statOf(dir);
    if (info && Date.now() - info.mtimeMs > OLD_BUILD_MS) rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the bundle into a new folder and makes it current; resolves to that folder. */
async function build() {
  const esbuild = await import('esbuild');
  const before = snapshotSources();
  const name = `${Date.now().toString(36)}-${process.pid}`;
  const dir = join(CACHE, 'builds', name);
  const result = await esbuild
    .build({
      entryPoints: ENTRIES.map((entry) => join(ROOT, entry)),
      outdir: dir,
      outbase: ROOT,
      // .mjs: node_modules/ has no package.json saying "type": "module" for these files.
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // Chunks: what main.ts imports dynamically (and the packages that imports) loads while the
      // embedded services start, not before main runs.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      // Loaded only where mongod can be downloaded; it finds its own files at run time.
      external: ['mongodb-memory-server-core'],
      // Packages written as CommonJS call require(): give the ES module bundle one.
      banner: {
        js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
      },
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
    })
    // esbuild's service process would otherwise live as long as the service.
    .finally(() => esbuild.stop());
  // Packages are stood for by npm's record of the installed tree, which every install that changes
  // node_modules rewrites (checking each of their ~1,000 files would cost every start ~40 ms).
  const inputs = {};
  const installed = statOf(join(ROOT, PACKAGES_RECORD));
  if (installed) inputs[PACKAGES_RECORD] = installed;
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = relative(ROOT, resolve(ROOT, input));
    if (file.startsWith('node_modules/')) continue;
    // A file read but not in the snapshot (outside the source folders, or new) is taken as it is now.
    const info = before.get(file) ?? statOf(join(ROOT, file));
    if (info) inputs[file] = info;
  }
  mkdirSync(CACHE, { recursive: true });
  const temporary = `${MANIFEST}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify({ recipe: RECIPE, dir: join('builds', name), inputs })}\n`);
  renameSync(temporary, MANIFEST);
  removeOldBuilds(dir);
  return dir;
}

/** The bundle folder to run, or undefined (after saying why) when only tsx can run the service. */
async function bundle() {
  const fresh = freshBuild();
  if (fresh) return fresh;
  try {
    return await build();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    say(`could not bundle the service (${message}); running it through tsx instead`);
    return undefined;
  }
}

const dir = await bundle();
if (process.argv.includes('--build')) process.exit(0);
if (dir) {
  // Stack traces name the TypeScript sources (the bundle has linked source maps).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(join(dir, 'src', 'main.mjs')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, 'src', 'main.ts')).href);
}
