/** What every row gets: the lab, the services under test, the sizes and tokens of this run. */
import type { Lab, Service } from './lab.js';

const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};

/** Sizes and repetitions; every one can be set from the environment (see bench/README.md). */
export function settings(ci: boolean) {
  return {
    ci,
    articles: number('BENCH_ARTICLES', ci ? 2_000 : 50_000),
    halls: number('BENCH_HALLS', ci ? 1_000 : 20_000),
    rounds: number('BENCH_ROUNDS', ci ? 3 : 7),
    roundRequests: number('BENCH_ROUND_REQUESTS', ci ? 20 : 60),
    concurrency: number('BENCH_CONCURRENCY', 4),
    publishCount: number('BENCH_PUBLISH_COUNT', ci ? 5 : 20),
    importBatches: number('BENCH_IMPORT_BATCHES', ci ? 1 : 4),
    importRows: number('BENCH_IMPORT_ROWS', ci ? 300 : 4_500),
    rssClients: number('BENCH_RSS_CLIENTS', 50),
    rssSeconds: number('BENCH_RSS_SECONDS', ci ? 10 : 60),
    /** Growth rows: requests per side per round (large sides can take seconds each). */
    growthRequests: number('BENCH_GROWTH_REQUESTS', ci ? 3 : 5),
  };
}
export type Settings = ReturnType<typeof settings>;

export interface Tokens {
  agent: string;
  editor: string;
  reviewer: string;
  admin: string;
}

export interface Bench {
  lab: Lab;
  settings: Settings;
  tokens: Tokens;
  /** The service on the seed-sized database. */
  small(): Promise<Service>;
  /** The service on the grown database (BENCH_ARTICLES articles, 331 + BENCH_HALLS halls). */
  large(): Promise<Service>;
  /** A service on a database of its own (seeded at start), started on first use. */
  service(name: string): Promise<Service>;
  /** Stops a service (the next use starts it again on the same database). */
  stopService(name: string): Promise<void>;
  /** Grows the large database (idempotent); returns its article and hall counts. */
  grow(): Promise<{ articles: number; halls: number }>;
  /** Problems that fail the short (CI) mode. */
  regressions: string[];
}

/** Runs `sides` in interleaved rounds (alternating which goes first), `rounds` times. */
export async function interleave(rounds: number, sides: ReadonlyArray<() => Promise<void>>): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) await side();
  }
}

/** Sends `count` requests with `concurrency` in flight; returns each one's latency (ms). */
export async function burst(
  count: number,
  concurrency: number,
  send: () => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        next += 1;
        const started = performance.now();
        await send();
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}
