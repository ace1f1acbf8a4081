import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { buildPublished, publish, submit } from '../helpers/factories.js';
import type { ArticleHandle } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { onEmulator } from '../helpers/env.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// This file stops the indexer so that the index lags behind MongoDB on purpose.
let server: TestServer;
let agent: { token: string };
let editor: { token: string };
let republished: ArticleHandle;
let stillPublic: ArticleHandle;

const TAG = '陈旧探针';

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  agent = { token: await server.tokenFor(['agent'], 'agent-c') };
  editor = { token: await server.tokenFor(['editor'], 'editor-c') };
  const article = { category: 'broadband/dial-up-errors', tags: [TAG], body: '光猫重启后再拨号。' };
  republished = await buildPublished(server, { ...article, title: '索引滞后探针甲' });
  stillPublic = await buildPublished(server, { ...article, title: '索引滞后探针乙' });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
  await server.indexer?.stop();
}, 180_000);
afterAll(async () => {
  await server.stop();
});

interface Result {
  totalHits: number;
  degraded: boolean;
  facets: {
    tags: Array<{ value: string; count: number }>;
    categories: Array<{ value: string; count: number }>;
  };
  hits: Array<{ article: { slug: string } }>;
}
const SEARCH = `query ($q: String!) { searchArticles(query: $q, first: 20) {
  totalHits degraded facets { tags { value count } categories { value count } } hits: edges { article: node { slug } }
} }`;
const search = async (q: string, options: { token?: string } = {}) =>
  expectData(await server.graphql<{ searchArticles: Result }>(SEARCH, { q }, options)).searchArticles;

describe('while the index lags behind MongoDB', () => {
  it('does not count an article just republished as INTERNAL in the public totalHits or facets', async () => {
    const before = await search('索引滞后探针');
    expect(before.totalHits).toBe(2);
    expect(before.facets.tags).toContainEqual({ value: TAG, count: 2 });

    // Republish the first as INTERNAL through the API; the indexer is stopped, so the index still
    // says PUBLIC.
    const edited = expectData(
      await server.graphql<{ updateArticle: { article: ArticleHandle } }>(
        'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, audience: INTERNAL }) { article { id slug version } } }',
        { id: republished.id, v: republished.version },
        editor,
      ),
    ).updateArticle.article;
    await publish(server, await submit(server, edited));
    const indexed = await server.app.meili
      .index(server.app.services.projections.articles.indexUid)
      .getDocument(decodeGlobalID(edited.id).id);
    expect(indexed['audience']).toBe('PUBLIC');

    const anonymous = await search('索引滞后探针');
    expect(anonymous.degraded).toBe(false);
    expect(anonymous.hits.map((hit) => hit.article.slug)).toEqual([stillPublic.slug]);
    expect(anonymous.totalHits).toBe(1);
    expect(anonymous.facets.tags).toContainEqual({ value: TAG, count: 1 });
    expect(anonymous.facets.categories).toContainEqual({ value: 'broadband/dial-up-errors', count: 1 });

    // Agents may read INTERNAL articles: they still get both.
    const staff = await search('索引滞后探针', agent);
    expect(staff.totalHits).toBe(2);
    expect(staff.hits.map((hit) => hit.article.slug).sort()).toEqual(
      [republished.slug, stillPublic.slug].sort(),
    );
  });
});

describe('the search log', () => {
  it('is kept 90 days: a TTL index on its timestamp', async () => {
    const indexes = (await server.app.db.collection('search_log').listIndexes().toArray()) as Array<
      Record<string, unknown>
    >;
    const ttl = indexes.find((index) => index['expireAfterSeconds'] !== undefined);
    expect(ttl).toMatchObject({ key: { at: 1 }, expireAfterSeconds: 90 * 24 * 60 * 60 });
  });
});

describe('a MongoDB failure during a search', () => {
  it('is not served as a degraded search (it is not a search-engine failure)', async () => {
    if (onEmulator()) {
      process.stderr.write(
        '[tests] skipped "a MongoDB failure during a search is not served as degraded": it needs the failCommand fail point of a real server (MONGODB_URI).\n',
      );
      return;
    }
    // The next find fails once, as a stalled or restarting MongoDB would make it.
    await server.app.db.admin().command({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: ['find'], errorCode: 91, errmsg: 'shutting down (fail point)' },
    });
    try {
      const response = await server.graphql<{ searchArticles: Result | null }>(SEARCH, { q: '索引滞后探针' });
      expect(response.body.data?.searchArticles ?? null).toBeNull();
      const codes = (response.body.errors ?? []).map((error) => error.extensions?.['code']);
      expect(codes.some((code) => code === 'SERVICE_UNAVAILABLE' || code === 'INTERNAL_SERVER_ERROR')).toBe(
        true,
      );
    } finally {
      await server.app.db.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });
    }
  });
});
