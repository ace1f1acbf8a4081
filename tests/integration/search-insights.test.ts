import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DomainEvents } from '../../src/events.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// Search insights over a period: its bounds, the degraded and zero-result counts and the per-day
// series in Beijing time. Searches are logged as the search service logs them (SearchPerformed
// events through the batching writer), at fixed instants, so the test reads the same at any hour.

let server: TestServer;
let editor: { token: string };
let agent: { token: string };

beforeAll(async () => {
  server = await startTestServer();
  editor = { token: await server.tokenFor(['editor'], 'editor-insights') };
  agent = { token: await server.tokenFor(['agent'], 'agent-insights') };
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

function logSearch(query: string, at: string, outcome: { hits?: number; degraded?: boolean } = {}): void {
  const event: DomainEvents['SearchPerformed'] = {
    query,
    normalised: query.toLowerCase(),
    role: 'agent',
    channel: 'HOTLINE',
    hits: outcome.hits ?? 3,
    latencyMs: 4,
    degraded: outcome.degraded ?? false,
    at: new Date(at),
  };
  server.app.services.events.publish('SearchPerformed', event);
}

interface Insights {
  since: string;
  until: string;
  totalSearches: number;
  zeroResultSearches: number;
  degradedSearches: number;
  topQueries: Array<{ query: string; count: number; averageHits: number }>;
  zeroResultQueries: Array<{ query: string; count: number; lastAt: string }>;
  daily: Array<{ day: string; totalSearches: number; zeroResultSearches: number; degradedSearches: number }>;
}

const INSIGHTS = `query ($since: DateTime!, $until: DateTime, $first: Int) {
  searchInsights(since: $since, until: $until, first: $first) {
    since until totalSearches zeroResultSearches degradedSearches
    topQueries { query count averageHits }
    zeroResultQueries { query count lastAt }
    daily { day totalSearches zeroResultSearches degradedSearches }
  }
}`;

const insights = (variables: Record<string, unknown>, caller = editor) =>
  server.graphql<{ searchInsights: Insights | null }>(INSIGHTS, variables, caller);

// Beijing 2026-03-01 00:00 is 2026-02-28T16:00Z; the period is three Beijing days, 1-3 March.
const SINCE = '2026-02-28T16:00:00.000Z';
const UNTIL = '2026-03-03T16:00:00.000Z';

describe('search insights over a period', () => {
  beforeAll(() => {
    logSearch('before', '2026-02-28T15:59:59.999Z', { hits: 0, degraded: true }); // 28 Feb in Beijing: out
    logSearch('宽带', SINCE); // the first instant: in (1 March)
    logSearch('宽带', '2026-03-01T15:59:59.999Z'); // 1 March, 23:59 in Beijing
    logSearch('宽带', '2026-03-01T16:00:00.000Z', { hits: 5, degraded: true }); // 2 March, 00:00 in Beijing
    logSearch('xqzjkwv', '2026-03-01T17:00:00.000Z', { hits: 0 }); // 2 March
    logSearch('XQZJKWV', '2026-03-03T15:59:59.999Z', { hits: 0, degraded: true }); // the last instant: 3 March
    logSearch('after', UNTIL, { hits: 0 }); // the end is exclusive: out
  });

  it('counts only the searches from since (inclusive) to until (exclusive), by Beijing day', async () => {
    const result = expectData(await insights({ since: SINCE, until: UNTIL })).searchInsights;
    expect(result).toEqual({
      since: SINCE,
      until: UNTIL,
      totalSearches: 5,
      zeroResultSearches: 2,
      degradedSearches: 2,
      topQueries: [
        { query: '宽带', count: 3, averageHits: 3.7 },
        { query: 'xqzjkwv', count: 2, averageHits: 0 },
      ],
      zeroResultQueries: [{ query: 'xqzjkwv', count: 2, lastAt: '2026-03-03T15:59:59.999Z' }],
      daily: [
        { day: '2026-03-01', totalSearches: 2, zeroResultSearches: 0, degradedSearches: 0 },
        { day: '2026-03-02', totalSearches: 2, zeroResultSearches: 1, degradedSearches: 1 },
        { day: '2026-03-03', totalSearches: 1, zeroResultSearches: 1, degradedSearches: 1 },
      ],
    });
  });

  it('lists every day of the period, with 0 for days nobody searched', async () => {
    const result = expectData(
      await insights({ since: '2026-02-26T16:00:00.000Z', until: '2026-03-02T04:00:00.000Z' }),
    ).searchInsights;
    expect(result?.daily.map((day) => [day.day, day.totalSearches])).toEqual([
      ['2026-02-27', 0],
      ['2026-02-28', 1],
      ['2026-03-01', 2],
      ['2026-03-02', 2],
    ]);
    expect(result?.degradedSearches).toBe(2);
  });

  it('reaches up to now when until is left out, including searches just answered', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    logSearch('刚刚搜索的词', new Date().toISOString(), { hits: 0 });
    const result = expectData(await insights({ since })).searchInsights;
    expect(result?.zeroResultQueries).toEqual([expect.objectContaining({ query: '刚刚搜索的词', count: 1 })]);
    expect(Date.parse(result?.until ?? '')).toBeGreaterThan(Date.parse(since));
    expect(result?.daily.reduce((sum, day) => sum + day.totalSearches, 0)).toBe(1);
  });

  it('refuses a period that ends before it starts or is too long, naming the argument', async () => {
    const backwards = expectErrorCode(await insights({ since: UNTIL, until: SINCE }), 'BAD_USER_INPUT');
    expect(fieldPaths(backwards)).toEqual(['until']);
    const empty = expectErrorCode(await insights({ since: SINCE, until: SINCE }), 'BAD_USER_INPUT');
    expect(fieldPaths(empty)).toEqual(['until']);
    const long = expectErrorCode(
      await insights({ since: '2025-11-01T00:00:00.000Z', until: UNTIL }),
      'BAD_USER_INPUT',
    );
    expect(fieldPaths(long)).toEqual(['since']);
    expect(long.message).toContain('92 days');
    const many = expectErrorCode(
      await insights({ since: SINCE, until: UNTIL, first: 101 }),
      'BAD_USER_INPUT',
    );
    expect(fieldPaths(many)).toEqual(['first']);
    expectErrorCode(await insights({ since: SINCE, until: UNTIL }, agent), 'FORBIDDEN');
  });

  it('reads the period with the indexes the log declares', async () => {
    const indexes = await server.app.db.collection('search_log').indexes();
    expect(indexes.map((index) => index.key)).toEqual(
      expect.arrayContaining([{ at: 1 }, { hits: 1, at: -1 }]),
    );
  });
});
