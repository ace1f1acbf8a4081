import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let agent: { token: string };

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  server.indexer?.nudge();
  agent = { token: await server.tokenFor(['agent'], 'agent-s') };
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

interface Hit {
  title: string;
  snippet: string;
  matchedErrorCodes: string[];
  article: { slug: string; locale: string; audience: string; errorCodes: string[] };
}
interface Result {
  searchArticles: {
    totalHits: number;
    degraded: boolean;
    facets: { categories: Array<{ value: string; count: number }>; tags: Array<{ value: string; count: number }> };
    hits: Hit[];
  };
}

const SEARCH = `query ($q: String!, $filter: ArticleSearchFilter, $first: Int) {
  searchArticles(query: $q, filter: $filter, first: $first) {
    totalHits degraded
    facets { categories { value count } tags { value count } }
    hits { title snippet matchedErrorCodes article { slug locale audience errorCodes } }
  }
}`;

async function search(q: string, options: { token?: string } = {}, filter?: Record<string, unknown>) {
  return expectData(await server.graphql<Result>(SEARCH, { q, filter, first: 10 }, options)).searchArticles;
}

describe('smoke', () => {
  it('prints', async () => {
    for (const q of ['691', '宽带拨号错误678怎么办', 'pasword reset', '省级投诉 多久答复', '宽带 连不上', 'pppoe']) {
      const result = await search(q, agent);
      process.stdout.write(`\n${q}: ${result.totalHits} ${result.degraded}\n${result.hits.map((hit) => `  ${hit.article.slug} ${hit.article.locale} [${hit.matchedErrorCodes}] ${hit.title}`).join('\n')}\n`);
    }
  });
});
