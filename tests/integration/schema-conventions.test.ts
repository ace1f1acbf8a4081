import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let editor: { token: string };

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  editor = { token: await server.tokenFor(['editor'], 'editor-conventions') };
});
afterAll(async () => {
  await server.stop();
});

describe('nullability', () => {
  it('answers the public fields next to a forbidden one, with the one error', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const response = await server.graphql<{
      halls: { totalCount: number };
      articleDiff: null;
      article: { slug: string } | null;
    }>(
      'query ($id: ID!, $slug: String!) { halls(first: 1) { totalCount } articleDiff(id: $id, from: 1, to: 2) { fields { field } } article(slug: $slug) { slug } }',
      { id: article.id, slug: article.slug },
    );
    expect(response.body.data?.halls.totalCount).toBeGreaterThan(0);
    expect(response.body.data?.article).toEqual({ slug: article.slug });
    expect(response.body.data?.articleDiff).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.path).toEqual(['articleDiff']);
    expectErrorCode(response, 'UNAUTHENTICATED');
  });
});

describe('connections', () => {
  it('pages channels forward with one PageInfo, and refuses first together with last', async () => {
    type Page = {
      channels: {
        totalCount: number;
        edges: Array<{ cursor: string; node: { code: string } }>;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
      };
    };
    const QUERY =
      'query ($after: String) { channels(first: 3, after: $after) { totalCount edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
    const first = expectData(await server.graphql<Page>(QUERY, {})).channels;
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.pageInfo.startCursor).toBe(first.edges[0]?.cursor);
    const second = expectData(
      await server.graphql<Page>(QUERY, { after: first.pageInfo.endCursor }),
    ).channels;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const codes = [...first.edges, ...second.edges].map((edge) => edge.node.code);
    expect(new Set(codes).size).toBe(6);
    expect(codes).toEqual([...codes].sort());

    const both = await server.graphql('{ halls(first: 2, last: 2) { totalCount } }');
    expect(fieldPaths(expectErrorCode(both, 'BAD_USER_INPUT'))).toEqual(['last']);
  });

  it('pages search results with cursors on edges, keeping totals and facets', async () => {
    type Search = {
      searchArticles: {
        totalHits: number;
        degraded: boolean;
        facets: { tags: Array<{ value: string }> };
        edges: Array<{ cursor: string; title: string; node: { slug: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const QUERY =
      'query ($after: String) { searchArticles(query: "宽带", first: 1, after: $after) { totalHits degraded facets { tags { value } } edges { cursor title node { slug } } pageInfo { hasNextPage endCursor } } }';
    const first = expectData(await server.graphql<Search>(QUERY, {})).searchArticles;
    expect(first.totalHits).toBeGreaterThan(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = expectData(
      await server.graphql<Search>(QUERY, { after: first.pageInfo.endCursor }),
    ).searchArticles;
    expect(second.edges[0]?.node.slug).not.toBe(first.edges[0]?.node.slug);
  });
});

describe('nodes', () => {
  it('resolves every entity with an id through node, and hides what the caller may not see', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const agent = { token: await server.tokenFor(['agent'], 'agent-conventions') };
    const flag = expectData(
      await server.graphql<{ flagArticle: { flag: { id: string } } }>(
        'mutation ($id: ID!) { flagArticle(input: { id: $id, reason: OUTDATED }) { flag { id } } }',
        { id: article.id },
        agent,
      ),
    ).flagArticle.flag;
    const synonyms = expectData(
      await server.graphql<{ createSynonymSet: { synonymSet: { id: string } } }>(
        'mutation { createSynonymSet(input: { terms: ["光猫", "调制解调器"] }) { synonymSet { id } } }',
        {},
        editor,
      ),
    ).createSynonymSet.synonymSet;
    const refs = expectData(
      await server.graphql<{
        channel: { id: string };
        regions: Array<{ id: string }>;
        node: { history: { nodes: Array<{ id: string }> } };
      }>(
        'query ($id: ID!) { channel(code: "HOTLINE-10086") { id } regions { id } node(id: $id) { ... on Article { history(first: 1) { nodes { id } } } } }',
        { id: article.id },
        editor,
      ),
    );
    const ids = [refs.channel.id, refs.regions[0]?.id, refs.node.history.nodes[0]?.id, flag.id, synonyms.id];
    const NODES = 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';
    const asEditor = expectData(
      await server.graphql<{ nodes: Array<{ __typename: string } | null> }>(NODES, { ids }, editor),
    ).nodes;
    expect(asEditor.map((node) => node?.__typename)).toEqual([
      'Channel',
      'Region',
      'ArticleRevision',
      'ArticleFlag',
      'SynonymSet',
    ]);
    const asPublic = expectData(
      await server.graphql<{ nodes: Array<{ __typename: string } | null> }>(NODES, { ids }),
    ).nodes;
    expect(asPublic.map((node) => node?.__typename ?? null)).toEqual(['Channel', 'Region', null, null, null]);
  });
});

describe('mutation inputs', () => {
  it('names a hall by id or code, exactly one (@oneOf)', async () => {
    const admin = { token: await server.tokenFor(['admin'], 'admin-conventions') };
    const both = await server.graphql(
      'mutation { setHallStatus(input: { hall: { code: "HB-WH-A01", id: "x" }, status: OPEN }) { hall { code } } }',
      {},
      admin,
    );
    expect(both.body.errors?.[0]?.message).toMatch(/must specify exactly one key/);
    const byCode = await server.graphql<{ setHallStatus: { hall: { code: string } } }>(
      'mutation { setHallStatus(input: { hall: { code: "HB-WH-A01" }, status: OPEN }) { hall { code } } }',
      {},
      admin,
    );
    expect(expectData(byCode).setHallStatus.hall.code).toBe('HB-WH-A01');
  });
});

describe('labels and locales', () => {
  it('serves enum labels in each locale, and localised names through one locale argument', async () => {
    const data = expectData(
      await server.graphql<{
        zh: Array<{ value: string; label: string }>;
        en: Array<{ value: string; label: string }>;
        channel: { zh: string; en: string };
        regions: Array<{ zh: string; en: string }>;
      }>(
        '{ zh: enumLabels(enum: "ServiceKind") { value label } en: enumLabels(enum: "ServiceKind", locale: EN) { value label } channel(code: "HOTLINE-10086") { zh: name en: name(locale: EN) } regions { zh: name en: name(locale: EN) } }',
      ),
    );
    expect(data.zh.find((entry) => entry.value === 'BILL_QUERY')?.label).toBe('话费查询');
    expect(data.en.find((entry) => entry.value === 'BILL_QUERY')?.label).toBe('Balance and bill enquiries');
    expect(data.channel.zh).not.toBe(data.channel.en);
    expect(data.regions[0]?.zh).not.toBe(data.regions[0]?.en);
    expectErrorCode(await server.graphql('{ enumLabels(enum: "Nope") { value } }'), 'BAD_USER_INPUT');
  });
});
