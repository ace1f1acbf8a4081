import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

const STATS = 'stats { views helpful notHelpful uses openFlags }';

describe('ratings', () => {
  it('lets anyone who can read an article rate it, counted per article', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const rate = (helpful: boolean) =>
      server.graphql<{ rateArticle: { stats: Record<string, number> } }>(
        `mutation ($id: ID!, $h: Boolean!) { rateArticle(id: $id, helpful: $h, comment: "清楚") { ${STATS} } }`,
        { id: article.id, h: helpful },
      );
    await rate(true);
    await rate(true);
    const last = expectData(await rate(false));
    expect(last.rateArticle.stats).toMatchObject({ helpful: 2, notHelpful: 1 });
    expect(await server.app.db.collection('article_ratings').countDocuments({ comment: '清楚' })).toBe(3);
  });

  it('answers NOT_FOUND when the public rates an internal article, and counts nothing', async () => {
    const internal = await buildPublished(server, {
      category: 'broadband/dial-up-errors',
      audience: 'INTERNAL',
    });
    const response = await server.graphql(
      'mutation ($id: ID!) { rateArticle(id: $id, helpful: true) { id } }',
      {
        id: internal.id,
      },
    );
    expectErrorCode(response, 'NOT_FOUND');
    expect(await server.app.db.collection('article_ratings').countDocuments({})).toBe(3);
  });
});

describe('recorded uses', () => {
  it('ranks the answers agents used most, per channel', async () => {
    const a = await buildPublished(server, { category: 'broadband/dial-up-errors', title: '甲' });
    const b = await buildPublished(server, { category: 'broadband/dial-up-errors', title: '乙' });
    const since = new Date(Date.now() - 1000).toISOString();
    const use = (id: string, channel: string) =>
      server.graphql(
        `mutation ($id: ID!, $c: UseChannel!) { recordArticleUse(id: $id, channel: $c) { ${STATS} } }`,
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
      'mutation ($id: ID!) { recordArticleUse(id: $id, channel: HOTLINE) { id } }',
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
      await server.graphql<{ flagArticle: { id: string; status: string } }>(
        'mutation ($id: ID!) { flagArticle(id: $id, reason: WRONG_FEE, comment: "资费已调整") { id status } }',
        { id: article.id },
        agent,
      ),
    ).flagArticle;
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
        resolveArticleFlag: { status: string; resolvedBy: string; article: { stats: { openFlags: number } } };
      }>(
        `mutation ($id: ID!) { resolveArticleFlag(id: $id, resolution: "已更新资费") { status resolvedBy article { ${STATS} } } }`,
        { id: flagged.id },
        editor,
      );
    expect(expectData(await resolve()).resolveArticleFlag).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: 'editor-7',
      article: { stats: { openFlags: 0 } },
    });
    expect(expectData(await resolve()).resolveArticleFlag.article.stats.openFlags).toBe(0);
  });

  it('asks for a comment when the reason is OTHER', async () => {
    const article = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const response = await server.graphql(
      'mutation ($id: ID!) { flagArticle(id: $id, reason: OTHER) { id } }',
      { id: article.id },
      agent,
    );
    expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toEqual(['comment']);
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
