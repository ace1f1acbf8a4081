/**
 * The access log, written by `pino-http`: one line per finished request, the same on the Express
 * chain and on the GraphQL fast path (src/http/graphql-fast-path.ts), both calling the one handler
 * made here with the raw node:http request and response:
 *
 *   {"level":"info","requestId":"…","method":"POST","path":"/graphql","status":200,
 *    "durationMs":3.1,"operation":"SearchArticles","sub":"agent-7","msg":"request"}
 *
 * `operation` and `sub` are filled in by the GraphQL request hooks (src/server.ts) through the
 * request's AccessFacts; a request that never reached GraphQL has neither. Probes log at debug.
 *
 * pino-http's per-request cost is kept to what the hand-written log cost: nothing is hooked when the
 * line's level is off; the request is not serialised into the child logger pino-http makes (its
 * `req` serializer returns nothing) and no custom props make a second child; the line is built from
 * the facts kept here, not from pino-http's request/response serializers.
 */
import type http from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';
import { traceFields, tracingEnabled } from '../observability/tracing.js';

/** What the access line says beyond the request line and status, filled in as the request goes. */
export interface AccessFacts {
  /** performance.now() when the request came in. */
  readonly started: number;
  requestId: string;
  /** The GraphQL operation name, once resolved. */
  operation?: string | undefined;
  /** The caller's token subject (absent for anonymous callers). */
  sub?: string | undefined;
  /** The request's trace and span ids (tracing on), taken when it came in: the line is written after its span. */
  trace?: Record<string, string> | undefined;
}

const factsOfResponse = new WeakMap<http.ServerResponse, AccessFacts>();

/** The AccessFacts of a request being logged (undefined when its line is not written). */
export function accessFactsOf(res: http.ServerResponse): AccessFacts | undefined {
  return factsOfResponse.get(res);
}

/** The path of the request line, without the query (Express's `originalUrl` when it rewrote `url`). */
function pathOf(req: http.IncomingMessage): string {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function isProbe(path: string): boolean {
  return path === '/healthz' || path === '/readyz';
}

/** The access line of a finished request. */
function lineOf(req: http.IncomingMessage, res: http.ServerResponse) {
  const facts = factsOfResponse.get(res);
  return {
    requestId: facts?.requestId ?? 'unknown',
    method: req.method ?? '',
    path: pathOf(req),
    status: res.statusCode,
    durationMs: facts ? Math.round((performance.now() - facts.started) * 10) / 10 : 0,
    ...(facts?.operation ? { operation: facts.operation } : {}),
    ...(facts?.sub ? { sub: facts.sub } : {}),
    ...facts?.trace,
  };
}

/**
 * Returns the access logger: call it when a request comes in (its request id already chosen); it
 * returns the request's AccessFacts, or undefined when the line would not be written (level off).
 */
export function accessLogger(
  logger: Logger,
): (req: http.IncomingMessage, res: http.ServerResponse, requestId: string) => AccessFacts | undefined {
  const handler = pinoHttp({
    logger,
    genReqId: (_req, res) => factsOfResponse.get(res)?.requestId ?? 'unknown',
    // The request is not serialised into pino-http's per-request child logger: the line says what matters.
    serializers: { req: () => undefined },
    wrapSerializers: false,
    customLogLevel: (req) => (isProbe(pathOf(req)) ? 'debug' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res) => lineOf(req, res),
    customErrorObject: (req, res) => lineOf(req, res),
  });
  return (req, res, requestId) => {
    if (!logger.isLevelEnabled(isProbe(pathOf(req)) ? 'debug' : 'info')) return undefined;
    const facts: AccessFacts = {
      started: performance.now(),
      requestId,
      ...(tracingEnabled() ? { trace: traceFields() } : {}),
    };
    factsOfResponse.set(res, facts);
    handler(req, res);
    return facts;
  };
}
