#!/usr/bin/env node
// Builds the console when its build is missing or stale, so `npm start` and `npm test` on a fresh
// clone serve it with no extra command. Stale = the hash of its sources (src/, index.html, the Vite
// config, its package.json, the lockfile) differs from the one stamped into dist/ by the last build.
// The build goes to a fresh folder that replaces dist/ only when complete, so a running server never
// sees half a build. Reports the bundle budget and fails when the desk's first load is over it.
// Usage: node console/scripts/ensure-built.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBundle, measureBundle } from './bundle-budget.mjs';

const consoleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(consoleDir, 'dist');
const stampFile = path.join(distDir, '.build-stamp');
/** Bumped when the way the console is built changes, so older builds count as stale. */
const BUILD_FORMAT = '2';

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.test\.tsx?$/.test(entry.name) || entry.name === 'graphql-env.d.ts' ? [] : [full];
  });
}

/** The hash of everything the build output depends on. */
export function sourceHash() {
  const files = [
    ...sourceFiles(path.join(consoleDir, 'src')),
    path.join(consoleDir, 'index.html'),
    path.join(consoleDir, 'vite.config.ts'),
    path.join(consoleDir, 'package.json'),
    path.join(consoleDir, '..', 'package-lock.json'),
    // Bundled as the import page's sample download.
    path.join(consoleDir, '..', 'samples', 'halls.csv'),
  ].filter((file) => existsSync(file));
  const hash = createHash('sha256').update(BUILD_FORMAT).update('\0');
  for (const file of files.sort()) {
    hash.update(path.relative(consoleDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds when needed; returns what it did. @throws when the build fails or is over budget. */
export async function ensureConsoleBuilt({
  force = false,
  log = (line) => process.stdout.write(`${line}\n`),
} = {}) {
  const hash = sourceHash();
  const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (!force && current === hash) return 'fresh';
  let vite;
  try {
    vite = await import('vite');
  } catch {
    // A production install without dev tools: serve the build that is there, if any.
    log(
      existsSync(distDir)
        ? 'console: Vite is not installed; serving the existing build'
        : 'console: Vite is not installed and there is no build; the console will not be served',
    );
    return 'skipped';
  }
  const started = Date.now();
  log(
    existsSync(distDir)
      ? 'console: sources changed, rebuilding (about a minute)...'
      : 'console: building (first start, about a minute)...',
  );
  const outDir = path.join(consoleDir, `dist.tmp-${process.pid}`);
  // Always a production build (React and Ant Design without their development checks), also when
  // called from a process whose NODE_ENV says otherwise (the tests' global setup runs under "test").
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      root: consoleDir,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    const report = measureBundle(outDir);
    log(describeBundle(report));
    if (report.firstLoadBytes > report.budgetBytes)
      throw new Error('console: the agent desk first load is over its budget');
    writeFileSync(path.join(outDir, '.build-stamp'), `${hash}\n`);
    const old = path.join(consoleDir, `dist.old-${process.pid}`);
    if (existsSync(distDir)) renameSync(distDir, old);
    renameSync(outDir, distDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
  log(`console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureConsoleBuilt({ force: process.argv.includes('--force') }).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
