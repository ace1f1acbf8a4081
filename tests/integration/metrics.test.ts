/**
 * GET /metrics, as Prometheus scrapes it: only with the metrics token, in the text exposition
 * format, counting what operators watch (requests by operation and outcome, errors by code,
 * rate-limit refusals, searches by outcome, the indexer's backlog per index, the process).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { sampleValue, scrapeMetrics } from '../helpers/prometheus.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(
    { METRICS_TOKEN, RATE_LIMIT_ANON_MUTATIONS_BURST: '1', RATE_LIMIT_ANON_MUTATIONS_PER_MINUTE: '1' },
    { indexer: true },
  );
  await seedDatabase(server.app, { onlyEmpty: false });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

const scrape = () => scrapeMetrics(`${server.url}/metrics`, METRICS_TOKEN);
const valueOf = sampleValue;

describe('GET /metrics', () => {
  it('answers only with the metrics token', async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toMatch(/channelkb_/);
  });

  it('counts requests by operation and outcome, errors by code, searches, refusals, and shows the backlog', async () => {
    const before = (await scrape()).samples;

    await server.graphql('query DeskSearch { searchArticles(query: "691", first: 3) { totalHits } }');
    await server.graphql(
      'query DeskSearch { searchArticles(query: "zzqxwv nothing like this", first: 3) { totalHits } }',
    );
    await server.graphql('query BadPage { halls(first: -1) { totalCount } }');
    // Anonymous mutations: a budget of one, so the second is refused.
    const feedback = 'mutation Rate { __typename }';
    await server.graphql(feedback);
    await server.graphql(feedback);

    const { samples, types } = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      valueOf(samples, name, labels) - valueOf(before, name, labels);

    expect(types.get('channelkb_graphql_requests_total')).toBe('counter');
    expect(
      delta('channelkb_graphql_requests_total', { operation: 'DeskSearch', type: 'query', outcome: 'ok' }),
    ).toBe(2);
    expect(
      delta('channelkb_graphql_requests_total', { operation: 'BadPage', outcome: 'BAD_USER_INPUT' }),
    ).toBe(1);
    expect(delta('channelkb_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(types.get('channelkb_graphql_request_duration_seconds')).toBe('histogram');
    expect(
      delta('channelkb_graphql_request_duration_seconds_count', { operation: 'DeskSearch', type: 'query' }),
    ).toBe(2);
    expect(delta('channelkb_searches_total', { outcome: 'hits' })).toBe(1);
    expect(delta('channelkb_searches_total', { outcome: 'zero' })).toBe(1);
    expect(delta('channelkb_search_duration_seconds_count', { outcome: 'hits' })).toBe(1);
    expect(delta('channelkb_search_duration_seconds_sum', { outcome: 'hits' })).toBeGreaterThan(0);
    expect(delta('channelkb_rate_limited_total', { budget: 'anonymousMutations' })).toBe(1);
    expect(delta('channelkb_graphql_requests_total', { operation: 'Rate', outcome: 'RATE_LIMITED' })).toBe(1);

    // The backlog per index, read when scraped: nothing pending once the indexer caught up.
    expect(
      samples.some((s) => s.name === 'channelkb_search_index_pending' && s.labels['index'] === 'articles'),
    ).toBe(true);
    expect(valueOf(samples, 'channelkb_search_index_pending', { index: 'halls' })).toBe(0);
    expect(valueOf(samples, 'channelkb_search_index_lag_seconds', { index: 'articles' })).toBe(0);
    // The process.
    expect(valueOf(samples, 'channelkb_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'channelkb_process_resident_memory_bytes')).toBeGreaterThan(0);
  }, 60_000);

  it('does not exist without METRICS_TOKEN', async () => {
    const plain = await startTestServer();
    try {
      const response = await fetch(`${plain.url}/metrics`);
      expect(response.status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
