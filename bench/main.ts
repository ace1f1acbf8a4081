/**
 * npm run bench [-- rows...]   the performance suite (bench/README.md): each row of issue 10's table
 *                              as a ratio to a baseline measured in the same run.
 * npm run bench:ci             the short mode: small data, few rounds; exits 1 only on command-count
 *                              regressions and gross ratio regressions, never on absolute times.
 * Rows: halls search publish reindex articles halls-count import rss start commands (or 1-9).
 */
import { randomBytes } from 'node:crypto';
import { settings } from './lib/context.js';
import type { Bench } from './lib/context.js';
import { openLab, settle, startService, token } from './lib/lab.js';
import type { Lab, Service } from './lib/lab.js';
import { markdownTable, printHeader, printRow } from './lib/stats.js';
import type { Row } from './lib/stats.js';
import { growthRows, reindexRow } from './rows/growth.js';
import { commandsRow, hallsCpuRow, searchRow } from './rows/reads.js';
import { suggestRow } from './rows/suggest.js';
import { coldStartRow, rssRow } from './rows/process.js';
import { importRow, publishRow } from './rows/writes.js';
import { growData } from './rows/growth.js';

// Execution order: rows on their own seed-sized databases first; the grown database last, so its
// service's background work does not load the shared MongoDB while others are measured.
const ROWS: Record<string, { id: string; run: (b: Bench) => Promise<Row | Row[]> }> = {
  commands: { id: 'cmd', run: commandsRow },
  halls: { id: '1', run: hallsCpuRow },
  search: { id: '2', run: searchRow },
  suggest: { id: 'suggest', run: suggestRow },
  publish: { id: '3', run: publishRow },
  import: { id: '7', run: importRow },
  rss: { id: '8', run: rssRow },
  start: { id: '9', run: coldStartRow },
  articles: { id: '5', run: (b) => growthRows(b, 'articles') },
  'halls-count': { id: '6', run: (b) => growthRows(b, 'halls') },
  reindex: { id: '4', run: reindexRow },
};

const args = process.argv.slice(2);
const ci = args.includes('--ci');
const wanted = args.filter((arg) => !arg.startsWith('--'));
const unknown = wanted.filter((arg) => !(arg in ROWS) && !Object.values(ROWS).some((row) => row.id === arg));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown row(s) ${unknown.join(', ')}; rows: ${Object.keys(ROWS).join(' ')} (or 1-9, cmd)\n`,
  );
  process.exit(2);
}
const selected = Object.entries(ROWS).filter(([name, row]) =>
  wanted.length === 0
    ? !ci || ['commands', 'halls', 'search', 'articles', 'halls-count'].includes(name)
    : wanted.includes(name) || wanted.includes(row.id),
);

const config = settings(ci);
const run = randomBytes(3).toString('hex');
const started = performance.now();
const lab: Lab = await openLab();
const services = new Map<string, Promise<Service>>();
const service = (name: string) => {
  let started = services.get(name);
  if (!started) {
    started = startService(lab, { db: `bench_${run}_${name}`, prefix: `bench${run}${name}_` }).then(
      async (each) => {
        await settle(each);
        return each;
      },
    );
    services.set(name, started);
  }
  return started;
};
const roles = ['agent', 'editor', 'reviewer', 'admin'] as const;
const signed = await Promise.all(roles.map((role) => token(lab, `bench-${role}`, [role])));
const bench: Bench = {
  lab,
  settings: config,
  tokens: {
    agent: signed[0] ?? '',
    editor: signed[1] ?? '',
    reviewer: signed[2] ?? '',
    admin: signed[3] ?? '',
  },
  small: () => service('small'),
  large: () => service('large'),
  service,
  stopService: async (name) => {
    const running = services.get(name);
    services.delete(name);
    await (await running?.catch(() => undefined))?.stop();
  },
  grow: () => growData(bench),
  regressions: [],
};

const rows: Row[] = [];
let failed = false;
try {
  const sizes = Object.entries(config)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  process.stdout.write(
    `channel-kb bench${ci ? ' (short mode)' : ''}: MongoDB ${lab.infra.mongoKind}, ${sizes}\n\n`,
  );
  printHeader();
  for (const [name, row] of selected) {
    try {
      const result = await row.run(bench);
      for (const each of Array.isArray(result) ? result : [result]) {
        rows.push(each);
        printRow(each);
      }
    } catch (error) {
      failed = true;
      process.stdout.write(
        `${row.id.padEnd(4)} ${name}: ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      for (const [which, each] of services) {
        const tail = (await each.catch(() => undefined))?.output.slice(-3) ?? [];
        const lines = tail.map((line) => `       ${line.slice(0, 600)}`).join('\n');
        if (tail.length) process.stdout.write(`     last output of the ${which} service:\n${lines}\n`);
      }
    }
  }
  process.stdout.write(
    `\n${markdownTable(rows)}\n\nfinished in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
} finally {
  for (const each of services.values()) await (await each.catch(() => undefined))?.stop();
  await lab.close();
}
if (bench.regressions.length > 0) {
  process.stdout.write(`\nREGRESSIONS:\n${bench.regressions.map((line) => `- ${line}`).join('\n')}\n`);
}
process.exit(ci && (failed || bench.regressions.length > 0) ? 1 : 0);
