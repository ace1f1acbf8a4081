import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDraft, buildRevisions } from '../helpers/factories.js';
import type { ArticleHandle } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// An article's whole history is reachable page by page, however long it is (the page caps at 100).
let server: TestServer;
let article: ArticleHandle;
const SAVES = 104; // with the creation, 105 revisions: more than one full page

beforeAll(async () => {
  server = await startTestServer();
  article = await buildRevisions(server, await buildDraft(server, { title: '很长的修订历史' }), SAVES);
}, 180_000);
afterAll(async () => {
  await server.stop();
});

interface HistoryPage {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    endCursor: string | null;
    startCursor: string | null;
  };
  nodes: Array<{ version: number; note: string | null }>;
}

const HISTORY = `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  node(id: $id) { ... on Article { history(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { version note }
  } } }
}`;

async function history(variables: Record<string, unknown>) {
  const token = await server.tokenFor(['reviewer'], 'history-reader');
  return server.graphql<{ node: { history: HistoryPage } }>(
    HISTORY,
    { id: article.id, ...variables },
    { token },
  );
}

describe('article history paging', () => {
  it('reaches every revision: a page of 100, then the older ones after its cursor', async () => {
    expect(article.version).toBe(SAVES + 1);
    const newest = expectData(await history({ first: 100 })).node.history;
    expect(newest.totalCount).toBe(SAVES + 1);
    expect(newest.nodes).toHaveLength(100);
    expect(newest.nodes[0]).toEqual({ version: SAVES + 1, note: `修订 ${SAVES}` });
    expect(newest.pageInfo.hasNextPage).toBe(true);

    const older = expectData(await history({ first: 100, after: newest.pageInfo.endCursor })).node.history;
    expect(older.nodes.map((revision) => revision.version)).toEqual([5, 4, 3, 2, 1]);
    expect(older.pageInfo.hasNextPage).toBe(false);
    const versions = [...newest.nodes, ...older.nodes].map((revision) => revision.version);
    expect(versions).toEqual(Array.from({ length: SAVES + 1 }, (_, i) => SAVES + 1 - i));
  });

  it('pages backward from a cursor, newest first within the page', async () => {
    const oldest = expectData(await history({ first: 100 })).node.history;
    const page = expectData(await history({ last: 3, before: oldest.pageInfo.endCursor })).node.history;
    const end = oldest.nodes[99]!.version;
    expect(page.nodes.map((revision) => revision.version)).toEqual([end + 3, end + 2, end + 1]);
    expect(page.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses a cursor from another list, naming the argument', async () => {
    const foreign = Buffer.from(JSON.stringify([{ d: '2026-01-01T00:00:00.000Z' }, 'a'.repeat(24)])).toString(
      'base64url',
    );
    const error = expectErrorCode(await history({ first: 10, after: foreign }), 'BAD_USER_INPUT');
    expect(fieldPaths(error)).toContain('after');
  });
});
