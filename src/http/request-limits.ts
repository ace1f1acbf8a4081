/**
 * HTTP-level limits for /graphql, applied before Apollo sees a request: body size (smaller for
 * anonymous callers, measured after decompression), document length, allowed methods, and an
 * answer in JSON when a request line or headers are too large for Node's parser.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import express from 'express';
import type { RequestHandler } from 'express';
import { MAX_QUERY_LENGTH } from '../schema/limits.js';
import { DEFAULT_LANGUAGE, languageOf } from '../i18n/language.js';
import type { Language } from '../i18n/language.js';
import { errorAnswer } from '../i18n/localize.js';

/** Request bodies, in bytes: staff (a bearer token) may send hall imports; anonymous callers need far less. */
export const BODY_LIMIT_STAFF = 5 * 1024 * 1024;
export const BODY_LIMIT_ANONYMOUS = 64 * 1024;

/** The body limit for a request with this Authorization header (any header counts as staff until checked). */
export function bodyLimitFor(authorization: string | undefined): number {
  return authorization ? BODY_LIMIT_STAFF : BODY_LIMIT_ANONYMOUS;
}

/** Parses a JSON body with the limit that fits the caller (inflated size counts, so a gzip bomb is cut off). */
export function graphqlBodyParser(): RequestHandler {
  const staff = express.json({ limit: BODY_LIMIT_STAFF });
  const anonymous = express.json({ limit: BODY_LIMIT_ANONYMOUS });
  return (req, res, next) => {
    const parser = bodyLimitFor(req.get('authorization')) === BODY_LIMIT_STAFF ? staff : anonymous;
    parser(req, res, next);
  };
}

/** The 413 answer (JSON) for a `query` document longer than MAX_QUERY_LENGTH; undefined when within it. */
export function queryTooLongAnswer(query: unknown, language: Language): string | undefined {
  if (typeof query !== 'string' || query.length <= MAX_QUERY_LENGTH) return undefined;
  return errorAnswer(
    'limit.queryLength',
    language,
    'QUERY_TOO_COMPLEX',
    { actual: query.length, max: MAX_QUERY_LENGTH },
    { limit: 'queryLength', max: MAX_QUERY_LENGTH },
  );
}

/** The `query` of a parsed POST body, if it has one. */
export function queryOfBody(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
}

/** Refuses a `query` document longer than MAX_QUERY_LENGTH characters with 413, before parsing. */
export const queryLengthLimit: RequestHandler = (req, res, next) => {
  const answer = queryTooLongAnswer(
    req.method === 'GET' ? req.query['query'] : queryOfBody(req.body),
    languageOf(req.headers['accept-language']),
  );
  if (answer !== undefined) {
    res.status(413).type('application/json').send(answer);
    return;
  }
  next();
};

/** Answers any method other than GET, POST and OPTIONS on /graphql with 405 and a JSON error. */
export const graphqlMethods: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'POST' || req.method === 'OPTIONS' || req.method === 'HEAD') {
    next();
    return;
  }
  res
    .status(405)
    .set('allow', 'GET, POST')
    .type('application/json')
    .send(
      errorAnswer('http.method', languageOf(req.headers['accept-language']), 'METHOD_NOT_ALLOWED', {
        method: req.method,
      }),
    );
};

/**
 * Answers requests Node's parser refuses (a 60 KB URL, too many headers, a malformed request)
 * with 414/431/400 and a JSON body, and drains what the client is still sending, so it reads the
 * answer instead of a connection reset.
 */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    // The headers could not be read, so neither could Accept-Language: the default language answers.
    const body = errorAnswer(
      tooLarge ? 'http.headersTooLarge' : 'http.unparsable',
      DEFAULT_LANGUAGE,
      tooLarge ? 'REQUEST_TOO_LARGE' : 'BAD_REQUEST',
    );
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    // Keep reading (and discarding) so closing does not reset a client that is still sending.
    socket.resume();
    setTimeout(() => socket.destroy(), 2_000).unref();
  });
}
