import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDraft, publish, submit } from '../helpers/factories.js';
import type { ArticleHandle } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// The reviewers' queue over the wire: order, keyset paging, who may approve what, and refusals.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface QueueItem {
  article: { id: string; title: string; publishedVersion: number | null };
  submittedBy: string;
  canApprove: boolean;
  approvalBlock: string | null;
}
interface QueueData {
  reviewQueue: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: QueueItem[];
  } | null;
}

const QUEUE = `query ($first: Int, $after: String) {
  reviewQueue(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { article { id title publishedVersion } submittedBy canApprove approvalBlock }
  }
}`;

async function queueAs(sub: string, variables: Record<string, unknown> = {}) {
  const token = await server.tokenFor(['reviewer'], sub);
  return server.graphql<QueueData>(QUEUE, variables, { token });
}

async function submitAs(sub: string, article: ArticleHandle): Promise<ArticleHandle> {
  const token = await server.tokenFor(['editor', 'reviewer'], sub);
  const data = expectData(
    await server.graphql<{ submitArticleForReview: { article: ArticleHandle } }>(
      `mutation ($input: SubmitArticleForReviewInput!) { submitArticleForReview(input: $input) { article { id slug version } } }`,
      { input: { id: article.id, expectedVersion: article.version } },
      { token },
    ),
  );
  return data.submitArticleForReview.article;
}

describe('reviewQueue', () => {
  let first: ArticleHandle;
  let second: ArticleHandle;
  let third: ArticleHandle;

  beforeAll(async () => {
    // Submitted in this order, though created in another: the queue follows submission time.
    const a = await buildDraft(server, { title: '排队第三' });
    const b = await buildDraft(server, { title: '排队第一' });
    const c = await buildDraft(server, { title: '排队第二' });
    first = await submit(server, b);
    second = await submitAs('王审核', c);
    third = await submit(server, a);
  });

  it('lists submissions oldest first in keyset pages, with the total', async () => {
    const page1 = expectData(await queueAs('reviewer-a', { first: 2 })).reviewQueue!;
    expect(page1.totalCount).toBe(3);
    expect(page1.nodes.map((item) => item.article.title)).toEqual(['排队第一', '排队第二']);
    expect(page1.nodes.map((item) => item.article.id)).toEqual([first.id, second.id]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = expectData(
      await queueAs('reviewer-a', { first: 2, after: page1.pageInfo.endCursor }),
    ).reviewQueue!;
    expect(page2.nodes.map((item) => item.article.id)).toEqual([third.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.nodes[0]!.article.publishedVersion).toBeNull();
  });

  it("marks a reviewer's own submission as not approvable, and publishArticle refuses it", async () => {
    const own = expectData(await queueAs('王审核')).reviewQueue!.nodes;
    const mine = own.find((item) => item.article.id === second.id)!;
    expect(mine).toMatchObject({ submittedBy: '王审核', canApprove: false, approvalBlock: 'OWN_SUBMISSION' });
    expect(own.filter((item) => item.canApprove)).toHaveLength(2);

    const token = await server.tokenFor(['reviewer'], '王审核');
    const refused = await server.graphql(
      `mutation ($input: PublishArticleInput!) { publishArticle(input: $input) { article { status } } }`,
      { input: { id: second.id, expectedVersion: second.version } },
      { token },
    );
    expectErrorCode(refused, 'FORBIDDEN');
    // Nothing changed: still in the queue, approvable by someone else.
    const other = expectData(await queueAs('reviewer-a')).reviewQueue!.nodes;
    expect(other.find((item) => item.article.id === second.id)).toMatchObject({
      canApprove: true,
      approvalBlock: null,
    });
  });

  it('marks a submission with changes the reviewer wrote (submitted by someone else) as OWN_CHANGES', async () => {
    const draft = await buildDraft(server, { title: '合写文章' });
    const token = await server.tokenFor(['editor', 'reviewer'], '赵合写');
    const updated = expectData(
      await server.graphql<{ updateArticle: { article: ArticleHandle } }>(
        `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { article { id slug version } } }`,
        { input: { id: draft.id, expectedVersion: draft.version, summary: '补充了摘要' } },
        { token },
      ),
    ).updateArticle.article;
    const submitted = await submit(server, updated);
    const item = expectData(await queueAs('赵合写')).reviewQueue!.nodes.find(
      (each) => each.article.id === submitted.id,
    );
    expect(item).toMatchObject({ canApprove: false, approvalBlock: 'OWN_CHANGES' });
    await publish(server, submitted);
    const after = expectData(await queueAs('reviewer-a')).reviewQueue!;
    expect(after.nodes.map((each) => each.article.id)).not.toContain(submitted.id);
    expect(after.totalCount).toBe(3);
  });

  it('is for reviewers and admins only', async () => {
    expectErrorCode(await server.graphql(QUEUE, {}), 'UNAUTHENTICATED');
    const editor = await server.tokenFor(['editor'], 'editor-x');
    const refused = await server.graphql<QueueData>(QUEUE, {}, { token: editor });
    expectErrorCode(refused, 'FORBIDDEN');
    expect(refused.body.data?.reviewQueue).toBeNull();
    const admin = await server.tokenFor(['admin'], 'admin-x');
    const all = expectData(await server.graphql<QueueData>(QUEUE, {}, { token: admin })).reviewQueue!;
    expect(all.nodes.every((item) => item.canApprove)).toBe(true);
  });

  it('refuses a bad page size or a foreign cursor, naming the argument', async () => {
    const tooMany = expectErrorCode(await queueAs('reviewer-a', { first: 0 }), 'BAD_USER_INPUT');
    expect(fieldPaths(tooMany)).toEqual(['first']);
    const foreign = expectErrorCode(
      await queueAs('reviewer-a', { after: 'bm90LWEtY3Vyc29y' }),
      'BAD_USER_INPUT',
    );
    expect(fieldPaths(foreign)).toEqual(['after']);
  });
});
