import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ObjectId } from 'mongodb';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { hallSeeder, regionSeeder } from '../../seed/channels.js';
import { PUBLIC_PRINCIPAL, staffPrincipal } from '../../src/auth/principal.js';
import type { Principal } from '../../src/auth/principal.js';
import type {
  ArticleContent,
  ArticleDoc,
  ArticleStatus,
  Audience,
} from '../../src/modules/articles/article.model.js';
import { isIndexable, isVisible } from '../../src/modules/articles/article.visibility.js';
import { eventually } from '../helpers/eventually.js';
import { expectData, expectErrorCode } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * Every read path applies the one visibility policy: a set of articles of mixed visibility is
 * read through article(slug), articles, node, nodes, related, translations, mostUsedArticles,
 * flags, searchArticles and a hall's relatedArticles, as the public, an agent and an editor, and
 * each path returns exactly the articles `isVisible` accepts for that reader (search: published
 * revisions only). History and diffs are refused to readers by the knowledge policy.
 */

const DAY = 86_400_000;
const WORD = 'readpathprobe';
let server: TestServer;
const docs: ArticleDoc[] = [];
const twins = new Map<string, ArticleDoc>();
let hub: ArticleDoc;
let hallCode: string;
const tokens: Record<string, string | undefined> = {};
const principals: Record<string, Principal> = {
  public: PUBLIC_PRINCIPAL,
  agent: staffPrincipal('agent-paths', ['agent']),
  editor: staffPrincipal('editor-paths', ['editor']),
};

function content(
  audience: Audience,
  from: number | null,
  to: number | null,
  related: ObjectId[] = [],
): ArticleContent {
  const now = Date.now();
  return {
    title: `${WORD} 旗舰营业厅 办理`,
    summary: WORD,
    body: WORD,
    category: 'halls',
    categoryPath: ['halls'],
    tags: ['旗舰营业厅'],
    errorCodes: [],
    audience,
    validFrom: from === null ? null : new Date(now + from),
    validTo: to === null ? null : new Date(now + to),
    related,
  };
}

function article(
  slug: string,
  locale: 'zh-CN' | 'en',
  status: ArticleStatus,
  live: ArticleContent | null,
): ArticleDoc {
  const at = new Date();
  return {
    _id: new ObjectId(),
    slug,
    locale,
    status,
    version: 3,
    current: content('PUBLIC', null, null),
    live,
    liveVersion: live ? 2 : null,
    publishedAt: live ? at : null,
    publishedBy: live ? 'reviewer-paths' : null,
    owner: 'editor-paths',
    createdAt: at,
    createdBy: 'editor-paths',
    updatedAt: at,
    updatedBy: 'editor-paths',
    submittedAt: null,
    submittedBy: null,
    rejection: null,
    counters: { views: 0, helpful: 0, notHelpful: 0, uses: 0, openFlags: 0 },
    lastChange: { version: 3, action: 'update', author: 'editor-paths', at, note: null },
    revisionPending: false,
    searchPending: true,
    searchSyncedVersion: null,
  };
}

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await regionSeeder.run(server.app);
  await hallSeeder.run(server.app);
  const hall = await server.app.db.collection<{ code: string }>('halls').findOne({ tier: 'FLAGSHIP' });
  hallCode = hall?.code ?? '';
  const variants: Array<[string, ArticleStatus, ArticleContent | null]> = [
    ['published-internal', 'PUBLISHED', content('INTERNAL', -DAY, DAY)],
    ['expired', 'PUBLISHED', content('PUBLIC', -2 * DAY, -DAY)],
    ['not-yet', 'PUBLISHED', content('PUBLIC', DAY, null)],
    ['draft', 'DRAFT', null],
    ['archived', 'ARCHIVED', content('PUBLIC', null, null)],
    ['in-review-live', 'IN_REVIEW', content('PUBLIC', null, null)],
    ['published-public', 'PUBLISHED', content('PUBLIC', null, null)],
  ];
  for (const [slug, status, live] of variants) docs.push(article(`paths-${slug}`, 'zh-CN', status, live));
  const hubContent = content(
    'PUBLIC',
    null,
    null,
    docs.map((doc) => doc._id),
  );
  hub = { ...article('paths-hub', 'zh-CN', 'PUBLISHED', hubContent), current: hubContent };
  // Each variant has an English twin everyone may read: its translations show the variant or not.
  for (const doc of docs)
    twins.set(doc.slug, article(doc.slug, 'en', 'PUBLISHED', content('PUBLIC', null, null)));
  await server.app.services.articles.articles.insertMany([...docs, hub, ...twins.values()]);
  await server.app.db.collection('article_uses').insertMany(
    docs.map((doc) => ({
      _id: new ObjectId(),
      articleId: doc._id,
      channel: 'HOTLINE',
      by: 'agent-paths',
      at: new Date(),
    })),
  );
  await server.app.db.collection('article_flags').insertMany(
    docs.map((doc) => ({
      _id: new ObjectId(),
      articleId: doc._id,
      reason: 'OUTDATED',
      comment: null,
      status: 'OPEN',
      by: 'agent-paths',
      at: new Date(),
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
    })),
  );
  tokens['agent'] = await server.tokenFor(['agent'], 'agent-paths');
  tokens['editor'] = await server.tokenFor(['editor'], 'editor-paths');
  await waitForSearchSync(server.app);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

const READERS = ['public', 'agent', 'editor'] as const;
type Reader = (typeof READERS)[number];

function as(reader: Reader): { token?: string } {
  const token = tokens[reader];
  return token ? { token } : {};
}

function expected(reader: Reader, purpose: 'read' | 'search' = 'read'): string[] {
  const principal = principals[reader] ?? PUBLIC_PRINCIPAL;
  return docs
    .filter((doc) => isVisible(principal, doc, new Date(), purpose))
    .map((doc) => doc.slug)
    .sort();
}

const variantSlugs = () => new Set(docs.map((doc) => doc.slug));
const onlyVariants = (slugs: string[]) =>
  [...new Set(slugs.filter((slug) => variantSlugs().has(slug)))].sort();

describe.each(READERS)('as %s, every read path returns exactly what the policy allows', (reader) => {
  it('has the expected sets (sanity)', () => {
    const sets = { public: ['paths-in-review-live', 'paths-published-public'] };
    if (reader === 'public') expect(expected('public')).toEqual(sets.public);
    if (reader === 'agent')
      expect(expected('agent')).toEqual([...sets.public, 'paths-published-internal'].sort());
    if (reader === 'editor') expect(expected('editor')).toHaveLength(docs.length);
  });

  it('article(slug)', async () => {
    const seen: string[] = [];
    for (const doc of docs) {
      const data = expectData(
        await server.graphql<{ article: { slug: string } | null }>(
          'query ($slug: String!) { article(slug: $slug, locale: ZH_CN) { slug } }',
          { slug: doc.slug },
          as(reader),
        ),
      );
      if (data.article) seen.push(data.article.slug);
    }
    expect(seen.sort()).toEqual(expected(reader));
  });

  it('articles', async () => {
    const data = expectData(
      await server.graphql<{ articles: { nodes: Array<{ slug: string }> } }>(
        '{ articles(first: 100, filter: { locale: ZH_CN }) { nodes { slug } } }',
        {},
        as(reader),
      ),
    );
    expect(onlyVariants(data.articles.nodes.map((node) => node.slug))).toEqual(expected(reader));
  });

  it('node and nodes', async () => {
    const ids = docs.map((doc) => encodeGlobalID('Article', doc._id.toHexString()));
    const single: string[] = [];
    for (const id of ids) {
      const data = expectData(
        await server.graphql<{ node: { slug: string } | null }>(
          'query ($id: ID!) { node(id: $id) { ... on Article { slug } } }',
          { id },
          as(reader),
        ),
      );
      if (data.node) single.push(data.node.slug);
    }
    expect(single.sort()).toEqual(expected(reader));
    const many = expectData(
      await server.graphql<{ nodes: Array<{ slug: string } | null> }>(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { slug } } }',
        { ids },
        as(reader),
      ),
    );
    expect(onlyVariants(many.nodes.flatMap((node) => (node ? [node.slug] : [])))).toEqual(expected(reader));
  });

  it('related and translations', async () => {
    const related = expectData(
      await server.graphql<{ article: { related: Array<{ slug: string }> } }>(
        '{ article(slug: "paths-hub", locale: ZH_CN) { related { slug } } }',
        {},
        as(reader),
      ),
    );
    expect(onlyVariants(related.article.related.map((node) => node.slug))).toEqual(expected(reader));
    const seen: string[] = [];
    for (const doc of docs) {
      const data = expectData(
        await server.graphql<{ article: { translations: Array<{ slug: string; locale: string }> } }>(
          'query ($slug: String!) { article(slug: $slug, locale: EN) { translations { slug locale } } }',
          { slug: doc.slug },
          as(reader),
        ),
      );
      seen.push(...data.article.translations.map((translation) => translation.slug));
    }
    expect(seen.sort()).toEqual(expected(reader));
  });

  // `slug` alone is answered from the index entries, `slug title` from the stored articles.
  it.each(['slug', 'slug title'])(
    'searchArticles with node { %s } (published revisions only, for editors too)',
    async (node) => {
      await eventually(async () => {
        const data = expectData(
          await server.graphql<{ searchArticles: { hits: Array<{ article: { slug: string } }> } }>(
            `{ searchArticles(query: "${WORD}", first: 50, filter: { locale: ZH_CN }) { hits: edges { article: node { ${node} } } } }`,
            {},
            as(reader),
          ),
        );
        expect(onlyVariants(data.searchArticles.hits.map((hit) => hit.article.slug))).toEqual(
          expected(reader, 'search'),
        );
      }, 30_000);
    },
  );

  it("a hall's relatedArticles", async () => {
    const data = expectData(
      await server.graphql<{ hall: { relatedArticles: Array<{ slug: string; locale: string }> } }>(
        'query ($code: String!) { hall(code: $code) { relatedArticles(first: 20) { slug locale } } }',
        { code: hallCode },
        as(reader),
      ),
    );
    const zh = data.hall.relatedArticles.filter((node) => node.locale === 'ZH_CN').map((node) => node.slug);
    // Hall articles are published ones: the policy's reader-independent part, then each reader's rule.
    const published = new Set(docs.filter((doc) => isIndexable(doc)).map((doc) => doc.slug));
    expect(onlyVariants(zh)).toEqual(expected(reader).filter((slug) => published.has(slug)));
  });

  it('mostUsedArticles and flags (staff paths)', async () => {
    const used = await server.graphql<{ mostUsedArticles: Array<{ article: { slug: string } }> }>(
      'query ($since: DateTime!) { mostUsedArticles(since: $since, first: 50) { article { slug } } }',
      { since: new Date(Date.now() - DAY).toISOString() },
      as(reader),
    );
    if (reader === 'public') {
      expectErrorCode(used, 'UNAUTHENTICATED');
    } else {
      const slugs = expectData(used).mostUsedArticles.map((row) => row.article.slug);
      expect(onlyVariants(slugs)).toEqual(expected(reader));
    }
    const flags = await server.graphql<{
      articleFlags: { nodes: Array<{ article: { slug: string } | null }> };
    }>('{ articleFlags(status: OPEN, first: 50) { nodes { article { slug } } } }', {}, as(reader));
    if (reader === 'editor') {
      const slugs = expectData(flags).articleFlags.nodes.flatMap((flag) =>
        flag.article ? [flag.article.slug] : [],
      );
      expect(onlyVariants(slugs)).toEqual(expected(reader));
    } else {
      expectErrorCode(flags, reader === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
  });

  it('history and articleDiff are for editorial readers only', async () => {
    const id = encodeGlobalID('Article', hub._id.toHexString());
    const history = await server.graphql<{ article: { history: { revisions: unknown[] } } | null }>(
      '{ article(slug: "paths-hub", locale: ZH_CN) { history { revisions: nodes { version } } } }',
      {},
      as(reader),
    );
    const diff = await server.graphql(
      'query ($id: ID!) { articleDiff(id: $id, from: 1, to: 2) { fields { field } } }',
      { id },
      as(reader),
    );
    if (reader === 'editor') {
      expect(expectData(history).article?.history.revisions).toEqual([]);
      expectErrorCode(diff, 'NOT_FOUND');
    } else {
      const code = reader === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expectErrorCode(history, code);
      expectErrorCode(diff, code);
    }
  });
});
