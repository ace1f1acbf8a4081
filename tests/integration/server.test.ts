import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { expectData, expectErrorCode } from '../helpers/graphql.js';
import { startTestServer, TEST_JWT_SECRET } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const VIEWER = 'query Viewer { viewer { id roles isPublic } }';

describe('who is calling', () => {
  it('answers the public principal without a token', async () => {
    const response = await server.graphql(VIEWER);
    expect(response.status).toBe(200);
    expect(expectData(response)).toEqual({ viewer: { id: 'public', roles: [], isPublic: true } });
  });

  it('answers the subject and roles of a valid token', async () => {
    const token = await server.tokenFor(['editor', 'reviewer'], 'alice');
    const data = expectData(await server.graphql(VIEWER, {}, { token }));
    expect(data).toEqual({ viewer: { id: 'alice', roles: ['EDITOR', 'REVIEWER'], isPublic: false } });
  });

  it('refuses a bad token with 401 UNAUTHENTICATED instead of treating it as public', async () => {
    const response = await server.graphql(VIEWER, {}, { token: 'not.a.jwt' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.body.data).toBeUndefined();
    expectErrorCode(response, 'UNAUTHENTICATED');
  });

  it('refuses an expired token, saying so', async () => {
    const expired = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const response = await server.graphql(VIEWER, {}, { token: expired });
    expect(response.status).toBe(401);
    expect(expectErrorCode(response, 'UNAUTHENTICATED').message).toMatch(/expired/);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await server.graphql(
      VIEWER,
      {},
      { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } },
    );
    expect(response.status).toBe(401);
    expectErrorCode(response, 'UNAUTHENTICATED');
  });
});

describe('GraphQL over HTTP', () => {
  it('answers with application/graphql-response+json when the client accepts it', async () => {
    const response = await server.graphql(VIEWER);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('answers a syntax error with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const response = await server.graphql('query { viewer { id ');
    expect(response.status).toBe(400);
    expectErrorCode(response, 'GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await server.graphql('query { viewer { password } }');
    expect(response.status).toBe(400);
    expect(expectErrorCode(response, 'GRAPHQL_VALIDATION_FAILED').message).toMatch(/password/);
  });

  it('refuses an operation nested deeper than the limit with 400, before running it', async () => {
    let selection = 'slug';
    for (let level = 0; level < 11; level += 1) selection = `related { ${selection} }`;
    const response = await server.graphql(`{ article(slug: "x") { ${selection} } }`);
    expect(response.status).toBe(400);
    expect(expectErrorCode(response, 'QUERY_TOO_COMPLEX').message).toMatch(/limit is 10/);
    const introspection = await server.graphql(
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }',
    );
    expect(introspection.status).toBe(200);
  });

  it('serves queries over GET', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`;
    const response = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { id: 'public' } } });
  });

  it('refuses a mutation over GET with 405 and runs nothing', async () => {
    const mutation =
      'mutation { rateArticle(input: { id: "000000000000000000000000", helpful: true }) { article { id } } }';
    const url = `${server.url}/graphql?query=${encodeURIComponent(mutation)}`;
    const response = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    // No Accept-Language: Chinese, with Apollo's English kept for developers.
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.errors[0]?.message).toBe('GET 请求只支持 query 操作，不支持 mutation 操作');
    expect(body.errors[0]?.extensions['englishMessage']).toMatch(
      /GET requests only support query operations/,
    );
  });

  it('answers a body that is not JSON with 400 in the GraphQL error shape, in Chinese unless English is asked', async () => {
    const send = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"query": ',
      });
    const chinese = await send({});
    expect(chinese.status).toBe(400);
    expect(await chinese.json()).toEqual({
      errors: [{ message: '请求体不是有效的 JSON。', extensions: { code: 'BAD_REQUEST' } }],
    });
    const english = await send({ 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' });
    expect(await english.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await server.graphql(VIEWER, {}, { headers: { 'x-request-id': 'portal-123' } });
    expect(given.headers.get('x-request-id')).toBe('portal-123');
    const invented = await server.graphql(VIEWER, {}, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows browser portals on other origins (CORS preflight)', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://portal.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });
});

describe('probes', () => {
  it('says alive on /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('says ready on /readyz when MongoDB and Meilisearch answer', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ready');
    expect(body.checks['mongodb']?.ok).toBe(true);
    expect(body.checks['meilisearch']?.ok).toBe(true);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
  });
});
