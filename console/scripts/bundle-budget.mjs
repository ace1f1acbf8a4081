#!/usr/bin/env node
// The bundle budget: the JavaScript a browser loads before the agent desk can be used (the entry
// chunk and everything it imports statically), gzipped, must stay within BUDGET_KB. Lazy chunks
// (the answer view, the finder, the sign-in page) are listed but not counted.
// Usage: node scripts/bundle-budget.mjs [distDir]   (exit 1 when over budget)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 350;

/** Gzipped sizes of the desk's first load and of each lazy chunk, from Vite's manifest. */
export function measureBundle(distDir) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const gz = (file) => gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entryKey) throw new Error('no entry in the Vite manifest');
  const firstLoad = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || firstLoad.has(chunk.file)) return;
    firstLoad.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);
  const firstLoadFiles = [...firstLoad].filter((file) => file.endsWith('.js'));
  const lazy = Object.values(manifest)
    .filter((chunk) => chunk.file.endsWith('.js') && !firstLoad.has(chunk.file))
    .map((chunk) => ({ file: chunk.file, gzipBytes: gz(chunk.file) }));
  const firstLoadBytes = firstLoadFiles.reduce((sum, file) => sum + gz(file), 0);
  return { firstLoadFiles, firstLoadBytes, lazy, budgetBytes: BUDGET_KB * 1024 };
}

/** One line per measure, for the build's output. */
export function describeBundle(report) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = report.firstLoadBytes <= report.budgetBytes ? 'within' : 'OVER';
  return [
    `console bundle: agent desk first load ${kb(report.firstLoadBytes)} gzipped JS (${report.firstLoadFiles.length} files), ${verdict} the ${kb(report.budgetBytes)} budget`,
    ...report.lazy.map((chunk) => `  lazy ${chunk.file}: ${kb(chunk.gzipBytes)}`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const distDir = path.resolve(
    process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist'),
  );
  const report = measureBundle(distDir);
  process.stdout.write(`${describeBundle(report)}\n`);
  process.exit(report.firstLoadBytes <= report.budgetBytes ? 0 : 1);
}
