import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandStartedEvent } from 'mongodb';
import { seedDatabase } from '../../seed/index.js';
import { INDEX_ENTRY_ARTICLE_FIELDS } from '../../src/modules/articles/index.js';
import { buildPublished, publish, submit } from '../helpers/factories.js';
import type { ArticleHandle } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * searchArticles serves a hit's article from its index entry when the selection asks only for
 * fields the entry answers exactly (INDEX_ENTRY_ARTICLE_FIELDS), and from MongoDB otherwise: the
 * two give the same answers, the index path reads no article (the stale-article look-up is shared by
 * searches and sent at most every quarter second), and an entry the index has not caught up with is
 * answered from MongoDB's copy.
 */

let server: TestServer;
const tokens: Record<string, string | undefined> = {};
let editor: string;
let probe: ArticleHandle;
const PROBE = '索引命中探针';

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  probe = await buildPublished(server, {
    title: `${PROBE} 拨号`,
    category: 'broadband/dial-up-errors',
    errorCodes: ['691'],
  });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
  // Stopped, so that its polls are not counted (and the index lags on purpose in the last test).
  await server.indexer?.stop();
  tokens['agent'] = await server.tokenFor(['agent'], 'agent-hits');
  tokens['editor'] = await server.tokenFor(['editor'], 'editor-hits');
  editor = tokens['editor'];
}, 240_000);
afterAll(async () => {
  await server.stop();
});

const READERS = ['public', 'agent', 'editor'] as const;
const as = (reader: string) => (tokens[reader] ? { token: tokens[reader] } : {});

/** The node fields the index entry answers, as a selection. */
const FROM_INDEX = 'id slug locale category { key } categoryPath { key } errorCodes audience __typename';

const searchOf = (node: string) => `query ($q: String!, $first: Int!) {
  searchArticles(query: $q, first: $first) {
    totalHits degraded facets { categories { value count } tags { value count } }
    pageInfo { hasNextPage endCursor }
    edges { cursor title snippet matchedErrorCodes node { ${node} } }
  }
}`;

interface Page {
  totalHits: number;
  edges: Array<{ node: Record<string, unknown> }>;
}

/**
 * The MongoDB commands (name:collection) one search sends; the shared stale-article look-up is told
 * apart as `find:articles(stale)`.
 */
async function commandsOf(node: string, q: string, first: number, reader = 'public') {
  const seen: string[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (event.databaseName !== server.app.config.mongo.dbName) return;
    const command = event.command as Record<string, unknown>;
    const stale = JSON.stringify(command['filter'] ?? {}).includes('searchPending') ? '(stale)' : '';
    seen.push(`${event.commandName}:${String(command[event.commandName])}${stale}`);
  };
  server.app.mongo.on('commandStarted', listener);
  let page: Page;
  try {
    page = expectData(
      await server.graphql<{ searchArticles: Page }>(searchOf(node), { q, first }, as(reader)),
    ).searchArticles;
    // The search log is told after the answer (and buffers it): let anything it would send go out.
    await new Promise((done) => setImmediate(done));
    await server.app.services.events.settled();
  } finally {
    server.app.mongo.off('commandStarted', listener);
  }
  return { page, commands: seen.sort() };
}

describe('search hits served from the index', () => {
  it('lists only Article fields that exist', async () => {
    const data = expectData(
      await server.graphql<{ __type: { fields: Array<{ name: string }> } }>(
        '{ __type(name: "Article") { fields { name } } }',
      ),
    );
    const names = new Set([...data.__type.fields.map((field) => field.name), '__typename']);
    for (const name of INDEX_ENTRY_ARTICLE_FIELDS)
      expect({ name, known: names.has(name) }).toEqual({ name, known: true });
  });

  it('costs no MongoDB command of its own for a page of 10; the search log is written in batches', async () => {
    await server.app.services.searchLogWriter.flush();
    const { page, commands } = await commandsOf('id slug', '宽带', 10);
    expect(page.edges).toHaveLength(10);
    // At most the shared look-up of stale articles (when the last one is older than a quarter second).
    expect(commands.filter((command) => command !== 'find:articles(stale)')).toEqual([]);
    // A field the index does not answer exactly re-reads the page's articles: one read.
    const stored = await commandsOf('id slug title', '宽带', 10);
    expect(stored.page.edges).toHaveLength(10);
    expect(stored.commands.filter((command) => command !== 'find:articles(stale)')).toEqual([
      'find:articles',
    ]);
    // Both searches' log entries go out together, in one write.
    const writes: string[] = [];
    const listener = (event: CommandStartedEvent) => writes.push(event.commandName);
    server.app.mongo.on('commandStarted', listener);
    await server.app.services.searchLogWriter.flush();
    server.app.mongo.off('commandStarted', listener);
    expect(writes).toEqual(['insert']);
    const latest = await server.app.services.searchLog.findLatestByQuery('宽带');
    expect(latest?.query).toBe('宽带');
    expect(latest?.hits).toBeGreaterThan(0);
  });

  it.each(READERS)('answers as %s exactly as the stored articles do', async (reader) => {
    for (const q of ['691', '宽带 连不上', 'password', '营业厅', PROBE]) {
      const fromIndex = await commandsOf(FROM_INDEX, q, 20, reader);
      const stored = await commandsOf(`${FROM_INDEX} title`, q, 20, reader);
      expect(fromIndex.page.totalHits).toBeGreaterThan(0);
      for (const edge of stored.page.edges) delete edge.node['title'];
      expect({ q, reader, page: fromIndex.page }).toEqual({ q, reader, page: stored.page });
      const articleReads = (commands: string[]) => commands.filter((c) => c === 'find:articles').length;
      expect([articleReads(fromIndex.commands), articleReads(stored.commands)]).toEqual([0, 1]);
    }
  });

  // Last in this file: the index lags from here on.
  it("answers an entry the index has not caught up with from MongoDB's copy", async () => {
    const edited = expectData(
      await server.graphql<{ updateArticle: { article: ArticleHandle } }>(
        'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, errorCodes: ["678"], category: "broadband" }) { article { id slug version } } }',
        { id: probe.id, v: probe.version },
        { token: editor },
      ),
    ).updateArticle.article;
    await publish(server, await submit(server, edited));
    for (const reader of READERS) {
      const { page } = await commandsOf(FROM_INDEX, PROBE, 5, reader);
      const hit = page.edges.find((edge) => edge.node['id'] === probe.id);
      expect({ reader, node: hit?.node }).toMatchObject({
        reader,
        node: { errorCodes: ['678'], category: { key: 'broadband' }, categoryPath: [{ key: 'broadband' }] },
      });
    }
  });
});
