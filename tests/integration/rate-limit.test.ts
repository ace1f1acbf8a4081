import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServer } from '../../src/server.js';
import type { RunningServer } from '../../src/server.js';
import type { RateLimits } from '../../src/http/rate-limit.js';
import { buildPublished } from '../helpers/factories.js';
import { startTestServer } from '../helpers/test-server.js';
import type { GraphQLResponse, TestServer } from '../helpers/test-server.js';

// A second HTTP server on the test app, with small budgets: 8 requests, then one a second; 2
// anonymous mutations, then one a minute.
const SMALL: RateLimits = {
  requests: { burst: 8, perMinute: 60 },
  anonymousMutations: { burst: 2, perMinute: 1 },
  maxClients: 1_000,
};

let server: TestServer;
let limited: RunningServer;
let articleId: string;

beforeAll(async () => {
  server = await startTestServer();
  limited = await startServer(server.app, 0, '127.0.0.1', { rateLimits: SMALL });
  articleId = (await buildPublished(server, { category: 'broadband/dial-up-errors' })).id;
});
afterAll(async () => {
  await limited.stop();
  await server.stop();
});

/** POSTs to the limited server from a given loopback address (127.0.0.x stands for a client IP). */
function post(
  query: string,
  options: { from: string; token?: string; variables?: Record<string, unknown> },
): Promise<GraphQLResponse> {
  const url = new URL(`${limited.url}/graphql`);
  const body = JSON.stringify({ query, variables: options.variables ?? {} });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: options.from,
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          try {
            resolve({
              status: response.statusCode ?? 0,
              headers,
              body: JSON.parse(text) as GraphQLResponse['body'],
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const RATE = 'mutation ($id: ID!) { rateArticle(input: { id: $id, helpful: true }) { article { id } } }';
const READ = '{ categories { key } }';

function expectRateLimited(response: GraphQLResponse): number {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors).toEqual([
    {
      message: expect.any(String),
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
    },
  ]);
  return retryAfter;
}

describe('anonymous mutations', () => {
  it('are refused past their budget with 429, Retry-After and RATE_LIMITED; reads and tokens go on', async () => {
    const from = '127.0.0.11';
    for (let i = 0; i < 2; i += 1) {
      const allowed = await post(RATE, { from, variables: { id: articleId } });
      expect(allowed.status).toBe(200);
      expect(allowed.body.errors).toBeUndefined();
    }
    const refused = await post(RATE, { from, variables: { id: articleId } });
    expect(expectRateLimited(refused)).toBeGreaterThan(1);

    // The same address may still read, and a token holder there may still write.
    expect((await post(READ, { from })).status).toBe(200);
    const agent = await server.tokenFor(['agent'], 'agent-rl');
    const used = await post(
      'mutation ($id: ID!) { recordArticleUse(input: { id: $id, channel: HOTLINE }) { article { id } } }',
      {
        from,
        token: agent,
        variables: { id: articleId },
      },
    );
    expect(used.status).toBe(200);
    expect(used.body.errors).toBeUndefined();
    // Another address has its own budget.
    expect((await post(RATE, { from: '127.0.0.12', variables: { id: articleId } })).status).toBe(200);
  });
});

describe('the request budget', () => {
  it('is kept per address for anonymous callers, with 429 and Retry-After past it, then refills', async () => {
    const from = '127.0.0.21';
    for (let i = 0; i < SMALL.requests.burst; i += 1) expect((await post(READ, { from })).status).toBe(200);
    const retryAfter = expectRateLimited(await post(READ, { from }));
    // A bad token does not buy a fresh budget: it counts against the address.
    expectRateLimited(await post(READ, { from, token: 'not-a-token' }));
    expect((await post(READ, { from: '127.0.0.22' })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    expect((await post(READ, { from })).status).toBe(200);
  });

  it('is kept per token subject, so agents behind one address do not share it', async () => {
    const from = '127.0.0.31';
    const first = await server.tokenFor(['agent'], 'agent-one');
    const second = await server.tokenFor(['agent'], 'agent-two');
    for (let i = 0; i < SMALL.requests.burst; i += 1) {
      expect((await post(READ, { from, token: first })).status).toBe(200);
    }
    expectRateLimited(await post(READ, { from, token: first }));
    // The subject is the key wherever it calls from; another agent and anonymous callers are unaffected.
    expectRateLimited(await post(READ, { from: '127.0.0.32', token: first }));
    expect((await post(READ, { from, token: second })).status).toBe(200);
    expect((await post(READ, { from })).status).toBe(200);
  });
});
