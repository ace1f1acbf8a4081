/**
 * HTTP caching and compression of GraphQL answers (src/http/graphql-answer.ts and
 * src/schema/cache-policy.ts), over the wire on both paths: POST (served without Express) and GET
 * (through Express). What a CDN, the portal's proxy or a browser acts on: Cache-Control, ETag and
 * 304, Vary, Content-Encoding, and that a compressed body decodes to the same JSON.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let staffToken: string;

beforeAll(async () => {
  server = await startTestServer();
  staffToken = await server.tokenFor(['editor'], 'caching-editor');
});
afterAll(async () => {
  await server.stop();
});

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent (compressed when Content-Encoding says so). */
  raw: Buffer;
}

/** One request through node:http, which neither asks for nor decodes compression by itself. */
function request(
  method: 'GET' | 'POST',
  query: string,
  headers: Record<string, string> = {},
  variables?: Record<string, unknown>,
): Promise<RawAnswer> {
  const url = new URL(`${server.url}/graphql`);
  const body = method === 'POST' ? JSON.stringify({ query, variables }) : undefined;
  if (method === 'GET') {
    url.searchParams.set('query', query);
    if (variables) url.searchParams.set('variables', JSON.stringify(variables));
  }
  return new Promise((resolve, reject) => {
    const sent = http.request(
      url,
      {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            raw: Buffer.concat(chunks),
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

function json(answer: RawAnswer): unknown {
  const encoding = answer.headers['content-encoding'];
  const bytes =
    encoding === 'gzip'
      ? zlib.gunzipSync(answer.raw)
      : encoding === 'br'
        ? zlib.brotliDecompressSync(answer.raw)
        : answer.raw;
  return JSON.parse(bytes.toString('utf8'));
}

function varyOf(answer: RawAnswer): string[] {
  return String(answer.headers['vary'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
}

const HALLS = '{ halls(first: 5) { totalCount edges { node { code name } } } }';

describe.each(['POST', 'GET'] as const)('an anonymous listing over %s', (method) => {
  it('is public for 60 s with a weak ETag, and answers 304 to a revalidation naming it', async () => {
    const first = await request(method, HALLS);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(varyOf(first)).toEqual(expect.arrayContaining(['accept-encoding', 'authorization']));
    expect(json(first)).toMatchObject({ data: { halls: { totalCount: expect.any(Number) } } });

    const again = await request(method, HALLS, { 'if-none-match': String(etag) });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=60');

    const changed = await request(method, HALLS, { 'if-none-match': 'W/"something-else"' });
    expect(changed.status).toBe(200);
    expect(json(changed)).toEqual(json(first));
  });

  it('is kept shorter when it asks whether a hall is open now', async () => {
    const answer = await request(method, '{ halls(first: 5) { nodes { code openNow } } }');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=30');
  });

  it('is private, with no ETag, for a caller with a token', async () => {
    const answer = await request(method, HALLS, { authorization: `Bearer ${staffToken}` });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('private, no-store');
    expect(answer.headers['etag']).toBeUndefined();
    const revalidated = await request(method, HALLS, {
      authorization: `Bearer ${staffToken}`,
      'if-none-match': '*',
    });
    expect(revalidated.status).toBe(200);
  });
});

describe('what is never cached publicly', () => {
  it('a mutation is no-store', async () => {
    const answer = await request(
      'POST',
      'mutation { rateArticle(input: { id: "QXJ0aWNsZTowMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=", helpful: true }) { __typename } }',
    );
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['etag']).toBeUndefined();
  });

  it('an answer with errors is no-store', async () => {
    const answer = await request('POST', '{ halls(first: 500) { totalCount } }');
    expect(json(answer)).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('a query with a field that has no hint (viewer) is no-store, even beside a listing', async () => {
    const answer = await request('POST', `{ viewer { id } ${HALLS.slice(1, -1)} }`);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('an anonymous search of published articles is public for 30 s only', async () => {
    const answer = await request('POST', '{ searchArticles(query: "宽带", first: 3) { totalHits } }');
    expect(json(answer)).toMatchObject({ data: { searchArticles: { totalHits: expect.any(Number) } } });
    expect(answer.headers['cache-control']).toBe('public, max-age=30');
  });
});

describe('compression', () => {
  const LABELS = '{ enumLabels { enum value label } }';

  it.each(['gzip', 'br'] as const)(
    'sends a large answer %s-encoded, decoding to the same JSON',
    async (encoding) => {
      const plain = await request('POST', LABELS);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.raw.length).toBeGreaterThan(1400);

      const compressed = await request('POST', LABELS, { 'accept-encoding': encoding });
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(Number(compressed.headers['content-length'])).toBe(compressed.raw.length);
      expect(compressed.raw.length).toBeLessThan(plain.raw.length / 3);
      expect(json(compressed)).toEqual(json(plain));
      expect(varyOf(compressed)).toContain('accept-encoding');
      // The same validator for every encoding of the same answer.
      expect(compressed.headers['etag']).toBe(plain.headers['etag']);

      const viaExpress = await request('GET', LABELS, { 'accept-encoding': `${encoding}, identity;q=0.5` });
      expect(viaExpress.headers['content-encoding']).toBe(encoding);
      expect(json(viaExpress)).toEqual(json(plain));
    },
  );

  it('prefers br, and honours q=0', async () => {
    const both = await request('POST', LABELS, { 'accept-encoding': 'gzip, deflate, br' });
    expect(both.headers['content-encoding']).toBe('br');
    const noBrotli = await request('POST', LABELS, { 'accept-encoding': 'br;q=0, gzip' });
    expect(noBrotli.headers['content-encoding']).toBe('gzip');
  });

  it('leaves a small answer as it is', async () => {
    const answer = await request('POST', '{ viewer { id } }', { 'accept-encoding': 'gzip, br' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(json(answer)).toEqual({ data: { viewer: { id: 'public' } } });
    expect(varyOf(answer)).toContain('accept-encoding');
  });
});
