/**
 * What a searcher sees beyond the ranking (issue 11): snippets of the rendered text, results in the
 * query's language, type-ahead suggestions.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { buildPublished } from '../helpers/factories.js';
import { eventually } from '../helpers/eventually.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

interface Hit {
  title: string;
  snippet: string;
  article: { slug: string; locale: string; translations: Array<{ locale: string; slug: string }> };
}

async function search(q: string, filter?: Record<string, unknown>, token?: string): Promise<Hit[]> {
  const response = await server.graphql<{ searchArticles: { hits: Hit[] } }>(
    `query ($q: String!, $filter: ArticleSearchFilter) {
      searchArticles(query: $q, filter: $filter, first: 20) {
        hits: edges { title snippet article: node { slug locale translations { locale slug } } }
      }
    }`,
    { q, filter },
    token ? { token } : {},
  );
  return expectData(response).searchArticles.hits;
}

describe('snippets', () => {
  it('shows the rendered text of tables and lists, without Markdown syntax', async () => {
    const article = await buildPublished(server, {
      category: 'testing/general',
      title: '套餐资费对照说明',
      summary: '各档套餐的月费',
      body: [
        '## 资费表',
        '',
        '| 档位 | 月费 |',
        '| --- | --- |',
        '| 畅享基础档 | 59 元 |',
        '| 畅享加强档 | 99 元 |',
        '',
        '- 办理渠道：**营业厅**',
        '* 办理渠道：网上营业厅',
        '',
        '### 注意',
        '',
        '1. 次月生效',
      ].join('\n'),
    });
    await waitForSearchSync(server.app);
    for (const query of ['畅享加强档', '办理渠道 网上营业厅']) {
      const hit = (await search(query)).find((each) => each.article.slug === article.slug);
      expect(hit?.snippet).toBeDefined();
      const text = hit?.snippet.replace(/<\/?mark>/g, '') ?? '';
      expect(text).toMatch(/畅享|办理渠道/);
      for (const syntax of ['|', '---', '- ', '*', '#']) expect(text).not.toContain(syntax);
    }
  });
});

describe("the query's language", () => {
  const slugsOnce = (hits: Hit[]) =>
    expect(new Set(hits.map((hit) => hit.article.slug)).size).toBe(hits.length);

  it('answers a Chinese query with Chinese articles, one per article, the translation reachable', async () => {
    for (const query of ['宽带拨号错误691怎么办', '宽带 678', '服务密码 重置']) {
      const hits = await search(query);
      expect(hits.length).toBeGreaterThan(0);
      // Chinese first; an English article only after them, and only when its Chinese version is not shown.
      const locales = hits.map((hit) => hit.article.locale);
      expect(locales.slice(0, locales.filter((locale) => locale === 'ZH_CN').length)).not.toContain('EN');
      const chinese = new Set(
        hits.filter((hit) => hit.article.locale === 'ZH_CN').map((hit) => hit.article.slug),
      );
      expect(hits.filter((hit) => hit.article.locale === 'EN' && chinese.has(hit.article.slug))).toEqual([]);
      slugsOnce(hits);
    }
    const top = (await search('宽带拨号错误691怎么办'))[0];
    expect(top?.article.slug).toBe('broadband-error-691-619-629');
    expect(top?.article.translations).toContainEqual({ locale: 'EN', slug: 'broadband-error-691-619-629' });
  });

  it('answers an English query with the English version of an article that has one', async () => {
    const hits = await search('broadband error 691');
    expect(hits[0]?.article).toMatchObject({ slug: 'broadband-error-691-619-629', locale: 'EN' });
    slugsOnce(hits);
  });

  it('lets a locale filter decide: a Chinese query filtered to English finds English articles', async () => {
    const hits = await search('宽带 691', { locale: 'EN' });
    expect(hits.map((hit) => hit.article.locale)).toContain('EN');
    expect(hits.every((hit) => hit.article.locale === 'EN')).toBe(true);
  });

  it('keeps showing an article that exists only in the other language', async () => {
    const only = await buildPublished(server, {
      locale: 'EN',
      category: 'testing/general',
      title: 'Roaming quota for the Zephyrine plan',
      body: '漫游流量 Zephyrine 套餐 each month.',
    });
    await waitForSearchSync(server.app);
    expect((await search('Zephyrine 漫游流量')).map((hit) => hit.article.slug)).toContain(only.slug);
  });
});

interface Suggestion {
  kind: string;
  text: string;
  highlighted: string;
  article: { slug: string; audience: string } | null;
}
const SUGGEST = `query ($prefix: String!, $first: Int) {
  suggestArticles(prefix: $prefix, first: $first) { kind text highlighted article { slug audience } }
}`;
async function suggest(prefix: string, token?: string, first?: number): Promise<Suggestion[]> {
  const response = await server.graphql<{ suggestArticles: Suggestion[] }>(
    SUGGEST,
    { prefix, first },
    token ? { token } : {},
  );
  return expectData(response).suggestArticles;
}

describe('type-ahead (suggestArticles)', () => {
  it('suggests error codes starting with what was typed, with their article', async () => {
    const suggestions = await suggest('69');
    const code = suggestions.find((each) => each.kind === 'ERROR_CODE' && each.text === '691');
    expect(code).toMatchObject({
      highlighted: '<mark>69</mark>1',
      article: { slug: 'broadband-error-691-619-629' },
    });
    expect(
      suggestions.filter((each) => each.kind === 'ERROR_CODE').every((each) => each.text.startsWith('69')),
    ).toBe(true);
  });

  it('suggests titles of articles the reader may read, at most `first`', async () => {
    const titles = await suggest('宽带拨号', undefined, 5);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThanOrEqual(5);
    expect(titles.some((each) => each.kind === 'TITLE' && each.highlighted.includes('<mark>'))).toBe(true);
    expect(titles.every((each) => each.article === null || each.article.audience === 'PUBLIC')).toBe(true);
    // An internal article's title is suggested to agents only.
    const agent = await server.tokenFor(['agent'], 'agent-suggest');
    const internal = (list: Suggestion[]) =>
      list.filter((each) => each.article?.slug === 'aaa-session-reset');
    expect(internal(await suggest('AAA', agent)).length).toBeGreaterThan(0);
    expect(internal(await suggest('AAA'))).toEqual([]);
  });

  it('suggests popular searches that found something, the public only what the public searched', async () => {
    const agent = await server.tokenFor(['agent'], 'agent-popular');
    for (let i = 0; i < 2; i += 1) {
      await search('光猫 重启 指示灯');
      await search('AAA 在线会话 重置', undefined, agent);
      await search('xqzjkwv 光猫', undefined, agent); // finds nothing: never suggested
    }
    const popular = (list: Suggestion[]) =>
      list.filter((each) => each.kind === 'POPULAR_QUERY').map((each) => each.text);
    await eventually(
      async () => expect(popular(await suggest('光猫'))).toContain('光猫 重启 指示灯'),
      10_000,
    );
    expect(popular(await suggest('xqzjkwv', agent))).toEqual([]);
    expect(popular(await suggest('aaa', agent))).toContain('aaa 在线会话 重置');
    expect(popular(await suggest('aaa'))).toEqual([]);
    // What the list is reloaded from (every minute, in the background): the log's answered queries.
    await server.app.services.searchLogWriter.flush();
    const logged = await server.app.services.searchLog.findAnsweredQueriesSince(
      new Date(Date.now() - 60_000),
      100,
    );
    expect(logged).toContainEqual({ query: '光猫 重启 指示灯', count: 2, publicCount: 2 });
    expect(logged).toContainEqual({ query: 'aaa 在线会话 重置', count: 2, publicCount: 0 });
    expect(logged.map((row) => row.query)).not.toContain('xqzjkwv 光猫');
  });

  it('sends no MongoDB command per keystroke (the article, when selected, is one batched read)', async () => {
    const plain = `query ($prefix: String!) { suggestArticles(prefix: $prefix) { kind text highlighted } }`;
    await server.graphql(plain, { prefix: '宽' });
    const typed = '宽带拨号错误怎么处理';
    const keystrokes = [...typed].map((_, index) => typed.slice(0, index + 1));
    const commands = await server.countCommands(() =>
      Promise.all(keystrokes.map((prefix) => server.graphql(plain, { prefix }))),
    );
    // At most the look-up of stale articles that searches share (one per quarter second).
    expect(Object.keys(commands).filter((name) => name !== 'find')).toEqual([]);
    expect(commands['find'] ?? 0).toBeLessThan(keystrokes.length / 2);
  });

  it('refuses an empty or overlong prefix and a bad first, naming the field', async () => {
    const refused = async (variables: Record<string, unknown>) =>
      fieldPaths(expectErrorCode(await server.graphql(SUGGEST, variables), 'BAD_USER_INPUT'));
    expect(await refused({ prefix: '' })).toEqual(['prefix']);
    expect(await refused({ prefix: '   ' })).toEqual(['prefix']);
    expect(await refused({ prefix: '宽'.repeat(51) })).toEqual(['prefix']);
    expect(await refused({ prefix: '宽带', first: 0 })).toEqual(['first']);
    expect(await refused({ prefix: '宽带', first: 21 })).toEqual(['first']);
  });
});

describe('relaxed queries ("did you mean")', () => {
  interface Page {
    totalHits: number;
    relaxedQuery: string | null;
    edges: Array<{ node: { slug: string } }>;
  }
  async function page(q: string): Promise<Page> {
    const response = await server.graphql<{ searchArticles: Page }>(
      'query ($q: String!) { searchArticles(query: $q, first: 10) { totalHits relaxedQuery edges { node { slug } } } }',
      { q },
    );
    return expectData(response).searchArticles;
  }

  it('answers a query that finds nothing with a shorter form of it, and says so', async () => {
    const relaxed = await page('xqzjkwv 光猫 重启');
    expect(relaxed.relaxedQuery).toBe('光猫 重启');
    expect(relaxed.edges.map((edge) => edge.node.slug)).toEqual(
      (await page('光猫 重启')).edges.map((edge) => edge.node.slug),
    );
    expect(relaxed.totalHits).toBe((await page('光猫 重启')).totalHits);
    // The log keeps it among the queries that found nothing, for editors.
    await server.app.services.searchLogWriter.flush();
    expect(await server.app.services.searchLog.findLatestByQuery('xqzjkwv 光猫 重启')).toMatchObject({
      hits: 0,
    });
  });

  it('never relaxes a query that has answers, nor drops an error code it names', async () => {
    expect((await page('光猫 重启')).relaxedQuery).toBeNull();
    // Without the unknown code 720 the query would find the modem articles: it stays unanswered.
    expect((await page('光猫')).totalHits).toBeGreaterThan(0);
    expect(await page('xqzjkwv 720 光猫')).toEqual({ totalHits: 0, relaxedQuery: null, edges: [] });
    expect(await page('xqzjkwv qwzvjk')).toEqual({ totalHits: 0, relaxedQuery: null, edges: [] });
  });
});

describe('facets are counted when the query selects them, however it selects them', () => {
  type Facets = {
    tags: Array<{ value: string; count: number }>;
    categories: Array<{ value: string; count: number }>;
  };
  const FACETS = 'facets { tags { value count } categories { value count } }';
  async function facetsOf(
    q: string,
    selection: string,
    fragments = '',
  ): Promise<Facets & { totalHits: number }> {
    const response = await server.graphql<{ searchArticles: Record<string, unknown> }>(
      `query ($q: String!) { searchArticles(query: $q, first: 5) { totalHits ${selection} } } ${fragments}`,
      { q },
    );
    const found = expectData(response).searchArticles;
    const facets = found['facets'] as Facets;
    return { ...facets, totalHits: found['totalHits'] as number };
  }

  it('gives the same counts selected directly, through a named fragment and through an inline fragment', async () => {
    const direct = await facetsOf('宽带', FACETS);
    expect(direct.categories.length).toBeGreaterThan(0);
    expect(direct.tags.length).toBeGreaterThan(0);
    expect(
      await facetsOf('宽带', '...Panel', `fragment Panel on ArticleSearchConnection { ${FACETS} }`),
    ).toEqual(direct);
    expect(await facetsOf('宽带', `... on ArticleSearchConnection { ${FACETS} }`)).toEqual(direct);
    // Left unselected, the search still finds as many.
    const bare = expectData(
      await server.graphql<{ searchArticles: { totalHits: number } }>(
        '{ searchArticles(query: "宽带", first: 5) { totalHits } }',
      ),
    ).searchArticles;
    expect(bare.totalHits).toBe(direct.totalHits);
  });

  it('counts the relaxed form of a query that found nothing', async () => {
    const relaxed = await facetsOf('xqzjkwv 光猫 重启', FACETS);
    expect(relaxed).toEqual(await facetsOf('光猫 重启', FACETS));
    expect(relaxed.categories.length).toBeGreaterThan(0);
  });
});
