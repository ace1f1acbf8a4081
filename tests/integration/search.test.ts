import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedArticles } from '../../seed/data/articles.js';
import { seedDatabase } from '../../seed/index.js';
import { checkSearchIndex, reindex } from '../../src/modules/indexing/maintenance.js';
import { eventually } from '../helpers/eventually.js';
import { buildDraft, buildPublished } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let agent: { token: string };
let editor: { token: string };

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  server.indexer?.nudge();
  agent = { token: await server.tokenFor(['agent'], 'agent-s') };
  editor = { token: await server.tokenFor(['editor'], 'editor-s') };
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

interface Hit {
  title: string;
  snippet: string;
  matchedErrorCodes: string[];
  article: {
    slug: string;
    locale: string;
    audience: string;
    errorCodes: string[];
    category: { key: string } | null;
  };
}
interface Result {
  totalHits: number;
  degraded: boolean;
  facets: {
    categories: Array<{ value: string; count: number }>;
    tags: Array<{ value: string; count: number }>;
  };
  hits: Hit[];
}

const SEARCH = `query ($q: String!, $filter: ArticleSearchFilter, $first: Int) {
  searchArticles(query: $q, filter: $filter, first: $first, channel: HOTLINE) {
    totalHits degraded
    facets { categories { value count } tags { value count } }
    hits: edges { title snippet matchedErrorCodes article: node { slug locale audience errorCodes category { key } } }
  }
}`;

async function search(
  q: string,
  options: { token?: string } = {},
  filter?: Record<string, unknown>,
): Promise<Result> {
  return expectData(
    await server.graphql<{ searchArticles: Result }>(SEARCH, { q, filter, first: 20 }, options),
  ).searchArticles;
}

const articlesIndex = () => server.app.services.projections.articles;

const slugs = (result: Result) => result.hits.map((hit) => hit.article.slug);

describe('relevance', () => {
  it('"691" finds the 691 article first, and articles about 691 before those that merely mention it', async () => {
    const result = await search('691');
    expect(result.degraded).toBe(false);
    expect(result.hits[0]?.article.slug).toBe('broadband-error-691-619-629');
    expect(result.hits[0]?.matchedErrorCodes).toEqual(['691']);
    expect(result.hits[0]?.title).toContain('<mark>691</mark>');
    const carrying = result.hits.map((hit) => hit.article.errorCodes.includes('691'));
    const firstMentionOnly = carrying.indexOf(false);
    expect(firstMentionOnly).toBeGreaterThan(0);
    expect(carrying.slice(firstMentionOnly)).not.toContain(true);
    // Some articles only mention 691 in their text: they are found, after the others.
    expect(slugs(result)).toContain('broadband-account-password-reset');
  });

  it('finds an error code written inside a Chinese sentence', async () => {
    const result = await search('宽带拨号错误678怎么办');
    expect(result.hits[0]?.article.slug).toBe('broadband-error-678-651');
    expect(result.hits[0]?.matchedErrorCodes).toEqual(['678']);
  });

  it('never lets 2001 match 2000 (no typos on numbers)', async () => {
    const result = await search('6910');
    expect(slugs(result)).not.toContain('broadband-error-691-619-629');
  });

  it('tolerates an English typo: "pasword reset" finds the password article', async () => {
    const result = await search('pasword reset');
    expect(result.hits[0]?.article.slug).toBe('service-password-reset');
    expect(result.hits[0]?.article.locale).toBe('EN');
  });

  it('answers a question in Chinese words with the right article first', async () => {
    // The seed has an article on provincial complaints alone; the table of every grade follows it.
    const provincial = slugs(await search('省级投诉 多久答复'));
    expect(provincial[0]).toBe('complaint-provincial-grade');
    expect(provincial.slice(0, 3)).toContain('complaint-grades-deadlines');
    expect(slugs(await search('宽带 连不上'))[0]).toBe('broadband-cannot-connect-triage');
  });

  it('finds a synonym\'s partner: "PPPoE" finds the dial-up (拨号) articles', async () => {
    const plain = seedArticles.filter((article) =>
      /pppoe/i.test(`${article.title} ${article.summary} ${article.body}`),
    );
    const result = await search('PPPoE', agent);
    const found = result.hits.filter((hit) => !plain.some((article) => article.slug === hit.article.slug));
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((hit) => hit.title.includes('拨号'))).toBe(true);
  });

  it('pushes a synonym set editors add, so one term finds the other', async () => {
    const article = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      title: '夜间宽带频繁断流的排查',
      body: '断流多发生在晚高峰。',
    });
    await waitForSearchSync(server.app);
    expect(slugs(await search('掉线排查'))).not.toContain(article.slug);
    const created = await server.graphql<{
      createSynonymSet: { synonymSet: { terms: string[]; version: number } };
    }>(
      'mutation { createSynonymSet(input: { terms: ["掉线", "断流"] }) { synonymSet { terms version } } }',
      {},
      editor,
    );
    expect(expectData(created).createSynonymSet.synonymSet).toEqual({ terms: ['掉线', '断流'], version: 1 });
    await eventually(async () => expect(slugs(await search('掉线排查'))).toContain(article.slug));
  });

  it('refuses a synonym set with one term, naming the field', async () => {
    const response = await server.graphql(
      'mutation { createSynonymSet(input: { terms: ["孤词"] }) { synonymSet { id } } }',
      {},
      editor,
    );
    expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toEqual(['input.terms']);
    expectErrorCode(
      await server.graphql(
        'mutation { createSynonymSet(input: { terms: ["a", "b"] }) { synonymSet { id } } }',
        {},
        agent,
      ),
      'FORBIDDEN',
    );
  });
});

describe('filters and facets', () => {
  it('filters by category subtree and counts facets under the filter', async () => {
    const all = await search('宽带', agent);
    const broadband = all.facets.categories.find((facet) => facet.value === 'broadband');
    const dialUp = all.facets.categories.find((facet) => facet.value === 'broadband/dial-up-errors');
    expect(broadband?.count).toBeGreaterThan(dialUp?.count ?? Infinity);

    const filtered = await search('宽带', agent, { category: 'broadband/dial-up-errors' });
    expect(filtered.totalHits).toBe(dialUp?.count);
    expect(filtered.hits.every((hit) => hit.article.category?.key === 'broadband/dial-up-errors')).toBe(true);
    expect(
      filtered.facets.categories.find((facet) => facet.value === 'broadband/dial-up-errors')?.count,
    ).toBe(filtered.totalHits);
  });

  it('filters by tag, locale and error code', async () => {
    const english = await search('password', {}, { locale: 'EN' });
    expect(english.hits.length).toBeGreaterThan(0);
    expect(english.hits.every((hit) => hit.article.locale === 'EN')).toBe(true);
    const byCode = await search('宽带', agent, { errorCode: '734' });
    expect(byCode.hits.length).toBeGreaterThan(0);
    expect(byCode.hits.every((hit) => hit.article.errorCodes.includes('734'))).toBe(true);
    const tagged = await search('宽带', agent, { tags: ['拨号'] });
    expect(tagged.facets.tags.find((facet) => facet.value === '拨号')?.count).toBe(tagged.totalHits);
  });
});

describe('visibility', () => {
  it('hides INTERNAL articles from the public and shows them to agents', async () => {
    const query = 'AAA 在线会话 重置';
    expect(slugs(await search(query))).not.toContain('aaa-session-reset');
    expect(slugs(await search(query, agent))).toContain('aaa-session-reset');
    expect((await search('691')).hits.every((hit) => hit.article.audience === 'PUBLIC')).toBe(true);
  });

  it('never returns drafts, not even to editors', async () => {
    const draft = await buildDraft(server, {
      category: 'broadband/dial-up-errors',
      title: '草稿专用的独特标题词语',
    });
    await waitForSearchSync(server.app);
    expect(slugs(await search('草稿专用的独特标题词语', editor))).not.toContain(draft.slug);
    const inReview = seedArticles.find((article) => article.status === 'IN_REVIEW');
    expect(slugs(await search(inReview?.title ?? '', editor))).not.toContain(inReview?.slug);
  });

  it('shows an edited published article with its published text until the edit is approved', async () => {
    const published = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      title: '旧版光猫指示灯说明',
    });
    await server.graphql(
      'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, title: "新版光猫指示灯说明" }) { article { version } } }',
      { id: published.id, v: published.version },
      editor,
    );
    await waitForSearchSync(server.app);
    const hits = (await search('光猫指示灯说明')).hits.filter((hit) => hit.article.slug === published.slug);
    expect(hits.map((hit) => hit.title)).toEqual([expect.stringContaining('旧版')]);
  });
});

describe('search insights', () => {
  it('logs every search and shows editors the top and the zero-result queries', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    await search('xqzjkwv');
    await search('xqzjkwv');
    const insights = expectData(
      await server.graphql<{
        searchInsights: {
          totalSearches: number;
          topQueries: Array<{ query: string; count: number }>;
          zeroResultQueries: Array<{ query: string; count: number }>;
        };
      }>(
        'query ($since: DateTime!) { searchInsights(since: $since) { totalSearches topQueries { query count } zeroResultQueries { query count } } }',
        { since },
        editor,
      ),
    ).searchInsights;
    expect(insights.totalSearches).toBeGreaterThan(5);
    expect(insights.topQueries.map((row) => row.query)).toContain('691');
    expect(insights.zeroResultQueries).toContainEqual({ query: 'xqzjkwv', count: 2 });
    const logged = await server.app.db.collection('search_log').findOne({ normalised: 'xqzjkwv' });
    expect(logged).toMatchObject({
      query: 'xqzjkwv',
      role: 'public',
      channel: 'HOTLINE',
      hits: 0,
      degraded: false,
    });
    expect(typeof logged?.['latencyMs']).toBe('number');
    expectErrorCode(
      await server.graphql(
        'query ($since: DateTime!) { searchInsights(since: $since) { totalSearches } }',
        { since },
        agent,
      ),
      'FORBIDDEN',
    );
  });
});

describe('index maintenance', () => {
  it('reports no drift once the indexer has caught up, over HTTP too', async () => {
    await waitForSearchSync(server.app);
    const deps = {
      db: server.app.db,
      meili: server.app.meili,
      state: server.app.services.indexState,
      synonyms: server.app.services.synonymRepo,
    };
    const report = await checkSearchIndex(deps, articlesIndex());
    expect(report).toMatchObject({ drift: false, pending: 0, missing: [], extra: [], stale: [] });
    expect(report.indexed).toBe(report.expected);
    const response = await fetch(`${server.url}/health/search`);
    expect(response.status).toBe(200);
  });

  it("reports drift when the index lost a document behind MongoDB's back", async () => {
    const deps = {
      db: server.app.db,
      meili: server.app.meili,
      state: server.app.services.indexState,
      synonyms: server.app.services.synonymRepo,
    };
    const victim = await server.app.db
      .collection('articles')
      .findOne({ slug: 'phone-etiquette', locale: 'zh-CN' });
    await server.app.meili
      .index(articlesIndex().indexUid)
      .deleteDocument(String(victim?._id))
      .waitTask({ timeout: 60_000 });
    const report = await checkSearchIndex(deps, articlesIndex());
    expect(report.drift).toBe(true);
    expect(report.missing).toEqual([String(victim?._id)]);
    expect((await fetch(`${server.url}/health/search`)).status).toBe(503);
  });

  it('rebuilds into a fresh index and swaps it in without a failing or empty search in between', async () => {
    const deps = {
      db: server.app.db,
      meili: server.app.meili,
      state: server.app.services.indexState,
      synonyms: server.app.services.synonymRepo,
    };
    let searching = true;
    const observed: Array<{ degraded: boolean; first: string | undefined }> = [];
    const searcher = (async () => {
      while (searching) {
        const result = await search('691');
        observed.push({ degraded: result.degraded, first: result.hits[0]?.article.slug });
      }
    })();
    const progress: number[] = [];
    const rebuilt = await reindex(deps, articlesIndex(), (done) => progress.push(done));
    searching = false;
    await searcher;
    expect(rebuilt.total).toBeGreaterThanOrEqual(seedArticles.length);
    expect(progress[progress.length - 1]).toBe(rebuilt.total);
    expect(observed.length).toBeGreaterThan(0);
    expect(observed.every((entry) => !entry.degraded && entry.first === 'broadband-error-691-619-629')).toBe(
      true,
    );
    await waitForSearchSync(server.app);
    expect((await checkSearchIndex(deps, articlesIndex())).drift).toBe(false);
    const indexes = await server.app.meili.getIndexes({ limit: 100 });
    expect(
      indexes.results.map((index) => index.uid).filter((uid) => uid.startsWith(articlesIndex().indexUid)),
    ).toEqual([articlesIndex().indexUid]);
  });
});
