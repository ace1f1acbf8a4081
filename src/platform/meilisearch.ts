/**
 * The Meilisearch client of the service, with a transport that does not stall.
 *
 * meilisearch-js sends through `fetch` with a string body; on loopback every call then waits for a
 * delayed ACK (about 44 ms a call, against 2-4 ms here). This transport sends over `node:http(s)`
 * with keep-alive connections and TCP_NODELAY, and keeps the library's contract for a custom
 * `httpClient`: it resolves to the parsed body, throws `MeilisearchApiError` for an error answer
 * (so `error.cause.code`, e.g. `index_not_found`, still works) and honours the abort signal the
 * library sets for its timeout.
 */
import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, Meilisearch } from 'meilisearch';

export interface MeiliClientOptions {
  host: string;
  apiKey?: string | undefined;
  /** Per-request timeout in milliseconds. */
  timeout: number;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
} as const;

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function bodyOf(init: RequestInit | undefined): Buffer | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('the Meilisearch transport sends string or byte bodies only');
}

/** A `fetch`-shaped transport for meilisearch-js over keep-alive `node:http(s)` (see the file comment). */
export function keepAliveTransport(input: string | URL | Request, init?: RequestInit): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const send = url.protocol === 'https:' ? https.request : http.request;
  const body = bodyOf(init);
  const signal = init?.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      // The abort reason as it is: meilisearch-js recognises its own timeout reason by identity.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      reject(signal.reason);
      return;
    }
    const request = send(
      url,
      {
        method: init?.method ?? 'GET',
        agent,
        headers: { ...headersOf(init), ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const text = Buffer.concat(chunks).toString('utf8');
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
          const answer = new Response(text, { status, statusText: response.statusMessage ?? '' });
          reject(
            new MeilisearchApiError(answer, parsed as ConstructorParameters<typeof MeilisearchApiError>[1]),
          );
        });
      },
    );
    const onAbort = (): void => {
      request.destroy();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    request.end(body);
  });
}

/** The service's Meilisearch client: keep-alive transport, the given key and per-request timeout. */
export function createMeiliClient(options: MeiliClientOptions): Meilisearch {
  return new Meilisearch({
    host: options.host,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeout: options.timeout,
    httpClient: keepAliveTransport,
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
