/**
 * Metrics of the service's calls to its backends: MongoDB commands (from the driver's command
 * monitoring events) and Meilisearch requests (from the keep-alive transport), latency histograms
 * and failure counters per operation, and the indexer's failed pushes per index.
 *
 * One set per opened app (src/app.ts), created before any server: a server registers these
 * metrics in its own registry (src/http/metrics.ts). Labels are bounded: MongoDB by command name
 * (a known list, else `other`; never the collection), Meilisearch by method and route template
 * (`/indexes/:uid/search`, never the raw path; at most MAX_ROUTES templates, then `other`).
 *
 * The hot path does no label hashing: each label combination's child is looked up once and kept.
 */
import { Counter, Histogram } from 'prom-client';
import type { Metric } from 'prom-client';

/** MongoDB commands the service sends; any other name is counted as `other`. */
const MONGO_COMMANDS = new Set([
  'find',
  'getMore',
  'aggregate',
  'count',
  'distinct',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'createIndexes',
  'listIndexes',
  'listCollections',
  'drop',
  'dropDatabase',
  'ping',
  'killCursors',
  'endSessions',
  'hello',
  'isMaster',
  'buildInfo',
  'collStats',
  'dbStats',
  'create',
]);

const MAX_ROUTES = 64;
/** Path segments that are followed by a name or id of the caller's choosing. */
const ID_AFTER = new Set(['indexes', 'tasks', 'batches', 'keys', 'documents', 'dumps', 'snapshots']);
/** Fixed routes under those segments (`/indexes/:uid/documents/delete-batch`, `/tasks/cancel`). */
const NOT_AN_ID = new Set(['delete-batch', 'delete', 'fetch', 'cancel', 'swap-indexes']);

/** Why a Meilisearch call failed: no answer (`network`), too slow (`timeout`), or an error status. */
export type MeiliFailure = 'network' | 'timeout' | 'aborted' | 'status_4xx' | 'status_5xx';

/** What the Meilisearch transport reports of each call (see src/platform/meilisearch.ts). */
export interface MeiliCallObserver {
  /** One call answered or failed after `seconds`; `failure` undefined when it succeeded. */
  meiliCall(method: string, route: string, seconds: number, failure: MeiliFailure | undefined): void;
}

export interface CallMetrics extends MeiliCallObserver {
  /** The metrics, for a server's registry. */
  readonly metrics: readonly Metric[];
  /** One MongoDB command ended (`durationMs` from the driver's event); `failed` when it failed. */
  mongoCommand(commandName: string, durationMs: number, failed: boolean): void;
  /** One pass of the indexer over `index` failed (its changes stay pending and are retried). */
  indexPushFailed(index: string): void;
}

interface Observable {
  observe(value: number): void;
}
interface Incrementable {
  inc(): void;
}

/** Creates the call metrics (not registered anywhere yet; see `metrics`). */
export function createCallMetrics(): CallMetrics {
  const mongoDuration = new Histogram({
    name: 'channelkb_mongodb_command_duration_seconds',
    help: 'Time of MongoDB commands as the driver measured them, by command name.',
    labelNames: ['command'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [],
  });
  const mongoFailures = new Counter({
    name: 'channelkb_mongodb_command_failures_total',
    help: 'MongoDB commands that failed (server error, network error, timeout), by command name.',
    labelNames: ['command'] as const,
    registers: [],
  });
  const meiliDuration = new Histogram({
    name: 'channelkb_meilisearch_request_duration_seconds',
    help: 'Time of Meilisearch requests, by method and route template (e.g. /indexes/:uid/search).',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [],
  });
  const meiliFailures = new Counter({
    name: 'channelkb_meilisearch_request_failures_total',
    help: 'Meilisearch requests that failed, by method, route template and reason (network, timeout, aborted, status_4xx, status_5xx).',
    labelNames: ['method', 'route', 'reason'] as const,
    registers: [],
  });
  const pushFailures = new Counter({
    name: 'channelkb_search_index_push_failures_total',
    help: 'Indexer passes that failed to bring an index up to date (the changes stay pending and are retried), by index.',
    labelNames: ['index'] as const,
    registers: [],
  });

  // Children by label values, made once: `observe(labels, value)` would hash the labels per call.
  const mongoTimers = new Map<string, Observable>();
  const mongoFailed = new Map<string, Incrementable>();
  const meiliTimers = new Map<string, Observable>();
  const meiliFailed = new Map<string, Incrementable>();

  return {
    metrics: [mongoDuration, mongoFailures, meiliDuration, meiliFailures, pushFailures],
    mongoCommand(commandName, durationMs, failed) {
      const command = MONGO_COMMANDS.has(commandName) ? commandName : 'other';
      let timer = mongoTimers.get(command);
      if (!timer) mongoTimers.set(command, (timer = mongoDuration.labels(command)));
      timer.observe(durationMs / 1000);
      if (!failed) return;
      let counter = mongoFailed.get(command);
      if (!counter) mongoFailed.set(command, (counter = mongoFailures.labels(command)));
      counter.inc();
    },
    meiliCall(method, route, seconds, failure) {
      const key = `${method} ${route}`;
      let timer = meiliTimers.get(key);
      if (!timer) meiliTimers.set(key, (timer = meiliDuration.labels(method, route)));
      timer.observe(seconds);
      if (failure === undefined) return;
      const failedKey = `${key} ${failure}`;
      let counter = meiliFailed.get(failedKey);
      if (!counter) meiliFailed.set(failedKey, (counter = meiliFailures.labels(method, route, failure)));
      counter.inc();
    },
    indexPushFailed(index) {
      pushFailures.labels(index).inc();
    },
  };
}

/** Route templates by raw path (bounded): a search's path is the same on every call. */
const routeOfPath = new Map<string, string>();
const routesSeen = new Set<string>();

/**
 * The route template of a Meilisearch path: `/indexes/articles/search` -> `/indexes/:uid/search`,
 * `/tasks/123` -> `/tasks/:uid`, `/indexes/a/documents/42` -> `/indexes/:uid/documents/:uid`.
 * Past MAX_ROUTES distinct templates, `other`.
 */
export function meiliRouteOf(pathname: string): string {
  const known = routeOfPath.get(pathname);
  if (known !== undefined) return known;
  const segments = pathname.split('/');
  for (let at = 1; at < segments.length; at += 1) {
    const segment = segments[at] as string;
    if (ID_AFTER.has(segments[at - 1] as string) && segment !== '' && !NOT_AN_ID.has(segment)) {
      segments[at] = ':uid';
    }
  }
  let route = segments.join('/');
  if (!routesSeen.has(route)) {
    if (routesSeen.size >= MAX_ROUTES) route = 'other';
    else routesSeen.add(route);
  }
  // Task and document paths are endless: only a bounded number of raw paths is remembered.
  if (routeOfPath.size < 1_000) routeOfPath.set(pathname, route);
  return route;
}
