import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { ensureCategory, uniqueSlug } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { GraphQLResponse, TestServer } from '../helpers/test-server.js';

// Bounded load: 30 clients for 15 s of mixed reads and writes against the real HTTP server, the
// shared MongoDB-protocol server and the real Meilisearch. On the emulator, the driver's streaming
// heartbeats used to clear the connection pool about once a second and fail requests in flight.
const CLIENTS = 30;
const DURATION_MS = 15_000;
/** Coded answers that are not failures: another client's limits, not the service breaking. */
const EXPECTED_CODES = new Set(['RATE_LIMITED']);
const CATEGORY = 'testing/load';

let server: TestServer;
let articles: Array<{ id: string; slug: string }>;
let agentToken: string;
let editorToken: string;

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  // Searches are answered from MongoDB (degraded) until the seed is in the index: wait for it.
  await waitForSearchSync(server.app);
  await ensureCategory(server.app, CATEGORY);
  const page = expectData(
    await server.graphql<{ articles: { edges: Array<{ node: { id: string; slug: string } }> } }>(
      '{ articles(first: 10) { edges { node { id slug } } } }',
    ),
  );
  articles = page.articles.edges.map((edge) => edge.node);
  agentToken = await server.tokenFor(['agent'], 'agent-load');
  editorToken = await server.tokenFor(['editor'], 'editor-load');
}, 120_000);
afterAll(async () => {
  await server.stop();
});

interface Outcome {
  operation: string;
  failure?: string;
}

type Operation = (client: ClientState, round: number) => Promise<Outcome>;

interface ClientState {
  /** Each client creates and edits a draft of its own, so a CONFLICT would be a real failure. */
  draft: { id: string; version: number } | undefined;
  usesRecorded: Map<string, number>;
}

/** Describes what went wrong with a response, or undefined when it is a success. */
function failureOf(response: GraphQLResponse<unknown>): string | undefined {
  const unexpected = (response.body.errors ?? []).filter(
    (error) => !EXPECTED_CODES.has(String(error.extensions?.['code'])),
  );
  if (response.status >= 500 || unexpected.length > 0) {
    return `HTTP ${response.status}: ${JSON.stringify(unexpected.length ? unexpected : response.body)}`;
  }
  if (response.status !== 200 && response.status !== 429) return `HTTP ${response.status}`;
  return undefined;
}

function pick<T>(items: T[], round: number): T {
  const item = items[round % items.length];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

const operations: Array<[string, Operation]> = [
  [
    'halls',
    async () => {
      const response = await server.graphql(
        '{ halls(first: 10, filter: { tiers: [FLAGSHIP, STANDARD] }) { totalCount edges { node { code name openNow } } } }',
      );
      return { operation: 'halls', failure: failureOf(response) };
    },
  ],
  [
    'articles',
    async () => {
      const response = await server.graphql(
        '{ articles(first: 10) { edges { node { id slug title category { key } } } } }',
      );
      return { operation: 'articles', failure: failureOf(response) };
    },
  ],
  [
    'searchArticles',
    async (_client, round) => {
      const response = await server.graphql<{ searchArticles: { degraded: boolean } }>(
        'query ($q: String!) { searchArticles(query: $q) { degraded totalHits hits: edges { title } } }',
        { q: pick(['宽带', '密码', '691', '营业厅'], round) },
      );
      // Meilisearch is up: a degraded answer means something else failed and was hidden.
      const degraded =
        response.body.data?.searchArticles.degraded === true ? 'search answered degraded' : undefined;
      return { operation: 'searchArticles', failure: failureOf(response) ?? degraded };
    },
  ],
  [
    'node',
    async (_client, round) => {
      const response = await server.graphql(
        'query ($id: ID!) { node(id: $id) { id ... on Article { title stats { uses } } } }',
        { id: pick(articles, round).id },
      );
      return { operation: 'node', failure: failureOf(response) };
    },
  ],
  [
    'article',
    async (_client, round) => {
      const response = await server.graphql('query ($slug: String!) { article(slug: $slug) { id title } }', {
        slug: pick(articles, round).slug,
      });
      return { operation: 'article', failure: failureOf(response) };
    },
  ],
  [
    'recordArticleUse',
    async (client, round) => {
      const { id } = pick(articles, round);
      const response = await server.graphql(
        'mutation ($id: ID!) { recordArticleUse(input: { id: $id, channel: HOTLINE }) { article { id } } }',
        { id },
        { token: agentToken },
      );
      const failure = failureOf(response);
      if (failure === undefined && response.body.errors === undefined)
        client.usesRecorded.set(id, (client.usesRecorded.get(id) ?? 0) + 1);
      return { operation: 'recordArticleUse', failure };
    },
  ],
  [
    'createArticle/updateArticle',
    async (client, round) => {
      if (client.draft === undefined) {
        const response = await server.graphql<{
          createArticle: { article: { id: string; version: number } };
        }>(
          'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id version } } }',
          {
            input: {
              slug: uniqueSlug('load'),
              title: `负载测试草稿 ${round}`,
              summary: '负载测试',
              body: '## 步骤\n\n1. 重启光猫\n',
              category: CATEGORY,
            },
          },
          { token: editorToken },
        );
        client.draft = response.body.data?.createArticle.article;
        return { operation: 'createArticle', failure: failureOf(response) };
      }
      const response = await server.graphql<{ updateArticle: { article: { version: number } } }>(
        'mutation ($id: ID!, $v: Int!, $summary: String!) { updateArticle(input: { id: $id, expectedVersion: $v, summary: $summary }) { article { version } } }',
        { id: client.draft.id, v: client.draft.version, summary: `负载测试摘要 ${round}` },
        { token: editorToken },
      );
      const version = response.body.data?.updateArticle.article.version;
      if (version !== undefined) client.draft.version = version;
      return { operation: 'updateArticle', failure: failureOf(response) };
    },
  ],
  [
    'rateArticle',
    async (_client, round) => {
      const response = await server.graphql(
        'mutation ($id: ID!) { rateArticle(input: { id: $id, helpful: true }) { article { id } } }',
        { id: pick(articles, round).id },
      );
      return { operation: 'rateArticle', failure: failureOf(response) };
    },
  ],
];

async function runClient(
  index: number,
  until: number,
): Promise<{ outcomes: Outcome[]; client: ClientState }> {
  const client: ClientState = { draft: undefined, usesRecorded: new Map() };
  const outcomes: Outcome[] = [];
  for (let round = index; Date.now() < until; round += 1) {
    const [name, operation] = pick(operations, round);
    outcomes.push(
      await operation(client, round).catch((error: unknown) => ({
        operation: name,
        failure: `no answer: ${error instanceof Error ? error.message : String(error)}`,
      })),
    );
  }
  return { outcomes, client };
}

describe(`${CLIENTS} clients for ${DURATION_MS / 1000} s of mixed reads and writes`, () => {
  it('fail no request, and every recorded use is counted', async () => {
    const usesBefore = await usesByArticle();
    const until = Date.now() + DURATION_MS;
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, index) => runClient(index, until)));

    const outcomes = results.flatMap((result) => result.outcomes);
    const failures = outcomes.filter((outcome) => outcome.failure !== undefined);
    const summary = failures
      .slice(0, 10)
      .map((outcome) => `${outcome.operation}: ${outcome.failure ?? ''}`.slice(0, 400));
    expect({ requests: outcomes.length, failed: failures.length, examples: summary }).toEqual({
      requests: outcomes.length,
      failed: 0,
      examples: [],
    });
    // Every operation ran often enough to mean something (how often depends on the machine's load:
    // clients take operations in turn, so a slow machine runs each fewer times).
    for (const [name] of operations) {
      const runs = outcomes.filter((outcome) => name.split('/').includes(outcome.operation)).length;
      expect({ name, ranOften: runs >= 10 }).toEqual({ name, ranOften: true });
    }

    const usesAfter = await usesByArticle();
    for (const { id } of articles) {
      const recorded = results.reduce((sum, result) => sum + (result.client.usesRecorded.get(id) ?? 0), 0);
      expect({ id, uses: usesAfter.get(id) }).toEqual({ id, uses: (usesBefore.get(id) ?? 0) + recorded });
    }
  }, 120_000);
});

async function usesByArticle(): Promise<Map<string, number>> {
  const token = await server.tokenFor(['editor'], 'editor-load-reader');
  const data = expectData(
    await server.graphql<{ nodes: Array<{ id: string; stats: { uses: number } } | null> }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Article { stats { uses } } } }',
      { ids: articles.map((article) => article.id) },
      { token },
    ),
  );
  return new Map(data.nodes.flatMap((node) => (node ? [[node.id, node.stats.uses] as const] : [])));
}
