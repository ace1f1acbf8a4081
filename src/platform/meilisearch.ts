/**
 * The Meilisearch client of the service, with a transport that does not stall.
 *
 * meilisearch-js sends through `fetch` with a string body; on loopback every call then waits for a
 * delayed ACK (about 44 ms a call, against 2-4 ms here). This transport sends over `node:http(s)`
 * with keep-alive connections and TCP_NODELAY, and keeps the library's contract for a custom
 * `httpClient`: it resolves to the parsed body, throws `MeilisearchApiError` for an error answer
 * (so `error.cause.code`, e.g. `index_not_found`, still works), honours the caller's abort signal
 * and keeps the per-request timeout itself.
 */
import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, MeilisearchRequestTimeOutError, Meilisearch } from 'meilisearch';
import { meiliRouteOf } from '../observability/call-metrics.js';
import type { MeiliCallObserver, MeiliFailure } from '../observability/call-metrics.js';
import { KIND, startSpan, tracingEnabled } from '../observability/tracing.js';
import type { Span } from '../observability/tracing.js';

export interface MeiliClientOptions {
  host: string;
  apiKey?: string | undefined;
  /** Per-request timeout in milliseconds. */
  timeout: number;
  /** Told the method, route template, time and failure (if any) of every call (call metrics). */
  observer?: MeiliCallObserver | undefined;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
} as const;

/**
 * Header records of the Headers objects seen: meilisearch-js passes its client's own Headers object
 * on every call that adds none of its own (searches, task polls) and never changes it once built, and
 * converting a Headers object (undici sorts and joins them) cost about 0.2 ms per search.
 */
const headerRecords = new WeakMap<Headers, Record<string, string>>();

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const given = init?.headers;
  if (given instanceof Headers) {
    const known = headerRecords.get(given);
    if (known) return known;
    const record = recordOf(given);
    headerRecords.set(given, record);
    return record;
  }
  return recordOf(new Headers(given));
}

function recordOf(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function bodyOf(init: RequestInit | undefined): Buffer | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('the Meilisearch transport sends string or byte bodies only');
}

/** A `fetch`-shaped function, as meilisearch-js calls its `httpClient`. */
export type MeiliTransport = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

/**
 * A `fetch`-shaped transport for meilisearch-js over keep-alive `node:http(s)` (see the file comment)
 * that gives up after `timeoutMs` with the library's own `MeilisearchRequestTimeOutError`.
 *
 * The timeout lives here, not in meilisearch-js: given a caller's signal (its task polling passes
 * one signal to every poll of a wait), the library adds an `abort` listener to that signal per
 * request and never removes it, so a wait of a few seconds piled up dozens of listeners
 * (MaxListenersExceededWarning) and kept every request's controller alive until the wait ended.
 * This transport adds one listener per request and removes it however the request ends.
 */
export function keepAliveTransport(timeoutMs: number, observer?: MeiliCallObserver): MeiliTransport {
  return (input, init) => {
    // meilisearch-js passes a URL object; anything else is parsed.
    const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
    const secure = url.protocol === 'https:';
    const agent = secure ? agents['https:'] : agents['http:'];
    const send = secure ? https.request : http.request;
    const body = bodyOf(init);
    const signal = init?.signal ?? undefined;
    const method = init?.method ?? 'GET';
    // Observed only when someone listens: the route template and a span, or nothing.
    const route = observer || tracingEnabled() ? meiliRouteOf(url.pathname) : '';
    const span = tracingEnabled() ? meiliSpan(method, route, url) : undefined;
    const startedAt = observer ? performance.now() : 0;
    const observe = (failure: MeiliFailure | undefined, status: number | undefined): void => {
      observer?.meiliCall(method, route, (performance.now() - startedAt) / 1000, failure);
      if (!span) return;
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      if (failure !== undefined) span.setStatus({ code: 2, message: failure });
      span.end();
    };
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        observe('aborted', undefined);
        // The abort reason as it is: meilisearch-js recognises its own task-timeout reason by identity.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(signal.reason);
        return;
      }
      let settled = false;
      // Every way out goes through here: the timer and the abort listener never outlive the request.
      const settle = (outcome: () => void, failure: MeiliFailure | undefined, status?: number): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (observer || span) observe(failure, status);
        outcome();
      };
      const headers = headersOf(init);
      const request = send(
        {
          // The parts of the URL node:http needs, given as they are (a URL object is converted per call).
          protocol: url.protocol,
          hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          ...(url.username || url.password
            ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` }
            : {}),
          method,
          agent,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => settle(() => reject(error), 'network'));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            settle(
              () => {
                const text = Buffer.concat(chunks).toString('utf8');
                answer(response, text, resolve, reject);
              },
              status >= 500 ? 'status_5xx' : status >= 400 ? 'status_4xx' : undefined,
              status,
            );
          });
        },
      );
      const onAbort = (): void => {
        request.destroy();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        settle(() => reject(signal?.reason), 'aborted');
      };
      const timer = setTimeout(() => {
        request.destroy();
        settle(() => reject(new MeilisearchRequestTimeOutError(timeoutMs, init ?? {})), 'timeout');
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('socket', (socket) => socket.setNoDelay(true));
      request.on('error', (error) => settle(() => reject(error), 'network'));
      request.end(body);
    });
  };
}

/** A client span for one Meilisearch call (tracing on). */
function meiliSpan(method: string, route: string, url: URL): Span | undefined {
  return startSpan(`${method} ${route}`, KIND.CLIENT, {
    'http.request.method': method,
    'url.template': route,
    'server.address': url.hostname,
    ...(url.port ? { 'server.port': Number(url.port) } : {}),
    'db.system.name': 'meilisearch',
  });
}

/** Resolves to the parsed body of a 2xx answer; rejects with `MeilisearchApiError` for an error answer. */
function answer(
  response: http.IncomingMessage,
  text: string,
  resolve: (value: unknown) => void,
  reject: (error: Error) => void,
): void {
  const status = response.statusCode ?? 0;
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    reject(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  if (status >= 200 && status < 300) {
    resolve(parsed);
    return;
  }
  const reply = new Response(text, { status, statusText: response.statusMessage ?? '' });
  reject(new MeilisearchApiError(reply, parsed as ConstructorParameters<typeof MeilisearchApiError>[1]));
}

/**
 * The service's Meilisearch client: keep-alive transport, the given key and per-request timeout
 * (kept by the transport: meilisearch-js is given none, see keepAliveTransport).
 */
export function createMeiliClient(options: MeiliClientOptions): Meilisearch {
  return new Meilisearch({
    host: options.host,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    httpClient: keepAliveTransport(options.timeout, options.observer),
  });
}

/**
 * The Meilisearch error code (e.g. `index_not_found`) behind `error`, however the client wrapped it
 * (an API error, or a request error whose cause is one); undefined for other failures.
 */
export function meiliErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const cause: unknown = (current as { cause?: unknown }).cause;
    if (current instanceof MeilisearchApiError && typeof cause === 'object' && cause !== null) {
      const code: unknown = (cause as { code?: unknown }).code;
      if (typeof code === 'string') return code;
    }
    current = cause;
  }
  return undefined;
}
