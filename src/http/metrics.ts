/**
 * Prometheus metrics (`prom-client`) at `GET /metrics`: on the API port for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>` (without METRICS_TOKEN the endpoint does not exist there),
 * or, with METRICS_PORT, on a port of its own only (the token then optional).
 *
 * Each server has its own registry (several servers share a process in the tests). What is counted
 * is recorded where it happens, at no cost beyond a counter increment: GraphQL requests by
 * operation, type and outcome with a latency histogram (the request hooks in src/server.ts), errors
 * by code, rate-limit refusals (src/http/rate-limit.ts), searches by outcome (the `SearchPerformed`
 * event); what is a state is read when scraped: the indexer's pending records and lag per index,
 * and the process (CPU, memory, event-loop delay, GC: prom-client's default metrics). MongoDB and
 * Meilisearch call metrics and the indexer's push failures come from src/observability/call-metrics.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppDeps } from '../context.js';
import { languageOf } from '../i18n/language.js';
import { errorAnswer } from '../i18n/localize.js';
import type { CallMetrics } from '../observability/call-metrics.js';
import { searchLag } from '../modules/indexing/index.js';

/** Operation names become a label: at most this many distinct ones, then `other` (clients choose names). */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface ServiceMetrics {
  readonly registry: Registry;
  /** One GraphQL request answered: its operation, type (query/mutation), outcome (`ok` or the first error code). */
  graphqlRequest(
    operationName: string | null | undefined,
    type: string,
    outcome: string,
    seconds: number,
  ): void;
  /** One error sent to a client, by its code. */
  graphqlError(code: string): void;
  /** A request or anonymous mutation refused by a rate limit. */
  rateLimited(budget: 'requests' | 'anonymousMutations'): void;
  /** Stops what the registry holds outside itself (event subscriptions). */
  close(): void;
}

/**
 * The server's registry and its instruments; `app.calls` (MongoDB, Meilisearch and indexer push
 * metrics, made where the clients are made) are registered in it too.
 */
export function createMetrics(
  app: Pick<AppDeps, 'db' | 'services'> & { calls?: CallMetrics | undefined },
): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'channelkb_' });
  for (const metric of app.calls?.metrics ?? []) registry.registerMetric(metric);

  const requests = new Counter({
    name: 'channelkb_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name, operation type and outcome (ok or the first error code).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'channelkb_graphql_request_duration_seconds',
    help: 'Time from the start of a GraphQL request to its answer, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'channelkb_graphql_errors_total',
    help: 'Errors sent to clients, by code (extensions.code).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'channelkb_rate_limited_total',
    help: 'Requests refused by a rate limit, by budget (requests, anonymousMutations).',
    labelNames: ['budget'] as const,
    registers: [registry],
  });
  const searches = new Counter({
    name: 'channelkb_searches_total',
    help: 'Article searches, by outcome: hits, zero (no result) or degraded (answered from MongoDB).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const searchDuration = new Histogram({
    name: 'channelkb_search_duration_seconds',
    help: 'Time an article search took in the service (Meilisearch call included), by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const projections = Object.values(app.services.projections);
  const pending = new Gauge({
    name: 'channelkb_search_index_pending',
    help: 'Records changed in MongoDB that the search index does not have yet, by index.',
    labelNames: ['index'] as const,
    registers: [registry],
    // Read at scrape time: one bounded count per index.
    collect: async () => {
      const lags = await Promise.all(projections.map((projection) => searchLag(app.db, projection)));
      projections.forEach((projection, at) => {
        const lag = lags[at];
        if (!lag) return;
        pending.set({ index: projection.name }, lag.pending);
        lagSeconds.set({ index: projection.name }, lag.lagSeconds);
      });
    },
  });
  const lagSeconds = new Gauge({
    name: 'channelkb_search_index_lag_seconds',
    help: 'Seconds since the oldest change the search index does not have yet (0 when none), by index.',
    labelNames: ['index'] as const,
    registers: [registry],
  });

  const unsubscribe = app.services.events.subscribe('SearchPerformed', (event) => {
    const outcome = event.degraded ? 'degraded' : event.hits === 0 ? 'zero' : 'hits';
    searches.inc({ outcome });
    searchDuration.observe({ outcome }, event.latencyMs / 1000);
  });

  const operationNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (operationNames.has(name)) return name;
    if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    operationNames.add(name);
    return name;
  };

  return {
    registry,
    graphqlRequest(operationName, type, outcome, seconds) {
      const operation = operationLabel(operationName);
      requests.inc({ operation, type, outcome });
      duration.observe({ operation, type }, seconds);
    },
    graphqlError(code) {
      errors.inc({ code });
    },
    rateLimited(budget) {
      refusals.inc({ budget });
    },
    close: unsubscribe,
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether an `Authorization` header carries the metrics token (always, when there is no token). */
function authorized(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return sameSecret(given, token);
}

/** The 401 answer's body in the language of `acceptLanguage`. */
const unauthorizedBody = (acceptLanguage: string | string[] | undefined) =>
  errorAnswer('auth.metricsToken', languageOf(acceptLanguage), 'UNAUTHENTICATED');

/** GET /metrics in the Prometheus text format, for `Authorization: Bearer <token>` only (401 otherwise). */
export function metricsRouter(metrics: ServiceMetrics, token: string): Router {
  const router = Router();
  const handler: RequestHandler = (req, res, next) => {
    if (!authorized(req.get('authorization'), token)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      res.status(401).type('application/json').send(unauthorizedBody(req.headers['accept-language']));
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => {
        res.setHeader('cache-control', 'no-store');
        res.type(metrics.registry.contentType).send(text);
      })
      .catch(next);
  };
  router.get('/metrics', handler);
  return router;
}

/** The metrics port: a listening server that answers GET /metrics only. */
export interface MetricsServer {
  /** e.g. http://127.0.0.1:9464 (the real port when started on port 0). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves GET /metrics alone on a port of its own (METRICS_PORT), so that the API port need not
 * expose it: without a token anyone who reaches the port may scrape; with one, only its bearer.
 * Anything else is 404, another method 405. @throws when the port cannot be bound.
 */
export async function listenMetrics(
  metrics: ServiceMetrics,
  options: { port: number; host: string; token: string | undefined },
): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end();
      return;
    }
    if (!authorized(req.headers.authorization, options.token)) {
      res
        .writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'application/json' })
        .end(unauthorizedBody(req.headers['accept-language']));
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res
          .writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' })
          .end(req.method === 'HEAD' ? undefined : text);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics failed\n');
      },
    );
  });
  // A scraper's keep-alive connection must not hold a shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
