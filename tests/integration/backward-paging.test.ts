/**
 * Relay paging both ways on every connection: walking a list forward with `first`/`after` and
 * backward with `last`/`before` gives the same items in the same order, with PageInfo telling the
 * truth at both ends; bad combinations and foreign cursors are refused naming the argument.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let editor: { token: string };
let agent: { token: string };

interface Connection {
  edges: Array<{ cursor: string; node: { key: string } }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** `field` selects a connection; `{{args}}` is where the paging arguments go; `key` names each node. */
interface ListSpec {
  name: string;
  query: (args: string) => string;
  pick: (data: Record<string, unknown>) => Connection;
  variables?: Record<string, unknown>;
  auth?: () => { token: string };
  /** Items per page (small lists page by 2, the hall list by 40). */
  size?: number;
}

const PAGE =
  'edges { cursor node { key: %KEY% } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const page = (key: string) => PAGE.replace('%KEY%', key);

async function walk(
  spec: ListSpec,
  backward: boolean,
  size: number,
): Promise<{ keys: string[]; pages: Connection[] }> {
  const keys: string[] = [];
  const pages: Connection[] = [];
  let cursor: string | null = null;
  for (let round = 0; round < 50; round += 1) {
    const args = backward
      ? `last: ${size}${cursor ? `, before: "${cursor}"` : ''}`
      : `first: ${size}${cursor ? `, after: "${cursor}"` : ''}`;
    const data = expectData(
      await server.graphql<Record<string, unknown>>(spec.query(args), spec.variables ?? {}, spec.auth?.()),
    );
    const connection = spec.pick(data);
    pages.push(connection);
    const pageKeys = connection.edges.map((edge) => edge.node.key);
    if (backward) keys.unshift(...pageKeys);
    else keys.push(...pageKeys);
    const more = backward ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage;
    if (!more) return { keys, pages };
    cursor = backward ? connection.pageInfo.startCursor : connection.pageInfo.endCursor;
  }
  throw new Error(`${spec.name}: did not reach the end`);
}

let articleId = '';

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  editor = { token: await server.tokenFor(['editor'], 'editor-paging') };
  agent = { token: await server.tokenFor(['agent'], 'agent-paging') };
  const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
  articleId = article.id;
  // Several revisions for the history connection, and a few flags.
  for (let version = 1; version <= 5; version += 1) {
    expectData(
      await server.graphql(
        'mutation ($id: ID!, $v: Int!, $t: String!) { updateArticle(input: { id: $id, expectedVersion: $v, summary: $t }) { article { id } } }',
        { id: article.id, v: article.version + version - 1, t: `第${version}次修改` },
        editor,
      ),
    );
  }
  for (const reason of ['OUTDATED', 'WRONG_FEE', 'WRONG_STEPS', 'OTHER']) {
    await server.graphql(
      'mutation ($id: ID!, $r: FlagReason!) { flagArticle(input: { id: $id, reason: $r }) { flag { id } } }',
      { id: article.id, r: reason },
      { token: await server.tokenFor(['agent'], `agent-flag-${reason}`) },
    );
  }
}, 120_000);
afterAll(async () => {
  await server.stop();
});

const LISTS: ListSpec[] = [
  {
    name: 'halls by code',
    query: (args) => `{ halls(${args}) { ${page('code')} } }`,
    size: 40,
    pick: (data) => data['halls'] as Connection,
  },
  {
    name: 'small halls by name',
    query: (args) => `{ halls(${args}, orderBy: NAME, filter: { tiers: [SMALL] }) { ${page('name')} } }`,
    size: 40,
    pick: (data) => data['halls'] as Connection,
  },
  {
    name: 'articles (agent)',
    query: (args) => `{ articles(${args}) { ${page('slug')} } }`,
    pick: (data) => data['articles'] as Connection,
    auth: () => agent,
  },
  {
    name: 'channels',
    query: (args) => `{ channels(${args}) { ${page('code')} } }`,
    pick: (data) => data['channels'] as Connection,
  },
  {
    name: 'article history (editor)',
    query: (args) =>
      `query ($id: ID!) { node(id: $id) { ... on Article { history(${args}) { ${page('version')} } } } }`,
    pick: (data) => (data['node'] as { history: Connection }).history,
    variables: {
      get id() {
        return articleId;
      },
    },
    auth: () => editor,
  },
  {
    name: 'flags (editor)',
    query: (args) => `{ articleFlags(${args}) { ${page('reason')} } }`,
    pick: (data) => data['articleFlags'] as Connection,
    size: 2,
    auth: () => editor,
  },
];

describe('backward paging', () => {
  it.each(LISTS.map((spec) => [spec.name, spec] as const))(
    '%s: last/before walks the same list as first/after, in list order',
    async (_name, spec) => {
      const size = spec.size ?? 3;
      const forward = await walk(spec, false, size);
      const backward = await walk(spec, true, size);
      expect(forward.keys.length).toBeGreaterThan(size);
      expect(backward.keys).toEqual(forward.keys);
      // The ends tell the truth: the first forward page has nothing before it, the first backward
      // page (the end of the list) nothing after it.
      expect(forward.pages[0]?.pageInfo.hasPreviousPage).toBe(false);
      expect(backward.pages[0]?.pageInfo.hasNextPage).toBe(false);
      expect(backward.pages[1]?.pageInfo.hasNextPage).toBe(true);
    },
    120_000,
  );

  it('gives the items between two cursors with after and before together', async () => {
    const all = expectData(
      await server.graphql<{ halls: Connection }>(`{ halls(first: 8) { ${page('code')} } }`),
    ).halls.edges;
    const between = expectData(
      await server.graphql<{ halls: Connection }>(
        `query ($a: String!, $b: String!) { halls(first: 10, after: $a, before: $b) { ${page('code')} } }`,
        { a: all[1]?.cursor, b: all[6]?.cursor },
      ),
    ).halls;
    expect(between.edges.map((edge) => edge.node.key)).toEqual(all.slice(2, 6).map((edge) => edge.node.key));
  });

  it('pages search results backward from a cursor', async () => {
    type Search = { searchArticles: Connection };
    const QUERY = (args: string) => `{ searchArticles(query: "宽带", ${args}) { ${page('slug')} } }`;
    const forward = expectData(await server.graphql<Search>(QUERY('first: 4'))).searchArticles;
    expect(forward.edges.length).toBe(4);
    const back = expectData(
      await server.graphql<Search>(QUERY(`last: 2, before: "${forward.edges[3]?.cursor}"`)),
    ).searchArticles;
    expect(back.edges.map((edge) => edge.node.key)).toEqual(
      forward.edges.slice(1, 3).map((edge) => edge.node.key),
    );
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const noCursor = await server.graphql(QUERY('last: 2'));
    expect(fieldPaths(expectErrorCode(noCursor, 'BAD_USER_INPUT'))).toEqual(['last']);
  });

  it('refuses first with last, an oversized last, and foreign cursors, naming the argument', async () => {
    const both = await server.graphql('{ articles(first: 2, last: 2) { totalCount } }', {}, agent);
    expect(fieldPaths(expectErrorCode(both, 'BAD_USER_INPUT'))).toEqual(['last']);
    const big = await server.graphql('{ halls(last: 101) { totalCount } }');
    expect(fieldPaths(expectErrorCode(big, 'BAD_USER_INPUT'))).toEqual(['last']);
    const foreign = await server.graphql('{ halls(last: 2, before: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(fieldPaths(expectErrorCode(foreign, 'BAD_USER_INPUT'))).toEqual(['before']);
    const otherOrder = expectData(
      await server.graphql<{ halls: Connection }>(`{ halls(first: 1) { ${page('code')} } }`),
    ).halls.pageInfo.endCursor;
    const mixed = await server.graphql(
      `{ halls(last: 2, before: "${otherOrder}", orderBy: NAME) { totalCount } }`,
    );
    expect(fieldPaths(expectErrorCode(mixed, 'BAD_USER_INPUT'))).toEqual(['before']);
  });
});
