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
