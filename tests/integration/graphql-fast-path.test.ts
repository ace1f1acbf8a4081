/**
 * POST /graphql with a plain JSON body is served without Express (src/http/graphql-fast-path.ts).
 * A query string sends the same request through the Express chain (the lean path declines it), so
 * each case here is sent both ways and must be answered alike: status, body, and the headers a
 * client or browser acts on. Plus what only a streamed body shows: an oversized chunked body.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let staffToken: string;

beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: 'https://portal.example' });
  staffToken = await server.tokenFor(['editor'], 'fast-path-editor');
});
afterAll(async () => {
  await server.stop();
});

/** The headers whose presence and value a client, proxy or browser acts on. */
const COMPARED_HEADERS = [
  'content-type',
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-resource-policy',
  'cross-origin-opener-policy',
  'x-powered-by',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'vary',
  'www-authenticate',
  'retry-after',
  'cache-control',
  'etag',
  'content-encoding',
];

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  requestId: string | null;
  body: unknown;
}

/** Request ids differ per request: the shape is compared, not the value. */
function withoutRequestIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRequestIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === 'requestId' ? '<id>' : withoutRequestIds(inner),
    ]),
  );
}

async function send(path: string, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // compared as text
  }
  return {
    status: response.status,
    headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])),
    requestId: response.headers.get('x-request-id'),
    body: withoutRequestIds(parsed),
  };
}

/** Sends the request to the lean path and through Express; both answers, lean first. */
async function bothWays(body: string | Buffer, headers: Record<string, string> = {}) {
  const sent = { 'content-type': 'application/json', ...headers };
  const lean = await send('/graphql', body, sent);
  const express = await send('/graphql?via=express', body, sent);
  return { lean, express };
}

const query = (text: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query: text, variables });

/** The ETag of a cacheable answer to `body`. */
async function etagOf(body: string | Buffer): Promise<string> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await response.arrayBuffer();
  return response.headers.get('etag') ?? 'none';
}

describe('the lean POST /graphql path answers as the Express chain does', () => {
  const cases: Array<[string, () => string | Buffer, Record<string, string>, number]> = [
    ['an ordinary query', () => query('{ viewer { id isPublic } }'), {}, 200],
    [
      'a query with variables',
      () => query('query ($n: Int) { halls(first: $n) { totalCount } }', { n: 2 }),
      {},
      200,
    ],
    ['a syntax error', () => query('{ viewer {'), {}, 400],
    ['an unknown field', () => query('{ nope }'), {}, 400],
    [
      'a bad variable',
      () => query('query ($n: Int) { halls(first: $n) { totalCount } }', { n: 'x' }),
      {},
      400,
    ],
    [
      'more aliases than allowed',
      () => query(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`),
      {},
      400,
    ],
    ['a valid token', () => query('{ viewer { id roles } }'), { authorization: 'Bearer <staff>' }, 200],
    ['a refused token', () => query('{ viewer { id } }'), { authorization: 'Bearer not.a.jwt' }, 401],
    [
      'an Authorization header that is not a bearer token',
      () => query('{ viewer { id } }'),
      { authorization: 'Basic abc' },
      401,
    ],
    ['a listed origin', () => query('{ viewer { id } }'), { origin: 'https://portal.example' }, 200],
    ['an unlisted origin', () => query('{ viewer { id } }'), { origin: 'https://evil.example' }, 200],
    [
      'a UTF-8 charset',
      () => query('{ viewer { id } }'),
      { 'content-type': 'application/json; charset=utf-8' },
      200,
    ],
    [
      'a UTF-8 byte order mark',
      () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(query('{ viewer { id } }'))]),
      {},
      200,
    ],
    ['a body that is not JSON', () => '{"query": ', {}, 400],
    ['a JSON string instead of an object', () => '"{ viewer { id } }"', {}, 400],
    ['a JSON array', () => '[]', {}, 400],
    ['an empty body', () => '', {}, 400],
    ['an object without a query', () => '{"variables": {}}', {}, 400],
    [
      'a query document over 50,000 characters',
      () => query(`{ viewer { id } }${' '.repeat(50_001)}`),
      { authorization: 'Bearer <staff>' },
      413,
    ],
    ['an anonymous body over 64 KB', () => query('{ viewer { id } }', { pad: 'x'.repeat(70_000) }), {}, 413],
    [
      'a staff body over 64 KB (under 5 MB)',
      () => query('{ viewer { id } }', { pad: 'x'.repeat(70_000) }),
      { authorization: 'Bearer <staff>' },
      200,
    ],
    ['a public listing', () => query('{ halls(first: 3) { totalCount } enumLabels { value } }'), {}, 200],
    [
      'a large public listing, compressed',
      () => query('{ enumLabels { enum value label } }'),
      { 'accept-encoding': 'gzip' },
      200,
    ],
    [
      'a public listing asked with a token',
      () => query('{ halls(first: 3) { totalCount } }'),
      { authorization: 'Bearer <staff>', 'accept-encoding': 'br' },
      200,
    ],
    [
      'a revalidation of a public listing',
      () => query('{ enumLabels { enum value label } }'),
      { 'if-none-match': '<etag>', 'accept-encoding': 'gzip' },
      304,
    ],
    [
      'an error in English',
      () => query('{ halls(first: 500) { totalCount } }'),
      { 'accept-language': 'en-US,en;q=0.9' },
      200,
    ],
    [
      'a mutation naming an article that does not exist',
      () =>
        query(
          'mutation { rateArticle(input: { id: "QXJ0aWNsZTowMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=", helpful: true }) { __typename } }',
        ),
      {},
      200,
    ],
  ];

  it.each(cases)('%s', async (_name, body, headers, status) => {
    const etag = headers['if-none-match'] ? await etagOf(body()) : '';
    const given = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        name,
        value.replace('<staff>', staffToken).replace('<etag>', etag),
      ]),
    );
    const { lean, express } = await bothWays(body(), given);
    expect(lean.status).toBe(express.status);
    if (status !== 200 || lean.status === 200) expect(lean.status).toBe(status);
    expect(lean.body).toEqual(express.body);
    expect(lean.headers).toEqual(express.headers);
    expect(lean.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sane X-Request-Id and replaces one that is not', async () => {
    const sane = await send('/graphql', query('{ viewer { id } }'), {
      'content-type': 'application/json',
      'x-request-id': 'portal-42.a:b',
    });
    expect(sane.requestId).toBe('portal-42.a:b');
    const insane = await send('/graphql', query('{ viewer { id } }'), {
      'content-type': 'application/json',
      'x-request-id': 'no spaces <allowed>',
    });
    expect(insane.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('a streamed body', () => {
  it('over the anonymous limit, sent in chunks without a length, is answered 413 after it is read', async () => {
    const url = new URL(`${server.url}/graphql`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      request.on('error', reject);
      request.write('{"query": "{ viewer { id } }", "variables": {"pad": "');
      for (let sent = 0; sent < 100 * 1024; sent += 8 * 1024) request.write('x'.repeat(8 * 1024));
      request.end('"}}');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ message: '请求体过大。', extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});
