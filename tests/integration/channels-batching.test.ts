import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandStartedEvent } from 'mongodb';
import { seedDatabase } from '../../seed/index.js';
import { TEST_ENV } from '../helpers/env.js';
import { expectData } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  // Command monitoring is a client option: this file's server connects with it switched on.
  const uri = process.env[TEST_ENV.mongoUri] ?? '';
  process.env[TEST_ENV.mongoUri] = `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`;
  try {
    server = await startTestServer();
  } finally {
    process.env[TEST_ENV.mongoUri] = uri;
  }
  await seedDatabase(server.app, { onlyEmpty: false });
});
afterAll(async () => {
  await server.stop();
});

const QUERY = `query ($first: Int!) {
  halls(first: $first, filter: { regionCode: "420000" }) {
    totalCount
    facets { tier { value count } services { value count } }
    nodes {
      code openNow nextChange { at opens }
      region { name parent { name } ancestors { name } }
      channels { code halls { code region { name } } }
      relatedArticles { slug }
    }
  }
}`;

/** The MongoDB commands one GraphQL request sends (handshakes and session ends left out). */
async function commandsOf(first: number, query = QUERY): Promise<string[]> {
  const seen: string[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (!['hello', 'isMaster', 'ismaster', 'endSessions', 'ping'].includes(event.commandName)) {
      const command = event.command as Record<string, unknown>;
      const target = event.commandName === 'getMore' ? command['collection'] : command[event.commandName];
      const pipeline = command['pipeline'];
      const facet =
        Array.isArray(pipeline) &&
        pipeline.some((stage) => typeof stage === 'object' && stage !== null && '$facet' in stage);
      seen.push(`${event.commandName}:${String(target)}${facet ? ':$facet' : ''}`);
    }
  };
  server.app.mongo.on('commandStarted', listener);
  try {
    const data = expectData(await server.graphql<{ halls: { nodes?: unknown[] } }>(query, { first }));
    if (data.halls.nodes) expect(data.halls.nodes).toHaveLength(first);
  } finally {
    server.app.mongo.off('commandStarted', listener);
  }
  return seen;
}

describe('nested hall fields are batched', () => {
  it('sends the same small number of commands for 5 halls as for 50', async () => {
    const five = await commandsOf(5);
    const fifty = await commandsOf(50);
    expect(five.length).toBeGreaterThan(0);
    expect(fifty.sort()).toEqual(five.sort());
    // page, facets (one aggregate), regions by level, channels, their halls (+ getMore), articles
    expect(fifty.length).toBeLessThanOrEqual(9);
  });
});

describe('hall counts', () => {
  it('counts with the filter alone when no facets are asked for, and with one aggregate when they are', async () => {
    const countOnly = await commandsOf(
      5,
      'query ($first: Int!) { halls(first: $first, filter: { tiers: [FLAGSHIP] }) { totalCount } }',
    );
    // The driver's countDocuments is an aggregate too, but a $match and a $group: no $facet.
    expect(countOnly.filter((command) => command === 'aggregate:halls:$facet')).toEqual([]);
    expect(countOnly.filter((command) => command === 'aggregate:halls')).toHaveLength(1);
    const withFacets = await commandsOf(
      5,
      // Disjunctive facets (each facet without its own filter) still take one aggregate.
      'query ($first: Int!) { halls(first: $first, filter: { tiers: [FLAGSHIP] }) { totalCount ...F } } fragment F on HallConnection { facets { tier { value count } } }',
    );
    expect(withFacets.filter((command) => command === 'aggregate:halls:$facet')).toHaveLength(1);
    expect(withFacets.filter((command) => command === 'aggregate:halls')).toEqual([]);
  });
});
