/** Rows 1 and 2, and the command counts: reads on the seed-sized database. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findFreePort } from '../../dev/embedded/processes.js';
import { burst, interleave } from '../lib/context.js';
import type { Bench } from '../lib/context.js';
import { graphql, json, request } from '../lib/http.js';
import { ROOT } from '../lib/lab.js';
import type { Service } from '../lib/lab.js';
import { cpuMs } from '../lib/proc.js';
import { ARTICLES_COUNT, HALLS_PAGE, SEARCH } from '../lib/queries.js';
import { median, ms, plus, quantile, times, verdict } from '../lib/stats.js';
import type { Row } from '../lib/stats.js';

/** Upper bounds of MongoDB commands per request, today's figures: more means an N+1 crept in. */
const MAX_COMMANDS = { halls: 3, articles: 5 };
/** Short mode fails when row 1's CPU ratio exceeds this (a gross regression, not noise). */
const GROSS_CPU_RATIO = 4;

/** MongoDB commands of one request: the least over a few (the indexer's polls only ever add). */
export async function commandsPerRequest(
  b: Bench,
  send: () => Promise<unknown>,
): Promise<{ count: number; names: string }> {
  let best = { count: Number.POSITIVE_INFINITY, names: '' };
  for (let attempt = 0; attempt < 8; attempt += 1) {
    b.lab.mongo.counter.reset();
    await send();
    await delay(5);
    if (b.lab.mongo.counter.total < best.count)
      best = { count: b.lab.mongo.counter.total, names: b.lab.mongo.counter.summary() };
  }
  return best;
}

/** Starts a hand-written baseline (`bench/baseline/<script>`) on a free port, ready when /readyz is. */
async function startBaseline(
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [resolve(ROOT, 'bench/baseline', script)], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'], NODE_ENV: 'production', PORT: String(port), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    if ((await request(`${url}/readyz`).catch(() => undefined))?.status === 200) break;
    if (tries > 500 || child.exitCode !== null) throw new Error(`the baseline ${script} did not start`);
    await delay(20);
  }
  const exited = once(child, 'exit');
  return { url, pid: child.pid ?? 0, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

interface Side {
  cpu: number[];
  latency: number[];
}

async function measureCpu(b: Bench, pid: number, send: () => Promise<unknown>, side: Side): Promise<void> {
  const { roundRequests, concurrency } = b.settings;
  const before = cpuMs(pid);
  side.latency.push(...(await burst(roundRequests, concurrency, send)));
  side.cpu.push((cpuMs(pid) - before) / roundRequests);
}

type HallsData = { halls: { nodes: Array<{ code: string }> } };

/** Row 1: server CPU per `halls(first: 20)` request, service vs the hand-written handler. */
export async function hallsCpuRow(b: Bench): Promise<Row> {
  const service = await b.small();
  const baseline = await startBaseline('halls-server.mjs', {
    MONGODB_URI: b.lab.mongo.uri,
    MONGODB_DB: service.db,
  });
  try {
    const viaService = () => graphql<HallsData>(service.endpoint, HALLS_PAGE, { first: 20 });
    const viaBaseline = () => json<{ data: HallsData }>(`${baseline.url}/halls?first=20`);
    const [a, c] = [await viaService(), await viaBaseline()];
    const same =
      a.data.halls.nodes.map((hall) => hall.code).join() ===
      c.data.halls.nodes.map((hall) => hall.code).join();
    if (!same) throw new Error('row 1: the baseline handler does not answer the same halls as the service');
    for (let warm = 0; warm < 30; warm += 1) await Promise.all([viaService(), viaBaseline()]);
    const svc: Side = { cpu: [], latency: [] };
    const base: Side = { cpu: [], latency: [] };
    await interleave(b.settings.rounds, [
      () => measureCpu(b, service.pid, viaService, svc),
      () => measureCpu(b, baseline.pid, viaBaseline, base),
    ]);
    const commands = await commandsPerRequest(b, viaService);
    const baseCommands = await commandsPerRequest(b, viaBaseline);
    const ratio = median(svc.cpu) / median(base.cpu);
    if (ratio > GROSS_CPU_RATIO) b.regressions.push(`row 1: CPU ratio ${times(ratio)} > ${GROSS_CPU_RATIO}x`);
    return {
      id: '1',
      measure: 'halls(first:20) server CPU per request',
      service: ms(median(svc.cpu)),
      baseline: ms(median(base.cpu)),
      ratio: times(ratio),
      target: '<= 2.0x',
      verdict: verdict(ratio <= 2),
      notes: [
        `latency p50 ${ms(median(svc.latency))} vs ${ms(median(base.latency))} (${b.settings.concurrency} in flight); per-round CPU ms: ${svc.cpu.map((v) => v.toFixed(1)).join(' ')} | ${base.cpu.map((v) => v.toFixed(1)).join(' ')}`,
        `MongoDB commands per request: service ${commands.count} (${commands.names}), handler ${baseCommands.count} (${baseCommands.names})`,
      ],
    };
  } finally {
    await baseline.stop();
  }
}

/** Row 2: searchArticles latency minus raw Meilisearch latency for the multi-search the service sends. */
export async function searchRow(b: Bench): Promise<Row> {
  const service = await b.small();
  const variables = { query: process.env['BENCH_SEARCH_QUERY'] ?? '宽带 拨号 691' };
  const viaService = () => graphql(service.endpoint, SEARCH, variables);
  await viaService();
  const sent = b.lab.meili.searches.at(-1);
  if (!sent) throw new Error('row 2: the service sent no search to Meilisearch');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${b.lab.meiliKey}` };
  const raw = async () => {
    const reply = await request(`${b.lab.meili.url}${sent.path}`, {
      method: sent.method,
      body: sent.body,
      headers,
    });
    if (reply.status !== 200) throw new Error(`raw search: HTTP ${reply.status} ${reply.body.toString()}`);
  };
  // The floor: a hand-written node:http forwarder of the same multi-search (one HTTP hop more than raw,
  // and a JSON reshape): what any service in front of Meilisearch pays on this machine.
  const forwarder = await startBaseline('search-forwarder.mjs', {
    MEILI_URL: b.lab.meili.url,
    MEILI_API_KEY: b.lab.meiliKey,
  });
  const forwarded = async () => {
    const reply = await request(`${forwarder.url}/graphql`, { method: 'POST', body: sent.body, headers });
    if (reply.status !== 200) throw new Error(`forwarder: HTTP ${reply.status} ${reply.body.toString()}`);
  };
  // The GraphQL floor: Apollo Server with one resolver sending the same multi-search (Apollo's request
  // pipeline and execution added to the forwarder's hop): what any Apollo service pays here.
  const apollo = await startBaseline('search-apollo.mjs', {
    MEILI_URL: b.lab.meili.url,
    MEILI_API_KEY: b.lab.meiliKey,
  });
  const graphqlBody = JSON.stringify({ query: SEARCH, variables });
  const viaApollo = async () => {
    const reply = await request(`${apollo.url}/graphql`, {
      method: 'POST',
      body: graphqlBody,
      headers: { 'content-type': 'application/json' },
    });
    if (reply.status !== 200 || reply.body.includes('"errors"'))
      throw new Error(`Apollo floor: HTTP ${reply.status} ${reply.body.toString()}`);
  };
  const svc: number[] = [];
  const base: number[] = [];
  const floor: number[] = [];
  const apolloFloor: number[] = [];
  const per = Math.max(10, Math.round(b.settings.roundRequests / 2));
  try {
    const primed = await request(`${apollo.url}/prime`, {
      method: 'POST',
      body: JSON.stringify({ query: variables.query, body: sent.body.toString() }),
      headers: { 'content-type': 'application/json' },
    });
    if (primed.status !== 204) throw new Error(`Apollo floor: priming answered HTTP ${primed.status}`);
    for (let warm = 0; warm < 20; warm += 1)
      await Promise.all([viaService(), raw(), forwarded(), viaApollo()]);
    await interleave(b.settings.rounds * 2, [
      async () => void svc.push(...(await burst(per, 1, viaService))),
      async () => void base.push(...(await burst(per, 1, raw))),
      async () => void floor.push(...(await burst(per, 1, forwarded))),
      async () => void apolloFloor.push(...(await burst(per, 1, viaApollo))),
    ]);
  } finally {
    await forwarder.stop();
    await apollo.stop();
  }
  const p50 = median(svc) - median(base);
  const p95 = quantile(svc, 0.95) - quantile(base, 0.95);
  const commands = await commandsPerRequest(b, viaService);
  return {
    id: '2',
    measure: 'searchArticles latency over raw Meilisearch',
    service: `${ms(median(svc))} / ${ms(quantile(svc, 0.95))}`,
    baseline: `${ms(median(base))} / ${ms(quantile(base, 0.95))}`,
    ratio: `${plus(p50)} / ${plus(p95)}`,
    target: '+2 ms p50, +5 ms p95',
    verdict: verdict(p50 <= 2 && p95 <= 5),
    notes: [
      `p50 / p95 over ${svc.length} sequential requests each; replayed ${sent.method} ${sent.path} (${sent.body.length} bytes)`,
      `floor (bench/baseline/search-forwarder.mjs): ${ms(median(floor))} / ${ms(quantile(floor, 0.95))}, ` +
        `${plus(median(floor) - median(base))} / ${plus(quantile(floor, 0.95) - quantile(base, 0.95))} over raw`,
      `Apollo floor (bench/baseline/search-apollo.mjs): ${ms(median(apolloFloor))} / ${ms(quantile(apolloFloor, 0.95))}, ` +
        `${plus(median(apolloFloor) - median(base))} / ${plus(quantile(apolloFloor, 0.95) - quantile(base, 0.95))} over raw`,
      `MongoDB commands per search: ${commands.count} (${commands.names})`,
    ],
  };
}

/** The N+1 guard: a page of 5 and of 50 must cost the same few commands (short mode fails otherwise). */
export async function commandsRow(b: Bench): Promise<Row> {
  const service: Service = await b.small();
  const count = (query: string, first: number, token?: string) =>
    commandsPerRequest(b, () => graphql(service.endpoint, query, { first }, token));
  const halls5 = await count(HALLS_PAGE, 5);
  const halls50 = await count(HALLS_PAGE, 50);
  const articles5 = await count(ARTICLES_COUNT, 5, b.tokens.agent);
  const articles50 = await count(ARTICLES_COUNT, 50, b.tokens.agent);
  const problems: string[] = [];
  if (halls5.count !== halls50.count || halls50.count > MAX_COMMANDS.halls)
    problems.push(
      `halls(first:5/50) use ${halls5.count}/${halls50.count} commands (expected equal, at most ${MAX_COMMANDS.halls})`,
    );
  if (articles5.count !== articles50.count || articles50.count > MAX_COMMANDS.articles)
    problems.push(
      `articles(first:5/50) use ${articles5.count}/${articles50.count} commands (expected equal, at most ${MAX_COMMANDS.articles})`,
    );
  b.regressions.push(...problems);
  return {
    id: 'cmd',
    measure: 'MongoDB commands: halls 5/50, articles 5/50',
    service: `${halls5.count}/${halls50.count}, ${articles5.count}/${articles50.count}`,
    baseline: '',
    ratio: '',
    target: `<= ${MAX_COMMANDS.halls}, <= ${MAX_COMMANDS.articles}, equal`,
    verdict: verdict(problems.length === 0),
    notes: [`halls(first:50): ${halls50.names}; articles(first:50): ${articles50.names}`],
  };
}
