import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedArticles } from '../../seed/data/articles.js';
import { seedDatabase, seeders } from '../../seed/index.js';
import { buildDraft, buildPublished } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { GraphQLResponse, TestServer } from '../helpers/test-server.js';

let server: TestServer;
let tokens: Record<'agent' | 'editor', { token: string }>;

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  tokens = {
    agent: { token: await server.tokenFor(['agent'], 'agent-1') },
    editor: { token: await server.tokenFor(['editor'], 'editor-1') },
  };
});
afterAll(async () => {
  await server.stop();
});

interface Listed {
  articles: { totalCount: number; nodes: Array<{ slug: string; status: string; audience: string }> };
}

async function listAll(
  filter: Record<string, unknown>,
  options: { token?: string } = {},
): Promise<Listed['articles']> {
  const nodes: Listed['articles']['nodes'] = [];
  let after: string | null = null;
  let totalCount: number;
  for (;;) {
    type PageData = {
      articles: Listed['articles'] & { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    const response: GraphQLResponse<PageData> = await server.graphql<PageData>(
      'query ($filter: ArticleFilter, $after: String) { articles(filter: $filter, first: 25, after: $after) { totalCount nodes { slug status audience } pageInfo { hasNextPage endCursor } } }',
      { filter, after },
      options,
    );
    const page: PageData['articles'] = expectData(response).articles;
    totalCount = page.totalCount;
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

const now = new Date();
const inWindow = (article: (typeof seedArticles)[number]) =>
  (!article.validFrom || new Date(article.validFrom) <= now) &&
  (!article.validTo || new Date(article.validTo) > now);
const publicSeed = seedArticles.filter(
  (article) => article.status === 'PUBLISHED' && article.audience === 'PUBLIC' && inWindow(article),
);
const agentSeed = seedArticles.filter((article) => article.status === 'PUBLISHED' && inWindow(article));

describe('articles: who sees what', () => {
  it('gives the public exactly the published PUBLIC in-window articles, paged without repeats', async () => {
    const listed = await listAll({});
    expect(listed.totalCount).toBe(publicSeed.length);
    expect(listed.nodes).toHaveLength(publicSeed.length);
    expect(new Set(listed.nodes.map((node) => `${node.slug}`)).size).toBe(
      new Set(publicSeed.map((article) => article.slug)).size,
    );
    expect(listed.nodes.every((node) => node.status === 'PUBLISHED' && node.audience === 'PUBLIC')).toBe(
      true,
    );
  });

  it('gives agents INTERNAL articles too, but no drafts, reviews, archived or expired ones', async () => {
    const listed = await listAll({}, tokens.agent);
    expect(listed.totalCount).toBe(agentSeed.length);
    expect(listed.nodes.some((node) => node.audience === 'INTERNAL')).toBe(true);
    expect(listed.nodes.every((node) => node.status === 'PUBLISHED')).toBe(true);
  });

  it('gives editors every article, and filters by status and expiry', async () => {
    const listed = await listAll({}, tokens.editor);
    expect(listed.totalCount).toBe(seedArticles.length);
    const drafts = await listAll({ status: 'DRAFT' }, tokens.editor);
    expect(drafts.totalCount).toBe(seedArticles.filter((article) => article.status === 'DRAFT').length);
    const expired = await listAll({ expired: true }, tokens.editor);
    expect(expired.nodes.map((node) => node.slug).sort()).toEqual(
      seedArticles
        .filter((article) => !inWindow(article))
        .map((article) => article.slug)
        .sort(),
    );
  });

  it('refuses the public a status filter other than PUBLISHED, naming the field', async () => {
    const response = await server.graphql('{ articles(filter: { status: DRAFT }) { totalCount } }');
    expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toEqual(['filter.status']);
  });

  it('filters by category subtree, tag, error code and locale', async () => {
    const dialUp = await listAll({ category: 'broadband' }, tokens.agent);
    const expectedDialUp = agentSeed.filter((article) => article.category.startsWith('broadband'));
    expect(dialUp.totalCount).toBe(expectedDialUp.length);
    const byCode = await listAll({ errorCode: '691', locale: 'ZH_CN' }, tokens.agent);
    expect(byCode.nodes.map((node) => node.slug).sort()).toEqual(
      agentSeed
        .filter((article) => article.locale === 'zh-CN' && article.errorCodes.includes('691'))
        .map((article) => article.slug)
        .sort(),
    );
    const tagged = await listAll({ tag: '拨号' }, tokens.agent);
    expect(tagged.nodes.map((node) => node.slug).sort()).toEqual(
      agentSeed
        .filter((article) => article.tags.includes('拨号'))
        .map((article) => article.slug)
        .sort(),
    );
    expect(tagged.totalCount).toBeGreaterThan(0);
    const english = await listAll({ locale: 'EN' });
    expect(english.totalCount).toBe(publicSeed.filter((article) => article.locale === 'en').length);
  });
});

describe('every read path hides what the caller may not read', () => {
  it('article(slug): internal articles are null for the public, present for agents', async () => {
    const internal = agentSeed.find(
      (article) => article.audience === 'INTERNAL' && article.locale === 'zh-CN',
    );
    if (!internal) throw new Error('the seed has no internal article');
    const query = 'query ($slug: String!) { article(slug: $slug) { slug audience } }';
    expect(expectData(await server.graphql(query, { slug: internal.slug }))).toEqual({ article: null });
    expect(expectData(await server.graphql(query, { slug: internal.slug }, tokens.agent))).toEqual({
      article: { slug: internal.slug, audience: 'INTERNAL' },
    });
  });

  it('node(id): a draft is null for the public and agents, visible to editors', async () => {
    const draft = await buildDraft(server, { category: 'broadband/dial-up-errors' });
    const query = 'query ($id: ID!) { node(id: $id) { id ... on Article { status } } }';
    expect(expectData(await server.graphql(query, { id: draft.id }))).toEqual({ node: null });
    expect(expectData(await server.graphql(query, { id: draft.id }, tokens.agent))).toEqual({ node: null });
    expect(expectData(await server.graphql(query, { id: draft.id }, tokens.editor))).toEqual({
      node: { id: draft.id, status: 'DRAFT' },
    });
  });

  it('related and translations leave out what the caller may not read', async () => {
    const internal = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      audience: 'INTERNAL',
    });
    const draft = await buildDraft(server, { category: 'broadband/dial-up-errors' });
    const open = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const main = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      related: [internal.id, draft.id, open.id],
    });
    await buildDraft(server, { category: 'broadband/dial-up-errors', slug: main.slug, locale: 'EN' });
    const query =
      'query ($slug: String!) { article(slug: $slug) { related { id } translations { locale } } }';
    expect(expectData(await server.graphql(query, { slug: main.slug }))).toEqual({
      article: { related: [{ id: open.id }], translations: [] },
    });
    expect(expectData(await server.graphql(query, { slug: main.slug }, tokens.agent))).toEqual({
      article: { related: [{ id: internal.id }, { id: open.id }], translations: [] },
    });
    expect(expectData(await server.graphql(query, { slug: main.slug }, tokens.editor))).toEqual({
      article: {
        related: [{ id: internal.id }, { id: draft.id }, { id: open.id }],
        translations: [{ locale: 'EN' }],
      },
    });
  });

  it('history, rejection and articleDiff are for editors and reviewers only', async () => {
    const published = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const history = await server.graphql(
      'query ($id: ID!) { node(id: $id) { ... on Article { history { revisions: nodes { version } } } } }',
      { id: published.id },
      tokens.agent,
    );
    expectErrorCode(history, 'FORBIDDEN');
    const diff = await server.graphql(
      'query ($id: ID!) { articleDiff(id: $id, from: 1, to: 2) { fields { field } } }',
      {
        id: published.id,
      },
    );
    expectErrorCode(diff, 'UNAUTHENTICATED');
    const editorHistory = await server.graphql<{
      node: { history: { revisions: Array<{ version: number }> } };
    }>(
      'query ($id: ID!) { node(id: $id) { ... on Article { history { revisions: nodes { version } } } } }',
      { id: published.id },
      tokens.editor,
    );
    expect(expectData(editorHistory).node.history.revisions.map((revision) => revision.version)).toEqual([
      3, 2, 1,
    ]);
  });

  it('serves bodyHtml with raw HTML escaped', async () => {
    const published = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      body: '## 步骤\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(1))',
    });
    const data = expectData(
      await server.graphql<{ node: { bodyHtml: string } }>(
        'query ($id: ID!) { node(id: $id) { ... on Article { bodyHtml } } }',
        { id: published.id },
      ),
    );
    expect(data.node.bodyHtml).toContain('<h2>步骤</h2>');
    expect(data.node.bodyHtml).not.toContain('<script>');
    expect(data.node.bodyHtml).not.toContain('href="javascript:');
  });
});

describe('staff-only metadata', () => {
  it('gives the public no owner, flags or unpublished-change hints, and the published status and version', async () => {
    const published = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    // An editor starts an unpublished change and an agent flags a problem.
    const edited = expectData(
      await server.graphql<{ updateArticle: { article: { version: number } } }>(
        'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, title: "改写中" }) { article { version } } }',
        { id: published.id, v: published.version },
        tokens.editor,
      ),
    ).updateArticle.article;
    expectData(
      await server.graphql(
        'mutation ($id: ID!) { flagArticle(input: { id: $id, reason: OUTDATED }) { flag { id } } }',
        { id: published.id },
        tokens.agent,
      ),
    );
    const query = `query ($id: ID!) { node(id: $id) { ... on Article {
      owner status version publishedVersion hasUnpublishedChanges stats { openFlags }
    } } }`;
    const read = async (options: { token?: string } = {}) =>
      expectData(
        await server.graphql<{ node: Record<string, unknown> }>(query, { id: published.id }, options),
      ).node;

    expect(await read()).toEqual({
      owner: null,
      status: 'PUBLISHED',
      version: published.version,
      publishedVersion: published.version,
      hasUnpublishedChanges: null,
      stats: { openFlags: null },
    });
    expect(await read(tokens.agent)).toEqual({
      owner: 'editor-factory',
      status: 'PUBLISHED',
      version: published.version,
      publishedVersion: published.version,
      hasUnpublishedChanges: true,
      stats: { openFlags: 1 },
    });
    expect(await read(tokens.editor)).toEqual({
      owner: 'editor-factory',
      status: 'DRAFT',
      version: edited.version,
      publishedVersion: published.version,
      hasUnpublishedChanges: true,
      stats: { openFlags: 1 },
    });
  });
});

describe('batching', () => {
  it('reads a page of 5 or of 50 articles with nested fields in the same few commands', async () => {
    const query = `query ($first: Int!) { articles(first: $first) { totalCount nodes {
      slug title category { key } categoryPath { key } related { slug category { key } } translations { locale title }
    } } }`;
    const counts = async (first: number) =>
      server.countCommands(async () => expectData(await server.graphql(query, { first }, tokens.agent)));
    const small = await counts(5);
    const large = await counts(50);
    expect(large).toEqual(small);
    const total = Object.values(large).reduce((sum, count) => sum + count, 0);
    expect(total).toBeLessThanOrEqual(6);
  });
});

describe('seeding', () => {
  it('is idempotent: a second run writes nothing and changes no article', async () => {
    const before = await server.app.db
      .collection('articles')
      .find({}, { projection: { slug: 1, version: 1 } })
      .toArray();
    const report = await seedDatabase(server.app, { onlyEmpty: false });
    expect(report.map((line) => line.name)).toEqual(seeders.map((seeder) => seeder.name));
    expect(report.map((line) => line.written)).toEqual(report.map(() => 0));
    const after = await server.app.db
      .collection('articles')
      .find({}, { projection: { slug: 1, version: 1 } })
      .toArray();
    expect(after).toEqual(before);
  });

  it('loads every seed article with its first revision, and serves the 691 article to the public', async () => {
    const seeded = await server.app.db.collection('articles').countDocuments({ createdBy: 'seed' });
    expect(seeded).toBe(seedArticles.length);
    const data = expectData(
      await server.graphql<{
        article: { errorCodes: string[]; category: { key: string }; categoryPath: Array<{ key: string }> };
      }>(
        '{ article(slug: "broadband-error-691-619-629") { errorCodes category { key } categoryPath { key } } }',
      ),
    );
    expect(data.article.errorCodes).toEqual(['691', '619', '629']);
    expect(data.article.categoryPath.map((category) => category.key)).toEqual([
      'broadband',
      'broadband/dial-up-errors',
    ]);
  });
});

describe('bounded counts', () => {
  it('counts exactly up to upTo, and says AT_LEAST beyond it, under the same visibility as the list', async () => {
    type Counted = {
      articles: {
        totalCount: number;
        exact: { count: number; precision: string };
        capped: { count: number; precision: string };
      };
    };
    const data = expectData(
      await server.graphql<Counted>(
        '{ articles(first: 1) { totalCount exact: count(upTo: 10000) { count precision } capped: count(upTo: 3) { count precision } } }',
        {},
        tokens.agent,
      ),
    ).articles;
    expect(data.totalCount).toBeGreaterThan(3);
    expect(data.exact).toEqual({ count: data.totalCount, precision: 'EXACT' });
    expect(data.capped).toEqual({ count: 3, precision: 'AT_LEAST' });
    const anonymous = expectData(
      await server.graphql<Counted>(
        '{ articles(first: 1) { totalCount exact: count(upTo: 10000) { count precision } } }',
      ),
    ).articles;
    expect(anonymous.exact.count).toBe(anonymous.totalCount);
    expect(anonymous.exact.count).toBeLessThan(data.exact.count);
    const tooMany = await server.graphql('{ articles(first: 1) { count(upTo: 10001) { count } } }');
    expect(fieldPaths(expectErrorCode(tooMany, 'BAD_USER_INPUT'))).toEqual(['upTo']);
  });
});
