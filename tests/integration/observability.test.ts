/**
 * What an operator sees of the service's backends and requests: MongoDB and Meilisearch call
 * latency and failures and the indexer's failed pushes in /metrics (bounded labels: command names,
 * route templates), the metrics port, and the access log's line on both HTTP paths.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testEndpoints } from '../helpers/env.js';
import { sampleValue, scrapeMetrics } from '../helpers/prometheus.js';
import type { Sample } from '../helpers/prometheus.js';
import { waitForSearchAnswered, waitForSearchSync } from '../helpers/search-sync.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { eventually } from '../helpers/eventually.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as never);
    done();
  },
});
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN }, { indexer: true, logDestination: sink });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
  await waitForSearchAnswered(server);
}, 120_000);
afterAll(async () => {
  await server.stop();
});

const SEARCH_AND_LIST =
  'query DeskLookup { searchArticles(query: "宽带", first: 3) { totalHits degraded } articles(first: 2) { totalCount } }';

function delta(after: Sample[], before: Sample[], name: string, labels: Record<string, string> = {}): number {
  return sampleValue(after, name, labels) - sampleValue(before, name, labels);
}

describe('MongoDB and Meilisearch call metrics', () => {
  it('time every MongoDB command and Meilisearch call of a request, labelled by command and route template', async () => {
    const agent = await server.tokenFor(['agent']);
    const before = (await scrapeMetrics(`${server.url}/metrics`, METRICS_TOKEN)).samples;
    const answer = await server.graphql<{ searchArticles: { degraded: boolean } }>(
      SEARCH_AND_LIST,
      {},
      { token: agent },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.searchArticles.degraded).toBe(false);
    const { samples, types } = await scrapeMetrics(`${server.url}/metrics`, METRICS_TOKEN);

    expect(types.get('channelkb_mongodb_command_duration_seconds')).toBe('histogram');
    expect(types.get('channelkb_meilisearch_request_duration_seconds')).toBe('histogram');
    expect(types.get('channelkb_mongodb_command_failures_total')).toBe('counter');
    expect(types.get('channelkb_meilisearch_request_failures_total')).toBe('counter');
    expect(types.get('channelkb_search_index_push_failures_total')).toBe('counter');

    // The article list read MongoDB: at least one find (or aggregate), with a sane duration.
    const reads =
      delta(samples, before, 'channelkb_mongodb_command_duration_seconds_count', { command: 'find' }) +
      delta(samples, before, 'channelkb_mongodb_command_duration_seconds_count', { command: 'aggregate' });
    expect(reads).toBeGreaterThanOrEqual(1);
    const findSum = sampleValue(samples, 'channelkb_mongodb_command_duration_seconds_sum', {
      command: 'find',
    });
    const findCount = sampleValue(samples, 'channelkb_mongodb_command_duration_seconds_count', {
      command: 'find',
    });
    expect(findSum / findCount).toBeGreaterThan(0);
    expect(findSum / findCount).toBeLessThan(5);

    // The search called Meilisearch once or more with POST, on a route template.
    const meiliPosts = samples.filter(
      (s) =>
        s.name === 'channelkb_meilisearch_request_duration_seconds_count' &&
        s.labels['method'] === 'POST' &&
        delta(samples, before, s.name, s.labels) > 0,
    );
    expect(meiliPosts.length).toBeGreaterThanOrEqual(1);
    // The indexer's writes are templated: the document route of an index, by :uid.
    expect(
      sampleValue(samples, 'channelkb_meilisearch_request_duration_seconds_count', {
        route: '/indexes/:uid/settings',
      }) +
        sampleValue(samples, 'channelkb_meilisearch_request_duration_seconds_count', {
          route: '/indexes/:uid',
        }),
    ).toBeGreaterThan(0);

    // Bounded labels: no raw index name, task number or collection in any label of these families.
    const prefix = server.app.config.meili.indexPrefix;
    const callSamples = samples.filter((s) => /^channelkb_(mongodb|meilisearch)_/.test(s.name));
    for (const sample of callSamples) {
      for (const value of Object.values(sample.labels)) {
        expect(value).not.toContain(prefix);
        expect(value).not.toMatch(/\/\d+/);
        expect(value).not.toMatch(/articles|halls/);
      }
    }
    const routes = new Set(callSamples.map((s) => s.labels['route']).filter(Boolean));
    expect(routes.size).toBeLessThan(30);
    for (const route of routes) expect(route).toMatch(/^(\/[a-z-]*|\/:uid)+$|^other$/);
  }, 60_000);

  it('counts a Meilisearch call that cannot connect as a failure, and the indexer push that failed, by index', async () => {
    const endpoints = testEndpoints();
    const meiliUrl = new URL(endpoints.meiliUrl);
    const proxy = await startTcpProxy({ host: meiliUrl.hostname, port: Number(meiliUrl.port) });
    const cut = await startTestServer(
      { METRICS_TOKEN },
      {
        indexer: true,
        meili: { url: `http://127.0.0.1:${proxy.port}`, apiKey: endpoints.meiliApiKey },
      },
    );
    try {
      // The connection to Meilisearch is cut: nothing answers on its port any more.
      await proxy.close();
      const search = await cut.graphql<{ searchArticles: { degraded: boolean } }>(
        'query CutSearch { searchArticles(query: "宽带", first: 3) { degraded } }',
      );
      // The search is answered from MongoDB; the failed call is counted.
      expect(search.body.data?.searchArticles.degraded).toBe(true);
      cut.indexer?.nudge();
      await eventually(async () => {
        const { samples } = await scrapeMetrics(`${cut.url}/metrics`, METRICS_TOKEN);
        const failures = samples.filter(
          (s) =>
            s.name === 'channelkb_meilisearch_request_failures_total' && s.labels['reason'] === 'network',
        );
        expect(failures.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
        expect(failures.some((s) => s.labels['method'] === 'POST')).toBe(true);
        expect(
          sampleValue(samples, 'channelkb_search_index_push_failures_total', { index: 'articles' }),
        ).toBeGreaterThanOrEqual(1);
        expect(
          sampleValue(samples, 'channelkb_search_index_push_failures_total', { index: 'halls' }),
        ).toBeGreaterThanOrEqual(1);
      }, 20_000);
    } finally {
      await cut.stop();
    }
  }, 60_000);
});

describe('the metrics port (METRICS_PORT)', () => {
  it('serves /metrics there without a token, and not on the API port', async () => {
    const separate = await startTestServer({ METRICS_PORT: '0' });
    try {
      expect(separate.metricsUrl).toBeDefined();
      expect(separate.metricsUrl).not.toBe(separate.url);
      await separate.graphql('query Ping { __typename }');
      const { samples } = await scrapeMetrics(`${separate.metricsUrl}/metrics`);
      expect(sampleValue(samples, 'channelkb_graphql_requests_total', { operation: 'Ping' })).toBe(1);
      expect((await fetch(`${separate.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${separate.metricsUrl}/graphql`)).status).toBe(404);
    } finally {
      await separate.stop();
    }
  }, 60_000);

  it('asks for the token there too when METRICS_TOKEN is set', async () => {
    const guarded = await startTestServer({ METRICS_PORT: '0', METRICS_TOKEN });
    try {
      expect((await fetch(`${guarded.metricsUrl}/metrics`)).status).toBe(401);
      await scrapeMetrics(`${guarded.metricsUrl}/metrics`, METRICS_TOKEN);
      expect(
        (await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }))
          .status,
      ).toBe(404);
    } finally {
      await guarded.stop();
    }
  }, 60_000);
});

describe('the access log', () => {
  const lineOf = (requestId: string) =>
    lines.find((line) => line['requestId'] === requestId && line['msg'] === 'request');

  it('writes the same line on the fast path (POST JSON) and through Express (GET), with operation and subject', async () => {
    const agent = await server.tokenFor(['agent'], 'agent-007');
    await server.graphql(
      'query FastOne { __typename }',
      {},
      { token: agent, headers: { 'x-request-id': 'acc-fast-1' } },
    );
    const get = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('query SlowOne { __typename }')}`,
      { headers: { authorization: `Bearer ${agent}`, 'x-request-id': 'acc-express-1' } },
    );
    expect(get.status).toBe(200);
    await server.graphql('query Anonymous { __typename }', {}, { headers: { 'x-request-id': 'acc-anon-1' } });

    await eventually(() => {
      expect(lineOf('acc-fast-1')).toBeDefined();
      expect(lineOf('acc-express-1')).toBeDefined();
      expect(lineOf('acc-anon-1')).toBeDefined();
      return Promise.resolve();
    }, 5_000);
    const fast = lineOf('acc-fast-1') as Record<string, unknown>;
    const express = lineOf('acc-express-1') as Record<string, unknown>;
    expect(fast).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'FastOne',
      sub: 'agent-007',
    });
    expect(express).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/graphql',
      status: 200,
      operation: 'SlowOne',
      sub: 'agent-007',
    });
    for (const line of [fast, express]) {
      expect(typeof line['durationMs']).toBe('number');
      expect(line['durationMs'] as number).toBeGreaterThanOrEqual(0);
      expect(line['durationMs'] as number).toBeLessThan(10_000);
    }
    // The same fields on both paths (the values aside): nothing of the request's headers.
    expect(Object.keys(fast).sort()).toEqual(Object.keys(express).sort());
    expect(JSON.stringify(fast)).not.toContain(agent);
    const anonymous = lineOf('acc-anon-1') as Record<string, unknown>;
    expect(anonymous['operation']).toBe('Anonymous');
    expect(anonymous['sub']).toBeUndefined();
  }, 30_000);

  it('logs a refused request with its status and no operation', async () => {
    const refused = await server.graphql(
      '{ __typename }',
      {},
      {
        token: 'not-a-token',
        headers: { 'x-request-id': 'acc-refused-1' },
      },
    );
    expect(refused.status).toBe(401);
    await eventually(() => Promise.resolve(expect(lineOf('acc-refused-1')).toBeDefined()), 5_000);
    expect(lineOf('acc-refused-1')).toMatchObject({ status: 401, path: '/graphql' });
    expect(lineOf('acc-refused-1')?.['sub']).toBeUndefined();
  }, 30_000);
});
