/**
 * The API's hot path without Express: `POST /graphql` with a plain JSON body (`application/json`,
 * UTF-8, not compressed), the request every portal and the console send. It runs the same steps as
 * the Express chain in src/server.ts, in the same order and with the same answers: security headers,
 * request id, access log, CORS, the per-client rate limit (429), the body limit by caller (413, the
 * request read off first), strict JSON (400), the query length limit (413), then Apollo with the
 * same context. What it leaves out is the machinery around them: the router's walk over every
 * mounted layer, helmet computing the same headers per request, body-parser's content-type,
 * charset and decoder set-up, and the Express integration's copy of the headers.
 *
 * Everything else (GET, OPTIONS preflights, compressed or non-JSON bodies, other charsets, a query
 * string, other paths) is declined before anything is read or written, and Express answers it.
 */
import type http from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer } from '@apollo/server';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';
import type { Principal } from '../auth/principal.js';
import { languageOf } from '../i18n/language.js';
import type { Language } from '../i18n/language.js';
import type { AccessFacts } from './access-log.js';
import { corsAllows, corsAnswerHeaders, internalErrorAnswer, requestIdFor } from './middleware.js';
import { unreadableBodyAnswer } from './middleware.js';
import type { ClientIdentity, RateLimiter } from './rate-limit.js';
import { bodyLimitFor, queryOfBody, queryTooLongAnswer } from './request-limits.js';
import { writeGraphQLAnswer } from './graphql-answer.js';

/** What the GraphQL context of a request is made from. */
export interface RequestFacts {
  requestId: string;
  authorization: string | undefined;
  client: ClientIdentity;
  /** The caller the rate limiter already verified from `authorization` (undefined: no header). */
  principal: Promise<Principal> | undefined;
  /** The language of the messages (from Accept-Language). */
  language: Language;
  /** The access log's facts of this request, for GraphQL to add the operation and caller (undefined: not logged). */
  access: AccessFacts | undefined;
}

export interface FastPathOptions {
  apollo: ApolloServer<Context>;
  /** Builds the context of one request (the same function the Express chain uses). */
  contextFor(facts: RequestFacts): Promise<Context>;
  /** The headers every answer carries (src/http/security-headers.ts). */
  securityHeaders: ReadonlyArray<readonly [string, string]>;
  corsOrigins: readonly string[];
  rateLimiter: RateLimiter;
  /** The client's address as Express's `req.ip` gives it (honouring `trust proxy`). */
  clientAddress(req: http.IncomingMessage): string;
  logger: Logger;
  /** The access log (src/http/access-log.ts), the same the Express chain writes. */
  accessLog(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): AccessFacts | undefined;
}

/** `application/json`, with at most a UTF-8 charset: what express.json would parse as UTF-8. */
const PLAIN_JSON = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;

/** Whether the fast path serves this request (decided from the request line and headers alone). */
function served(req: http.IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const type = req.headers['content-type'];
  if (type === undefined || !PLAIN_JSON.test(type)) return false;
  const encoding = req.headers['content-encoding'];
  return encoding === undefined || encoding.toLowerCase() === 'identity';
}

/** Where the first character other than JSON's whitespace (RFC 8259) is, as body-parser's strict mode looks. */
function firstNonWhitespace(text: string): number {
  let at = 0;
  for (; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
  }
  return at;
}

class UnreadableBody extends Error {
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? 'request body too large' : 'request body not valid JSON');
  }
}

/**
 * Reads the body up to `limit` bytes and parses it as body-parser's strict JSON does (an empty body
 * is `{}`; anything but an object or array is refused). A body over the limit is read off to its
 * end before the 413, as body-parser does, so the client reads the answer instead of a reset.
 * @throws UnreadableBody (413 or 400).
 */
function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('error', () => reject(new UnreadableBody(400)));
    req.on('end', () => {
      if (tooLarge) {
        reject(new UnreadableBody(413));
        return;
      }
      let text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) {
        resolve({});
        return;
      }
      const first = text[firstNonWhitespace(text)];
      if (first !== '{' && first !== '[') {
        reject(new UnreadableBody(400));
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new UnreadableBody(400));
      }
    });
  });
}

/** Answers `body` (JSON) with `status`, as Express's `res.status(status).type('application/json').send(body)`. */
function sendJson(res: http.ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * Returns a handler that serves the requests it takes (see the file comment) and returns true, or
 * returns false at once, having touched nothing, for Express to answer.
 */
export function graphqlFastPath(options: FastPathOptions) {
  const { apollo, rateLimiter, logger, securityHeaders, corsOrigins } = options;

  async function serve(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    requestId: string,
    access: AccessFacts | undefined,
  ): Promise<void> {
    const origin = req.headers.origin;
    if (corsAllows(corsOrigins, origin)) {
      const answer = corsAnswerHeaders(corsOrigins, origin);
      res.setHeader('access-control-allow-origin', answer.allowOrigin);
      if (answer.vary) res.setHeader('vary', 'origin');
      res.setHeader('access-control-expose-headers', answer.exposeHeaders);
    }
    const authorization = req.headers.authorization;
    const language = languageOf(req.headers['accept-language']);
    const admission = await rateLimiter.admit(authorization, options.clientAddress(req), language);
    if (!admission.allowed) {
      res.setHeader('retry-after', String(admission.retryAfterSeconds));
      sendJson(res, 429, admission.body);
      return;
    }
    let body: unknown;
    try {
      body = await readJson(req, bodyLimitFor(authorization));
    } catch (error) {
      if (!(error instanceof UnreadableBody)) throw error;
      sendJson(res, error.status, unreadableBodyAnswer(error.status, language));
      return;
    }
    const tooLong = queryTooLongAnswer(queryOfBody(body), language);
    if (tooLong !== undefined) {
      sendJson(res, 413, tooLong);
      return;
    }
    const headers = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body },
      context: () =>
        options.contextFor({
          requestId,
          authorization,
          client: admission.client,
          principal: admission.principal,
          language,
          access,
        }),
    });
    await writeGraphQLAnswer(req, res, answer);
  }

  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    if (!served(req)) return false;
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    const incoming = req.headers['x-request-id'];
    const requestId = requestIdFor(Array.isArray(incoming) ? incoming[0] : incoming);
    res.setHeader('x-request-id', requestId);
    const access = options.accessLog(req, res, requestId);
    serve(req, res, requestId, access).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      logger.error({ err: error, requestId }, 'unhandled HTTP error');
      sendJson(res, 500, internalErrorAnswer(requestId, languageOf(req.headers['accept-language'])));
    });
    return true;
  };
}
