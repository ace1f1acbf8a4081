import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { ObjectId } from 'mongodb';
import { eventually } from '../helpers/eventually.js';
import { buildPublished } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let agent: { token: string };
let editor: { token: string };

beforeAll(async () => {
  server = await startTestServer();
  agent = { token: await server.tokenFor(['agent'], 'agent-7') };
  editor = { token: await server.tokenFor(['editor'], 'editor-7') };
});
afterAll(async () => {
  await server.stop();
});

/** The stored ObjectId behind an Article's global id. */
const articleOid = (id: string) => new ObjectId(decodeGlobalID(id).id);

const STATS = 'stats { views helpful notHelpful uses openFlags }';

describe('ratings', () => {
  const rate = (id: string, helpful: boolean, options: { token?: string } = {}) =>
    server.graphql<{ rateArticle: { article: { stats: Record<string, number> } } }>(
      `mutation ($id: ID!, $h: Boolean!) { rateArticle(input: { id: $id, helpful: $h, comment: "清楚" }) { article { ${STATS} } } }`,
      { id, h: helpful },
      options,
    );

  it('counts one rating per client and article: rating again replaces the earlier rating', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    expect(expectData(await rate(article.id, true)).rateArticle.article.stats).toMatchObject({
      helpful: 1,
      notHelpful: 0,
    });
    expect(expectData(await rate(article.id, true)).rateArticle.article.stats).toMatchObject({
      helpful: 1,
      notHelpful: 0,
    });
    // The same anonymous reader changes their mind: moved, not counted twice.
    expect(expectData(await rate(article.id, false)).rateArticle.article.stats).toMatchObject({
      helpful: 0,
      notHelpful: 1,
    });
    // Other clients (token holders, by subject) count separately.
    await rate(article.id, true, agent);
    const last = expectData(await rate(article.id, true, editor)).rateArticle.article.stats;
    expect(last).toMatchObject({ helpful: 2, notHelpful: 1 });
    const ratings = server.app.db.collection('article_ratings');
    expect(await ratings.countDocuments({ articleId: articleOid(article.id) })).toBe(3);
    // Anonymous readers are told apart by a keyed hash of their address, never the address itself.
    const anonymous = await ratings.findOne({ articleId: articleOid(article.id), by: 'public' });
    expect(JSON.stringify(anonymous)).not.toContain('127.0.0.1');
    expect(anonymous?.['client']).toMatch(/^ip:[A-Za-z0-9_-]{22}$/);
  });

  it('counts concurrent ratings by one client once', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const token = await server.tokenFor(['agent'], 'agent-racing');
    const responses = await Promise.all(Array.from({ length: 20 }, () => rate(article.id, true, { token })));
    responses.forEach((response) => expectData(response));
    const final = expectData(await rate(article.id, true, { token })).rateArticle.article.stats;
    expect(final).toMatchObject({ helpful: 1, notHelpful: 0 });
    expect(
      await server.app.db.collection('article_ratings').countDocuments({ articleId: articleOid(article.id) }),
    ).toBe(1);
  });

  it('answers NOT_FOUND when the public rates an internal article, and counts nothing', async () => {
    const internal = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      audience: 'INTERNAL',
    });
    const response = await server.graphql(
      'mutation ($id: ID!) { rateArticle(input: { id: $id, helpful: true }) { article { id } } }',
      {
        id: internal.id,
      },
    );
    expectErrorCode(response, 'NOT_FOUND');
    expect(
      await server.app.db
        .collection('article_ratings')
        .countDocuments({ articleId: articleOid(internal.id) }),
    ).toBe(0);
  });
});

describe('views', () => {
  it('counts at most one view per client and article an hour, however often it reads', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const read = (options: { token?: string } = {}) =>
      server.graphql(
        'query ($slug: String!) { article(slug: $slug) { id } }',
        { slug: article.slug },
        options,
      );
    for (let i = 0; i < 10; i += 1) expectData(await read());
    expectData(await read(agent));
    expectData(await read(agent));
    // Editors read the working copy: not counted.
    expectData(await read(editor));
    const views = async () =>
      expectData(
        await server.graphql<{ node: { stats: { views: number } } }>(
          'query ($id: ID!) { node(id: $id) { ... on Article { stats { views } } } }',
          { id: article.id },
          editor,
        ),
      ).node.stats.views;
    await eventually(async () => expect(await views()).toBe(2));
    // Still two once every count has landed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await views()).toBe(2);
  });
});

describe('recorded uses', () => {
  it('ranks the answers agents used most, per channel', async () => {
    const a = await buildPublished(server, { category: 'broadband/dial-up-errors', title: '甲' });
    const b = await buildPublished(server, { category: 'broadband/dial-up-errors', title: '乙' });
    const since = new Date(Date.now() - 1000).toISOString();
    const use = (id: string, channel: string) =>
      server.graphql(
        `mutation ($id: ID!, $c: UseChannel!) { recordArticleUse(input: { id: $id, channel: $c }) { article { ${STATS} } } }`,
        { id, c: channel },
        agent,
      );
    for (const [id, channel] of [
      [a.id, 'HOTLINE'],
      [b.id, 'HOTLINE'],
      [b.id, 'HOTLINE'],
      [a.id, 'HALL'],
      [a.id, 'HALL'],
    ] as const) {
      expectData(await use(id, channel));
    }
    const ranking = async (channel: string | null) =>
      expectData(
        await server.graphql<{ mostUsedArticles: Array<{ uses: number; article: { title: string } }> }>(
          'query ($since: DateTime!, $c: UseChannel) { mostUsedArticles(since: $since, channel: $c) { uses article { title } } }',
          { since, c: channel },
          agent,
        ),
      ).mostUsedArticles.map((row) => [row.article.title, row.uses]);
    expect(await ranking(null)).toEqual([
      ['甲', 3],
      ['乙', 2],
    ]);
    expect(await ranking('HOTLINE')).toEqual([
      ['乙', 2],
      ['甲', 1],
    ]);
  });

  it('is for staff: the public is refused and nothing is recorded', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const response = await server.graphql(
      'mutation ($id: ID!) { recordArticleUse(input: { id: $id, channel: HOTLINE }) { article { id } } }',
      {
        id: article.id,
      },
    );
    expectErrorCode(response, 'UNAUTHENTICATED');
    expect(
      await server.app.db
        .collection('article_uses')
        .countDocuments({ articleId: { $exists: true }, by: 'public' }),
    ).toBe(0);
  });
});

describe('flags', () => {
  it('lets agents flag problems and editors list and resolve them, keeping the open count', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const flagged = expectData(
      await server.graphql<{ flagArticle: { flag: { id: string; status: string } } }>(
        'mutation ($id: ID!) { flagArticle(input: { id: $id, reason: WRONG_FEE, comment: "资费已调整" }) { flag { id status } } }',
        { id: article.id },
        agent,
      ),
    ).flagArticle.flag;
    expect(flagged.status).toBe('OPEN');

    expectErrorCode(await server.graphql('{ articleFlags { totalCount } }', {}, agent), 'FORBIDDEN');
    const open = expectData(
      await server.graphql<{
        articleFlags: {
          totalCount: number;
          nodes: Array<{ id: string; reason: string; article: { id: string; stats: { openFlags: number } } }>;
        };
      }>(
        `{ articleFlags(status: OPEN) { totalCount nodes { id reason article { id ${STATS} } } } }`,
        {},
        editor,
      ),
    ).articleFlags;
    expect(open.nodes).toContainEqual(
      expect.objectContaining({
        id: flagged.id,
        reason: 'WRONG_FEE',
        article: expect.objectContaining({ id: article.id }),
      }),
    );
    expect(open.nodes.find((node) => node.id === flagged.id)?.article.stats.openFlags).toBe(1);

    const resolve = () =>
      server.graphql<{
        resolveArticleFlag: {
          flag: { status: string; resolvedBy: string; article: { stats: { openFlags: number } } };
        };
      }>(
        `mutation ($id: ID!) { resolveArticleFlag(input: { id: $id, resolution: "已更新资费" }) { flag { status resolvedBy article { ${STATS} } } } }`,
        { id: flagged.id },
        editor,
      );
    expect(expectData(await resolve()).resolveArticleFlag.flag).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: 'editor-7',
      article: { stats: { openFlags: 0 } },
    });
    expect(expectData(await resolve()).resolveArticleFlag.flag.article.stats.openFlags).toBe(0);
  });

  it('asks for a comment when the reason is OTHER', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const response = await server.graphql(
      'mutation ($id: ID!) { flagArticle(input: { id: $id, reason: OTHER }) { flag { id } } }',
      { id: article.id },
      agent,
    );
    expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toEqual(['input.comment']);
  });
});

describe('complaint rules as data', () => {
  it('lists the grades and computes deadlines in Asia/Shanghai time', async () => {
    const data = expectData(
      await server.graphql<{
        complaintPolicy: Array<{
          grade: string;
          name: string;
          averageAnswerHours: number;
          latestAnswerHours: number;
          immediate: boolean;
        }>;
        complaintDeadline: { averageByLocal: string; latestByLocal: string; latestBy: string };
      }>(
        '{ complaintPolicy { grade name averageAnswerHours latestAnswerHours immediate } complaintDeadline(grade: PROVINCIAL, receivedAt: "2026-02-03T09:30:00Z") { averageByLocal latestByLocal latestBy } }',
      ),
    );
    expect(data.complaintPolicy).toEqual([
      { grade: 'GENERAL', name: '一般投诉', averageAnswerHours: 0, latestAnswerHours: 24, immediate: true },
      {
        grade: 'PROVINCIAL',
        name: '省级投诉',
        averageAnswerHours: 24,
        latestAnswerHours: 48,
        immediate: false,
      },
      {
        grade: 'NATIONAL',
        name: '全国级投诉',
        averageAnswerHours: 48,
        latestAnswerHours: 72,
        immediate: false,
      },
    ]);
    expect(data.complaintDeadline).toEqual({
      averageByLocal: '2026-02-04T17:30:00+08:00',
      latestByLocal: '2026-02-05T17:30:00+08:00',
      latestBy: '2026-02-05T09:30:00.000Z',
    });
  });
});
