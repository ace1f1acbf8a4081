/**
 * What a searcher sees beyond the ranking (issue 11): snippets of the rendered text, results in the
 * query's language, type-ahead suggestions.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
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
