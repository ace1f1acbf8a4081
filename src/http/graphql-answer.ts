/**
 * How a GraphQL answer goes on the wire, the same on the fast path (src/http/graphql-fast-path.ts)
 * and through Express: its `Cache-Control` (public for anonymous cacheable reads, see
 * src/schema/cache-policy.ts), a weak `ETag` and `304 Not Modified` for cacheable answers, and
 * compression (br or gzip) of bodies large enough to gain from it.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { HeaderMap } from '@apollo/server';
import type {
  ApolloServer,
  GraphQLRequestContextWillSendResponse,
  HTTPGraphQLResponse,
} from '@apollo/server';
import type { RequestHandler } from 'express';
import { Kind } from 'graphql';
import type { FragmentDefinitionNode } from 'graphql';
import type { Context } from '../context.js';
import { cachePolicyOf } from '../schema/cache-policy.js';

/** Bodies smaller than this are sent as they are: they fit a packet or two, and compressing costs CPU. */
export const COMPRESSION_THRESHOLD_BYTES = 1400;

/** Brotli at quality 4 and gzip at level 6: measured in README "HTTP caching and compression". */
const BROTLI_OPTIONS: zlib.BrotliOptions = {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  },
};
const GZIP_OPTIONS: zlib.ZlibOptions = { level: 6 };
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/**
 * Bodies up to this size are compressed on the spot: it takes a fraction of a millisecond, where a
 * hop to zlib's thread pool waits for a thread to be scheduled, which on a loaded machine is longer
 * (bench/compression.ts). Larger bodies are compressed off the event loop.
 */
const COMPRESS_INLINE_BYTES = 64 * 1024;

/** `body` compressed with `encoding`. */
function compress(body: string, encoding: 'br' | 'gzip'): Buffer | Promise<Buffer> {
  if (body.length <= COMPRESS_INLINE_BYTES) {
    return encoding === 'br'
      ? zlib.brotliCompressSync(body, BROTLI_OPTIONS)
      : zlib.gzipSync(body, GZIP_OPTIONS);
  }
  return encoding === 'br' ? brotli(body, BROTLI_OPTIONS) : gzip(body, GZIP_OPTIONS);
}

export const NO_STORE = 'no-store';
export const PRIVATE = 'private, no-store';

/**
 * Sets the answer's `Cache-Control` (an Apollo `willSendResponse` step): `public, max-age=N` for an
 * anonymous query without errors whose every field is cacheable, `private, no-store` for a caller
 * with a token, `no-store` for everything else (mutations, errors, uncacheable fields).
 */
export function setCacheControl(requestContext: GraphQLRequestContextWillSendResponse<Context>): void {
  const { response, operation, document, schema, contextValue } = requestContext;
  const headers = response.http.headers;
  if (!contextValue.principal.isPublic) {
    headers.set('cache-control', PRIVATE);
    return;
  }
  const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
  if (operation === undefined || document === undefined || (errors !== undefined && errors.length > 0)) {
    headers.set('cache-control', NO_STORE);
    return;
  }
  const { maxAge } = cachePolicyOf(schema, operation, () => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return fragments;
  });
  headers.set('cache-control', maxAge > 0 ? `public, max-age=${maxAge}` : NO_STORE);
}

/** The encoding to send for an Accept-Encoding header: br, else gzip, else none. */
export function encodingFor(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (acceptEncoding === undefined || acceptEncoding === '') return undefined;
  let gzipOk = false;
  for (const part of acceptEncoding.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    const refused = params.some((param) => /^\s*q\s*=\s*0(?:\.0*)?\s*$/i.test(param));
    if (refused) continue;
    if (name === 'br') return 'br';
    if (name === 'gzip' || name === 'x-gzip' || name === '*') gzipOk = true;
  }
  return gzipOk ? 'gzip' : undefined;
}

/** A weak validator of `body` (the same for every encoding of it). */
function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header names `etag` (weak comparison, as for GET revalidation). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const wanted = etag.slice(2);
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || (trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed) === wanted;
  });
}

/** Adds `names` to the response's Vary header (keeping what is there, once each). */
function addVary(res: http.ServerResponse, names: readonly string[]): void {
  const current = res.getHeader('vary');
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const lower = new Set(listed.map((name) => name.toLowerCase()));
  for (const name of names) if (!lower.has(name.toLowerCase())) listed.push(name);
  res.setHeader('vary', listed.join(', '));
}

/**
 * Writes Apollo's answer (headers, status, then the body): a cacheable answer gets a weak ETag and
 * becomes 304 when the request's If-None-Match names it; a body of COMPRESSION_THRESHOLD_BYTES or
 * more is compressed when the client accepts br or gzip.
 */
export async function writeGraphQLAnswer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  answer: HTTPGraphQLResponse,
): Promise<void> {
  for (const [name, value] of answer.headers) {
    if (name === 'vary') addVary(res, value.split(','));
    else res.setHeader(name, value);
  }
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind !== 'complete') {
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
    return;
  }
  const body = answer.body.string;
  const cacheable =
    res.statusCode === 200 && answer.headers.get('cache-control')?.startsWith('public') === true;
  if (cacheable) {
    // The answer differs with the token (a staff caller is answered privately) and the encoding.
    addVary(res, ['Accept-Encoding', 'Authorization']);
    const etag = weakEtag(body);
    res.setHeader('etag', etag);
    if (matches(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      res.removeHeader('content-type');
      res.end();
      return;
    }
  } else {
    addVary(res, ['Accept-Encoding']);
  }
  const head = req.method === 'HEAD';
  const encoding =
    body.length >= COMPRESSION_THRESHOLD_BYTES ? encodingFor(req.headers['accept-encoding']) : undefined;
  if (encoding === undefined) {
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(head ? undefined : body);
    return;
  }
  const compressed = await compress(body, encoding);
  res.setHeader('content-encoding', encoding);
  res.setHeader('content-length', compressed.length);
  res.end(head ? undefined : compressed);
}

/**
 * The Express handler of /graphql (GET queries, and the POSTs the fast path declines): what
 * `expressMiddleware` of @as-integrations/express5 does, written through writeGraphQLAnswer.
 */
export function expressGraphQL(
  apollo: ApolloServer<Context>,
  context: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => Promise<Context>,
): RequestHandler {
  return (req, res, next) => {
    const headers = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const queryAt = req.url.indexOf('?');
    apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method.toUpperCase(),
          headers,
          search: queryAt >= 0 ? req.url.slice(queryAt) : '',
          body: req.body as unknown,
        },
        context: () => context(req, res),
      })
      .then((answer) => writeGraphQLAnswer(req, res, answer))
      .catch(next);
  };
}
