import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * Operations run on graphql-js the first time and compiled by graphql-jit from the second
 * (src/schema/jit-executor.ts). Clients must not be able to tell: each operation below is sent three
 * times and the answers (data, errors with their codes, paths and locations, HTTP status) compared.
 */

let server: TestServer;
let agent: string;

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
  agent = await server.tokenFor(['agent'], 'agent-jit');
}, 240_000);
afterAll(async () => {
  await server.stop();
});

/** name, operation, variables, as an agent, whether the answer carries errors */
const OPERATIONS: Array<[string, string, Record<string, unknown>, boolean, boolean]> = [
  [
    'a page of halls with nested fields, fragments, aliases and skip/include',
    `query ($first: Int!, $withHours: Boolean!) {
      halls(first: $first) {
        pageInfo { hasNextPage endCursor }
        nodes { ...H open: openNow region { code name } channels { code name type }
          openingHours @include(if: $withHours) { weekly { start end } special { date closed } } }
      }
    }
    fragment H on Hall { __typename id code name tier operation area location { lat lng } status }`,
    { first: 20, withHours: true },
    false,
    false,
  ],
  [
    'articles with nested fields and a count, as an agent',
    `{ articles(first: 10) { count(upTo: 1000) { count precision }
        edges { cursor node { id slug title audience category { key name } related { slug } translations { locale } } } } }`,
    {},
    true,
    false,
  ],
  [
    'a search with facets and highlights',
    `query ($q: String!) { searchArticles(query: $q, first: 5) { totalHits degraded
        facets { categories { value count } tags { value count } }
        edges { title snippet matchedErrorCodes node { slug category { key } } } } }`,
    { q: '宽带 691' },
    false,
    false,
  ],
  [
    'a field that fails with a coded error beside fields that succeed',
    `{ regions { code } node(id: "bm90LWEtcmVhbC1pZA==") { id } channels(first: 3) { nodes { code } } }`,
    {},
    false,
    true,
  ],
  [
    'an argument refused by the service (BAD_USER_INPUT naming it)',
    `{ halls(first: 0) { nodes { code } } }`,
    {},
    false,
    true,
  ],
];

describe('compiled operations answer exactly as graphql-js does', () => {
  it.each(OPERATIONS)('%s', async (_name, query, variables, asAgent, withErrors) => {
    const answers = [];
    for (let run = 0; run < 3; run += 1) {
      const response = await server.graphql(query, variables, asAgent ? { token: agent } : {});
      answers.push({ status: response.status, body: response.body });
    }
    expect(Boolean(answers[0]?.body.errors?.length)).toBe(withErrors);
    if (withErrors) expect(answers[0]?.body.errors?.[0]?.extensions?.['code']).toBeTruthy();
    else expect(answers[0]?.body.data).toBeTruthy();
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('resolves an interface to its types (nodes of several kinds)', async () => {
    const ids = expectData(
      await server.graphql<{
        halls: { nodes: Array<{ id: string }> };
        articles: { nodes: Array<{ id: string }> };
      }>('{ halls(first: 2) { nodes { id } } articles(first: 2) { nodes { id } } }'),
    );
    const query =
      'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Hall { code } ... on Article { slug } } }';
    const variables = { ids: [...ids.halls.nodes, ...ids.articles.nodes].map((node) => node.id) };
    const answers = [];
    for (let run = 0; run < 3; run += 1) answers.push((await server.graphql(query, variables)).body);
    const types = (answers[0]?.data?.['nodes'] as Array<{ __typename: string }>).map(
      (node) => node.__typename,
    );
    expect(types).toEqual(['Hall', 'Hall', 'Article', 'Article']);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('answers bad variable values with BAD_USER_INPUT on every run', async () => {
    const query = 'query ($first: Int!) { halls(first: $first) { nodes { code } } }';
    for (let run = 0; run < 3; run += 1) {
      const response = await server.graphql(query, { first: 'twenty' });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });
});
