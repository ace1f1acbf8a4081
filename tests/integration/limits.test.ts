/**
 * The operation limits (README "Limits and security"): each hostile request found while trying
 * to break the service is refused before it runs, quickly, with a coded error.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { buildDraft } from '../helpers/factories.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

/** `query{...F0} fragment F0 on Query{viewer{id} ...F1 ...F1 ...F1 ...F1} ...`: 4^n fields once expanded. */
function fragmentFanOut(fragments: number): string {
  const parts = ['query { ...F0 }'];
  for (let index = 0; index < fragments; index += 1) {
    const next = index + 1 < fragments ? ` ...F${index + 1}`.repeat(4) : '';
    parts.push(`fragment F${index} on Query { viewer { id }${next} }`);
  }
  return parts.join('\n');
}

async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await action();
  return { result, ms: performance.now() - started };
}

describe('operation limits', () => {
  it('refuses a 30-fragment fan-out (4^30 fields) before it runs, and the process stays responsive', async () => {
    const { result, ms } = await timed(() => server.graphql(fragmentFanOut(30)));
    expect(result.status).toBe(400);
    const error = expectErrorCode(result, 'QUERY_TOO_COMPLEX');
    expect(error.extensions?.['limit']).toBe('cost');
    // Refused before execution: an exponential walk would take hours, not seconds.
    expect(ms).toBeLessThan(10_000);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('still answers a small fan-out that stays within the cost', async () => {
    const data = expectData(await server.graphql<{ viewer: { id: string } }>(fragmentFanOut(3)));
    expect(data.viewer.id).toBe('public');
  });

  it('refuses an operation nested deeper than 10 fields', async () => {
    let selection = 'slug';
    for (let level = 0; level < 11; level += 1) selection = `related { ${selection} }`;
    const response = await server.graphql(`{ article(slug: "x") { ${selection} } }`);
    expect(response.status).toBe(400);
    const error = expectErrorCode(response, 'QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/limit is 10/);
    expect(error.extensions).toMatchObject({ limit: 'depth', max: 10, actual: 13 });
  });

  it("answers GraphiQL's introspection query, but not introspection repeated through aliases", async () => {
    const introspection = await server.graphql(getIntrospectionQuery());
    expect(introspection.status).toBe(200);
    expect(introspection.body.errors).toBeUndefined();

    const aliased = Array.from({ length: 200 }, (_, index) => `s${index}: __schema { types { name } }`);
    const response = await server.graphql(`{ ${aliased.join(' ')} }`);
    expect(response.status).toBe(400);
    expectErrorCode(response, 'QUERY_TOO_COMPLEX');
    const twice = await server.graphql(
      '{ a: __schema { queryType { name } } b: __schema { queryType { name } } }',
    );
    expect(expectErrorCode(twice, 'QUERY_TOO_COMPLEX').extensions?.['limit']).toBe('schemaFields');
  });

  it('refuses more than 30 aliases, such as 200 aliased searches in one request', async () => {
    const searches = Array.from(
      { length: 200 },
      (_, index) => `s${index}: searchArticles(query: "宽带${index}") { totalHits }`,
    );
    const { result, ms } = await timed(() => server.graphql(`{ ${searches.join(' ')} }`));
    expect(result.status).toBe(400);
    expect(expectErrorCode(result, 'QUERY_TOO_COMPLEX').extensions?.['limit']).toBe('aliases');
    // Refused before execution: an exponential walk would take hours, not seconds.
    expect(ms).toBeLessThan(10_000);
  });

  it('refuses a document of more than 3000 tokens while parsing', async () => {
    const response = await server.graphql(`{ viewer { ${'id '.repeat(4_000)} } }`);
    expect(response.status).toBe(400);
    expect(expectErrorCode(response, 'GRAPHQL_PARSE_FAILED').message).toMatch(/3000 tokens/);
  });

  it('refuses a query document longer than 50,000 characters with 413 before parsing', async () => {
    const response = await server.graphql(`{ viewer { id } } # ${'x'.repeat(60_000)}`);
    expect(response.status).toBe(413);
    expectErrorCode(response, 'QUERY_TOO_COMPLEX');
  });

  it('cuts off a small gzipped body that expands beyond the anonymous body limit', async () => {
    const huge = JSON.stringify({ query: `{ viewer { ${'id '.repeat(1_600_000)} } }` });
    const body = gzipSync(huge);
    expect(body.length).toBeLessThan(20_000);
    const { result, ms } = await timed(() =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      }),
    );
    expect(result.status).toBe(413);
    const json = (await result.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(json.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    // Refused before execution: an exponential walk would take hours, not seconds.
    expect(ms).toBeLessThan(10_000);
  });

  it('refuses large pages multiplied by nested lists by their cost', async () => {
    const response = await server.graphql(
      '{ articles(first: 100) { nodes { history(first: 100) { revisions: nodes { version note } } } } }',
    );
    expect(response.status).toBe(400);
    const error = expectErrorCode(response, 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ limit: 'cost', max: 5000 });
    // The same shape with ordinary page sizes runs.
    const editor = await server.tokenFor(['editor']);
    const fine = await server.graphql(
      '{ articles(first: 20) { nodes { history(first: 5) { revisions: nodes { version note } } } } }',
      {},
      { token: editor },
    );
    expect(fine.body.errors).toBeUndefined();
  });

  it('counts page sizes given in variables too', async () => {
    const response = await server.graphql(
      'query ($n: Int!) { articles(first: $n) { nodes { history(first: $n) { revisions: nodes { version } } } } }',
      { n: 100 },
    );
    expect(expectErrorCode(response, 'QUERY_TOO_COMPLEX').extensions?.['limit']).toBe('cost');
  });

  it('refuses more than 20 directives', async () => {
    const fields = Array.from({ length: 21 }, () => 'id @include(if: true)').join(' ');
    const response = await server.graphql(`{ viewer { ${fields} } }`);
    expect(expectErrorCode(response, 'QUERY_TOO_COMPLEX').extensions?.['limit']).toBe('directives');
  });
});

describe('node and nodes', () => {
  it('refuses 100,000 ids quickly, and more than 100 ids with BAD_USER_INPUT naming ids', async () => {
    const many = Array.from({ length: 100_000 }, (_, index) => encodeGlobalID('Article', String(index)));
    const editor = await server.tokenFor(['editor']);
    const { result, ms } = await timed(() =>
      server.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: many }, { token: editor }),
    );
    expect(result.status).toBe(400);
    expectErrorCode(result, 'QUERY_TOO_COMPLEX');
    expect(ms).toBeLessThan(2_000);

    const justOver = many.slice(0, 101);
    const response = await server.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename } }', {
      ids: justOver,
    });
    expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toEqual(['ids']);
  });

  it('answers ids that are not global ids with BAD_USER_INPUT, and ids of types that are not nodes with null', async () => {
    const raw = await server.graphql('{ node(id: "0123456789abcdef01234567") { id } }');
    expect(fieldPaths(expectErrorCode(raw, 'BAD_USER_INPUT'))).toEqual(['id']);

    for (const typename of ['ArticleFlag', 'SynonymSet', 'ArticleRevision', 'NoSuchType', 'Article']) {
      const id = encodeGlobalID(
        typename,
        typename === 'Article' ? 'not-an-object-id' : '0123456789abcdef01234567',
      );
      const data = expectData(await server.graphql('query ($id: ID!) { node(id: $id) { id } }', { id }));
      expect(data).toEqual({ node: null });
    }
    const empty = await server.graphql('{ node(id: "QXJ0aWNsZTo=") { id } }');
    expect(fieldPaths(expectErrorCode(empty, 'BAD_USER_INPUT'))).toEqual(['id']);
  });

  it('still finds real nodes, in order, with null for the missing ones', async () => {
    const editor = await server.tokenFor(['editor']);
    const article = await buildDraft(server);
    const missing = encodeGlobalID('Article', '0123456789abcdef01234567');
    const data = expectData(
      await server.graphql<{ nodes: Array<{ id: string } | null> }>(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        { ids: [missing, article.id] },
        { token: editor },
      ),
    );
    expect(data.nodes).toEqual([null, { id: article.id }]);
  });
});

describe("request errors are the caller's, not internal", () => {
  it('answers a persisted-query hash mismatch with 400 BAD_REQUEST', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ viewer { id } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]).toMatchObject({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('answers a subscription (this API has none) with 400 BAD_REQUEST', async () => {
    const response = await server.graphql('subscription { viewer { id } }');
    expect(response.status).toBe(400);
    expect(expectErrorCode(response, 'BAD_REQUEST').message).toMatch(/no subscription/);
  });

  it('answers more than 50 bad variable values with BAD_USER_INPUT or BAD_REQUEST, never internal', async () => {
    const response = await server.graphql(
      'query ($filter: HallFilter) { halls(filter: $filter) { totalCount } }',
      {
        filter: { tiers: Array.from({ length: 80 }, () => 'NOT_A_TIER') },
      },
    );
    expect(response.status).toBe(400);
    const codes = new Set((response.body.errors ?? []).map((error) => error.extensions?.['code']));
    expect([...codes].sort()).toEqual(['BAD_REQUEST', 'BAD_USER_INPUT']);
  });
});

describe('HTTP edges', () => {
  it('answers DELETE /graphql with 405 and a JSON error', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers a 60 KB URL with 431 and a JSON body instead of resetting the connection', async () => {
    const url = new URL(`${server.url}/graphql?query=${'x'.repeat(60_000)}`);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.get(url, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
    });
    expect(status).toBe(431);
    expect(JSON.parse(body)).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TOO_LARGE' } }] });
  });
});
