import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureCategory, uniqueSlug } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/** The editors' "my work" filters on `articles` (mine, rejected, open flags, expiring) and the body preview. */
let server: TestServer;
const CATEGORY = 'testing/my-work';
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  server = await startTestServer();
  await ensureCategory(server.app, CATEGORY);
});
afterAll(async () => {
  await server.stop();
});

interface Handle {
  id: string;
  version: number;
  title: string;
}

async function token(role: 'editor' | 'reviewer' | 'agent', sub: string): Promise<{ token: string }> {
  return { token: await server.tokenFor([role], sub) };
}

async function create(sub: string, title: string, extra: Record<string, unknown> = {}): Promise<Handle> {
  const data = expectData(
    await server.graphql<{ createArticle: { article: Handle } }>(
      'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id version title } } }',
      { input: { slug: uniqueSlug('mine'), title, body: '正文', category: CATEGORY, ...extra } },
      await token('editor', sub),
    ),
  );
  return data.createArticle.article;
}

async function move(
  mutation: 'submitArticleForReview' | 'rejectArticle',
  article: Handle,
  sub: string,
): Promise<Handle> {
  const input = mutation === 'rejectArticle' ? ', reason: "缺少处理步骤"' : '';
  const role = mutation === 'rejectArticle' ? 'reviewer' : 'editor';
  const data = expectData(
    await server.graphql<Record<string, { article: Handle }>>(
      `mutation ($id: ID!, $v: Int!) { ${mutation}(input: { id: $id, expectedVersion: $v${input} }) { article { id version title } } }`,
      { id: article.id, v: article.version },
      await token(role, sub),
    ),
  );
  const moved = data[mutation];
  if (!moved) throw new Error(`no ${mutation} payload`);
  return moved.article;
}

async function titles(filter: Record<string, unknown>, sub = 'mw-alice'): Promise<string[]> {
  const data = expectData(
    await server.graphql<{ articles: { nodes: Array<{ title: string }> } }>(
      'query ($filter: ArticleFilter) { articles(filter: $filter, first: 50) { nodes { title } } }',
      { filter: { category: CATEGORY, ...filter } },
      await token('editor', sub),
    ),
  );
  return data.articles.nodes.map((node) => node.title).sort();
}

describe('my work filters', () => {
  beforeAll(async () => {
    await create('mw-alice', 'A 草稿');
    await move('submitArticleForReview', await create('mw-alice', 'A 审核中'), 'mw-alice');
    const rejected = await move('submitArticleForReview', await create('mw-alice', 'A 被退回'), 'mw-alice');
    await move('rejectArticle', rejected, 'mw-reviewer');
    const soon = new Date(Date.now() + 5 * DAY).toISOString();
    await create('mw-alice', 'A 即将过期', { validTo: soon });
    await create('mw-alice', 'A 已过期', {
      validFrom: new Date(Date.now() - 9 * DAY).toISOString(),
      validTo: new Date(Date.now() - DAY).toISOString(),
    });
    await create('mw-bob', 'B 草稿', { validTo: soon });
  });

  it('lists only the caller’s articles with mine, by status', async () => {
    expect(await titles({ mine: true })).toEqual([
      'A 即将过期',
      'A 审核中',
      'A 已过期',
      'A 草稿',
      'A 被退回',
    ]);
    expect(await titles({ mine: true, status: 'IN_REVIEW' })).toEqual(['A 审核中']);
    expect(await titles({ mine: true }, 'mw-bob')).toEqual(['B 草稿']);
  });

  it('tells rejected drafts from the others, and a resubmitted one is no longer rejected', async () => {
    expect(await titles({ mine: true, status: 'DRAFT', rejected: true })).toEqual(['A 被退回']);
    expect(await titles({ mine: true, status: 'DRAFT', rejected: false })).toEqual([
      'A 即将过期',
      'A 已过期',
      'A 草稿',
    ]);
  });

  it('lists what expires before an instant, and with expired: false only what is still served', async () => {
    const inTwoWeeks = new Date(Date.now() + 14 * DAY).toISOString();
    expect(await titles({ expiresBefore: inTwoWeeks })).toEqual(['A 即将过期', 'A 已过期', 'B 草稿']);
    expect(await titles({ expiresBefore: inTwoWeeks, expired: false })).toEqual(['A 即将过期', 'B 草稿']);
    expect(await titles({ expiresBefore: new Date(Date.now() + DAY).toISOString(), expired: false })).toEqual(
      [],
    );
  });

  it('lists articles with open flags', async () => {
    const flagged = await create('mw-alice', 'A 有反馈');
    expectData(
      await server.graphql(
        'mutation ($id: ID!) { flagArticle(input: { id: $id, reason: OUTDATED, comment: "资费已调整" }) { flag { id } } }',
        { id: flagged.id },
        await token('editor', 'mw-flagger'),
      ),
    );
    expect(await titles({ hasOpenFlags: true })).toEqual(['A 有反馈']);
    expect(await titles({ hasOpenFlags: false })).not.toContain('A 有反馈');
  });

  it('refuses the editorial filters to agents, naming the field', async () => {
    const response = await server.graphql(
      'query { articles(filter: { mine: true }) { nodes { id } } }',
      {},
      await token('agent', 'mw-agent'),
    );
    expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toEqual(['filter.mine']);
  });
});

describe('articleBodyPreview', () => {
  it('renders like bodyHtml, raw HTML escaped', async () => {
    const body = '## 步骤\n\n1. 重启光猫\n\n<script>alert(1)</script>';
    const created = await create('mw-alice', '预览', { body });
    const data = expectData(
      await server.graphql<{ articleBodyPreview: string; node: { bodyHtml: string } }>(
        'query ($body: String!, $id: ID!) { articleBodyPreview(body: $body) node(id: $id) { ... on Article { bodyHtml } } }',
        { body, id: created.id },
        await token('editor', 'mw-alice'),
      ),
    );
    expect(data.articleBodyPreview).toBe(data.node.bodyHtml);
    expect(data.articleBodyPreview).toContain('<h2>步骤</h2>');
    expect(data.articleBodyPreview).not.toContain('<script>');
  });

  it('is for editors only, and refuses an over-long body on the field', async () => {
    const agent = await server.graphql(
      'query { articleBodyPreview(body: "x") }',
      {},
      await token('agent', 'a'),
    );
    expectErrorCode(agent, 'FORBIDDEN');
    const long = await server.graphql(
      'query ($body: String!) { articleBodyPreview(body: $body) }',
      { body: 'x'.repeat(50_001) },
      await token('editor', 'mw-alice'),
    );
    expect(fieldPaths(expectErrorCode(long, 'BAD_USER_INPUT'))).toEqual(['body']);
  });
});
