import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '../../src/auth/principal.js';
import {
  buildDraft,
  buildPublished,
  ensureCategory,
  publish,
  submit,
  uniqueSlug,
} from '../helpers/factories.js';
import type { ArticleHandle } from '../helpers/factories.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { GraphQLResponse, TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await ensureCategory(server.app, 'broadband/dial-up-errors');
});
afterAll(async () => {
  await server.stop();
});

async function as(role: Role | 'public', sub?: string): Promise<{ token?: string }> {
  return role === 'public' ? {} : { token: await server.tokenFor([role], sub ?? `${role}-1`) };
}

async function storedVersion(id: string): Promise<{ version: number; status: string; title: string }> {
  const data = expectData(
    await server.graphql<{ node: { version: number; status: string; title: string } }>(
      'query ($id: ID!) { node(id: $id) { ... on Article { version status title } } }',
      { id },
      await as('admin'),
    ),
  );
  return data.node;
}

const MUTATIONS = {
  update: `mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, title: "新标题" }) { article { version status } } }`,
  submit: `mutation ($id: ID!, $v: Int!) { submitArticleForReview(input: { id: $id, expectedVersion: $v }) { article { version status } } }`,
  publish: `mutation ($id: ID!, $v: Int!) { publishArticle(input: { id: $id, expectedVersion: $v }) { article { version status } } }`,
  reject: `mutation ($id: ID!, $v: Int!) { rejectArticle(input: { id: $id, expectedVersion: $v, reason: "步骤不完整" }) { article { version status } } }`,
  archive: `mutation ($id: ID!, $v: Int!) { archiveArticle(input: { id: $id, expectedVersion: $v }) { article { version status } } }`,
  restore: `mutation ($id: ID!, $v: Int!) { restoreArticleRevision(input: { id: $id, expectedVersion: $v, revision: 1 }) { article { version status } } }`,
} as const;
type MutationName = keyof typeof MUTATIONS;

/** Puts a fresh article in the state the mutation needs. */
async function articleFor(mutation: MutationName): Promise<ArticleHandle> {
  const draft = await buildDraft(server, { category: 'broadband/dial-up-errors' });
  if (mutation === 'publish' || mutation === 'reject') return submit(server, draft);
  return draft;
}

const ROLES: Array<Role | 'public'> = ['public', 'agent', 'editor', 'reviewer', 'admin'];
const ALLOWED: Record<MutationName | 'create', Array<Role | 'public'>> = {
  create: ['editor', 'admin'],
  update: ['editor', 'admin'],
  submit: ['editor', 'admin'],
  restore: ['editor', 'admin'],
  publish: ['reviewer', 'admin'],
  reject: ['reviewer', 'admin'],
  archive: ['editor', 'reviewer', 'admin'],
};

describe('the permission matrix (each role x each mutation)', () => {
  for (const role of ROLES) {
    it(`createArticle as ${role}: ${ALLOWED.create.includes(role) ? 'allowed' : 'refused'}`, async () => {
      const slug = uniqueSlug('perm');
      const response = await server.graphql(
        'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { slug status version } } }',
        { input: { slug, title: '权限测试', body: '正文', category: 'broadband/dial-up-errors' } },
        await as(role),
      );
      if (ALLOWED.create.includes(role)) {
        expect(expectData(response)).toEqual({
          createArticle: { article: { slug, status: 'DRAFT', version: 1 } },
        });
      } else {
        expectErrorCode(response, role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        const stored = await server.graphql(
          'query ($slug: String!) { article(slug: $slug) { id } }',
          { slug },
          await as('admin'),
        );
        expect(expectData(stored)).toEqual({ article: null });
      }
    });

    for (const mutation of Object.keys(MUTATIONS) as MutationName[]) {
      const allowed = ALLOWED[mutation].includes(role);
      it(`${mutation} as ${role}: ${allowed ? 'allowed' : 'refused, nothing changes'}`, async () => {
        const article = await articleFor(mutation);
        const before = await storedVersion(article.id);
        const response = await server.graphql(
          MUTATIONS[mutation],
          { id: article.id, v: article.version },
          await as(role),
        );
        if (allowed) {
          expectData(response);
          expect((await storedVersion(article.id)).version).toBe(before.version + 1);
        } else {
          expectErrorCode(response, role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
          expect(await storedVersion(article.id)).toEqual(before);
        }
      });
    }
  }

  it('refuses a reviewer approving their own submission, but another reviewer may', async () => {
    const draft = await buildDraft(server, { category: 'broadband/dial-up-errors' });
    const dual = { token: await server.tokenFor(['editor', 'reviewer'], 'wang') };
    const submitted = expectData(
      await server.graphql<{ submitArticleForReview: { article: ArticleHandle } }>(
        'mutation ($id: ID!, $v: Int!) { submitArticleForReview(input: { id: $id, expectedVersion: $v }) { article { id version } } }',
        { id: draft.id, v: draft.version },
        dual,
      ),
    ).submitArticleForReview.article;
    const own = await server.graphql(MUTATIONS.publish, { id: submitted.id, v: submitted.version }, dual);
    expect(expectErrorCode(own, 'FORBIDDEN').message).toMatch(/own submission/);
    const other = await server.graphql(
      MUTATIONS.publish,
      { id: submitted.id, v: submitted.version },
      await as('reviewer', 'li'),
    );
    expect(expectData(other)).toMatchObject({ publishArticle: { article: { status: 'PUBLISHED' } } });
  });
});

describe('four eyes: no one approves changes they wrote', () => {
  const CREATE =
    'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id slug version } } }';
  const run = async (mutation: MutationName, article: ArticleHandle, who: { token?: string }) =>
    server.graphql<Record<string, { article: ArticleHandle & { status: string } }>>(
      MUTATIONS[mutation].replace('{ version status }', '{ id slug version status }'),
      { id: article.id, v: article.version },
      who,
    );
  const next = (response: GraphQLResponse<Record<string, { article: ArticleHandle & { status: string } }>>) =>
    Object.values(expectData(response))[0]!.article;

  it('refuses the author of a draft that another editor submitted; another reviewer may publish it', async () => {
    const zhao = { token: await server.tokenFor(['editor', 'reviewer'], 'zhao') };
    const draft = expectData(
      await server.graphql<{ createArticle: { article: ArticleHandle } }>(
        CREATE,
        {
          input: {
            slug: uniqueSlug('four-eyes'),
            title: '赵写的',
            body: '正文',
            category: 'broadband/dial-up-errors',
          },
        },
        zhao,
      ),
    ).createArticle.article;
    const submitted = next(await run('submit', draft, await as('editor', 'qian')));

    const own = expectErrorCode(await run('publish', submitted, zhao), 'FORBIDDEN');
    expect(own.message).toMatch(/another reviewer must publish it/);
    expect((await storedVersion(draft.id)).status).toBe('IN_REVIEW');

    const published = next(await run('publish', submitted, await as('reviewer', 'sun')));
    expect(published.status).toBe('PUBLISHED');
  });

  it('refuses whoever edited since the last published version, and only them', async () => {
    const zhao = { token: await server.tokenFor(['editor', 'reviewer'], 'zhao') };
    const published = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    // zhao edits the published article, qian edits it too and submits.
    const edited = next(await run('update', published, zhao));
    const editedAgain = next(await run('update', edited, await as('editor', 'qian')));
    const submitted = next(await run('submit', editedAgain, await as('editor', 'qian')));
    expectErrorCode(await run('publish', submitted, zhao), 'FORBIDDEN');
    // A reviewer who only rejected it wrote nothing: after the fix they may approve it.
    const rejected = next(await run('reject', submitted, await as('reviewer', 'sun')));
    const resubmitted = next(await run('submit', rejected, await as('editor', 'qian')));
    const approved = next(await run('publish', resubmitted, await as('reviewer', 'sun')));
    expect(approved.status).toBe('PUBLISHED');

    // zhao's edit is now part of a published version: the next change, by others, is theirs to review.
    const later = next(await run('update', approved, await as('editor', 'qian')));
    const laterSubmitted = next(await run('submit', later, await as('editor', 'qian')));
    expect(next(await run('publish', laterSubmitted, zhao)).status).toBe('PUBLISHED');
  });
});

describe('workflow rules', () => {
  it('refuses publishing a draft that was never submitted, with a clear BAD_USER_INPUT', async () => {
    const draft = await buildDraft(server, { category: 'broadband/dial-up-errors' });
    const response = await server.graphql(
      MUTATIONS.publish,
      { id: draft.id, v: draft.version },
      await as('reviewer'),
    );
    const error = expectErrorCode(response, 'BAD_USER_INPUT');
    expect(error.message).toMatch(/submit it first/);
    expect(fieldPaths(error)).toEqual(['input.id']);
    expect((await storedVersion(draft.id)).status).toBe('DRAFT');
  });

  it('refuses editing an archived article', async () => {
    const draft = await buildDraft(server, { category: 'broadband/dial-up-errors' });
    const archived = expectData(
      await server.graphql<{ archiveArticle: { article: { version: number } } }>(
        MUTATIONS.archive,
        { id: draft.id, v: draft.version },
        await as('editor'),
      ),
    ).archiveArticle.article;
    const response = await server.graphql(
      MUTATIONS.update,
      { id: draft.id, v: archived.version },
      await as('editor'),
    );
    expect(expectErrorCode(response, 'BAD_USER_INPUT').message).toMatch(/archived article cannot be edited/);
  });

  it('treats a repeated publish as a no-op (safe to retry)', async () => {
    const published = await buildPublished(server, { category: 'broadband/dial-up-errors' });
    const again = await server.graphql(
      MUTATIONS.publish,
      { id: published.id, v: published.version - 1 },
      await as('reviewer', 'li'),
    );
    expect(expectData(again)).toEqual({
      publishArticle: { article: { version: published.version, status: 'PUBLISHED' } },
    });
  });

  it('sends a rejected article back to draft with the reason visible to editors', async () => {
    const submitted = await submit(
      server,
      await buildDraft(server, { category: 'broadband/dial-up-errors' }),
    );
    await server.graphql(MUTATIONS.reject, { id: submitted.id, v: submitted.version }, await as('reviewer'));
    const data = expectData(
      await server.graphql<{ node: { status: string; rejection: { reason: string; by: string } } }>(
        'query ($id: ID!) { node(id: $id) { ... on Article { status rejection { reason by } } } }',
        { id: submitted.id },
        await as('editor'),
      ),
    );
    expect(data.node).toEqual({ status: 'DRAFT', rejection: { reason: '步骤不完整', by: 'reviewer-1' } });
  });

  it('keeps serving the published revision while an edit waits for approval', async () => {
    const published = await buildPublished(server, { category: 'broadband/dial-up-errors', title: '旧标题' });
    const read = async () =>
      expectData(
        await server.graphql<{ node: { title: string; version: number; publishedVersion: number } | null }>(
          'query ($id: ID!) { node(id: $id) { ... on Article { title version publishedVersion } } }',
          { id: published.id },
        ),
      ).node;
    const edited = expectData(
      await server.graphql<{ updateArticle: { article: ArticleHandle & { status: string } } }>(
        'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, title: "新标题" }) { article { id slug version status } } }',
        { id: published.id, v: published.version },
        await as('editor'),
      ),
    ).updateArticle.article;
    expect(edited.status).toBe('DRAFT');
    expect(await read()).toEqual({
      title: '旧标题',
      version: published.version, // the public reads the published revision, and its version
      publishedVersion: published.version,
    });
    const republished = await publish(server, await submit(server, edited));
    expect(await read()).toEqual({
      title: '新标题',
      version: republished.version,
      publishedVersion: republished.version,
    });
  });
});

describe('optimistic concurrency', () => {
  it('lets one of two editors saving at once win; the other gets CONFLICT with the current version', async () => {
    const draft = await buildDraft(server, { category: 'broadband/dial-up-errors' });
    const save = async (who: string, title: string) =>
      server.graphql(
        'mutation ($id: ID!, $v: Int!, $t: String!) { updateArticle(input: { id: $id, expectedVersion: $v, title: $t }) { article { title version } } }',
        { id: draft.id, v: draft.version, t: title },
        { token: await server.tokenFor(['editor'], who) },
      );
    const [alice, bob] = await Promise.all([save('alice', '甲的标题'), save('bob', '乙的标题')]);
    const responses = [alice, bob];
    const winners = responses.filter((response) => !response.body.errors);
    const losers = responses.filter((response) => response.body.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const lost = expectErrorCode(losers[0]!, 'CONFLICT');
    expect(lost.extensions).toMatchObject({
      expectedVersion: draft.version,
      currentVersion: draft.version + 1,
    });
    const stored = await storedVersion(draft.id);
    const winner = winners[0]!.body.data as { updateArticle: { article: { title: string } } };
    expect(stored).toMatchObject({ version: draft.version + 1, title: winner.updateArticle.article.title });
  });

  it('tells a stale client CONFLICT with the current version, not BAD_USER_INPUT, when the status moved', async () => {
    // A reviewer reads the submitted article; another reviewer rejects it before they publish.
    const submitted = await submit(
      server,
      await buildDraft(server, { category: 'broadband/dial-up-errors' }),
    );
    expectData(
      await server.graphql(
        MUTATIONS.reject,
        { id: submitted.id, v: submitted.version },
        await as('reviewer', 'li'),
      ),
    );
    const stale = await server.graphql(
      MUTATIONS.publish,
      { id: submitted.id, v: submitted.version },
      await as('reviewer', 'zhou'),
    );
    expect(expectErrorCode(stale, 'CONFLICT').extensions).toMatchObject({
      expectedVersion: submitted.version,
      currentVersion: submitted.version + 1,
    });
    expect(await storedVersion(submitted.id)).toMatchObject({
      status: 'DRAFT',
      version: submitted.version + 1,
    });
    // At the current version the illegal move is still explained.
    const current = await server.graphql(
      MUTATIONS.publish,
      { id: submitted.id, v: submitted.version + 1 },
      await as('reviewer', 'zhou'),
    );
    expect(expectErrorCode(current, 'BAD_USER_INPUT').message).toMatch(/submit it first/);
  });

  it('refuses a stale expectedVersion and overwrites nothing', async () => {
    const draft = await buildDraft(server, { category: 'broadband/dial-up-errors', title: '原标题' });
    await server.graphql(MUTATIONS.update, { id: draft.id, v: draft.version }, await as('editor'));
    const stale = await server.graphql(
      'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, title: "覆盖" }) { article { version } } }',
      { id: draft.id, v: draft.version },
      await as('editor'),
    );
    expect(expectErrorCode(stale, 'CONFLICT').extensions).toMatchObject({
      currentVersion: draft.version + 1,
    });
    expect((await storedVersion(draft.id)).title).toBe('新标题');
  });
});

describe('bad input', () => {
  it('names every offending field and stores nothing', async () => {
    const slug = 'Bad Slug!';
    const response = await server.graphql(
      'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
      {
        input: {
          slug,
          title: '   ',
          body: '正文',
          category: 'broadband/dial-up-errors',
          validFrom: '2026-05-01T00:00:00Z',
          validTo: '2026-04-01T00:00:00Z',
        },
      },
      await as('editor'),
    );
    const error = expectErrorCode(response, 'BAD_USER_INPUT');
    expect(fieldPaths(error)).toEqual(expect.arrayContaining(['input.slug', 'input.title', 'input.validTo']));
    expect(await server.app.db.collection('articles').countDocuments({ slug })).toBe(0);
  });

  it('refuses an unknown category and an unknown related article by field', async () => {
    const unknownCategory = await server.graphql(
      'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
      { input: { slug: uniqueSlug(), title: 't', body: 'b', category: 'no/such-category' } },
      await as('editor'),
    );
    expect(fieldPaths(expectErrorCode(unknownCategory, 'BAD_USER_INPUT'))).toEqual(['input.category']);
    const unknownRelated = await server.graphql(
      'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
      {
        input: {
          slug: uniqueSlug(),
          title: 't',
          body: 'b',
          category: 'broadband/dial-up-errors',
          related: ['000000000000000000000000'],
        },
      },
      await as('editor'),
    );
    expect(fieldPaths(expectErrorCode(unknownRelated, 'BAD_USER_INPUT'))).toEqual(['input.related.0']);
  });

  it('refuses a slug already used in that locale with CONFLICT, but allows it as a translation', async () => {
    const original = await buildDraft(server, { category: 'broadband/dial-up-errors' });
    const create = async (locale: 'ZH_CN' | 'EN') =>
      server.graphql(
        'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { slug locale } } }',
        {
          input: {
            slug: original.slug,
            locale,
            title: 'Dial-up error',
            body: 'Steps',
            category: 'broadband/dial-up-errors',
          },
        },
        await as('editor'),
      );
    expect(fieldPaths(expectErrorCode(await create('ZH_CN'), 'CONFLICT'))).toEqual(['input.slug']);
    expect(expectData(await create('EN'))).toEqual({
      createArticle: { article: { slug: original.slug, locale: 'EN' } },
    });
  });

  it('refuses an id that is not an article id, naming it', async () => {
    const response = await server.graphql(MUTATIONS.submit, { id: 'nonsense', v: 1 }, await as('editor'));
    expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toEqual(['input.id']);
  });
});

describe('history, diff and restore', () => {
  it('records an immutable revision per change, diffs two of them and restores an old one as a draft', async () => {
    const draft = await buildDraft(server, {
      category: 'broadband/dial-up-errors',
      title: '错误691',
      body: '第一步\n第二步\n',
      tags: ['宽带'],
    });
    const editor = await as('editor', 'zhang');
    const updated = expectData(
      await server.graphql<{ updateArticle: { article: { version: number } } }>(
        'mutation ($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, title: "错误691/619", body: "第一步\\n新的第二步\\n第三步\\n", tags: ["宽带", "拨号"], note: "补充步骤" }) { article { version } } }',
        { id: draft.id, v: draft.version },
        editor,
      ),
    ).updateArticle.article;

    const history = expectData(
      await server.graphql<{
        node: {
          history: {
            revisions: Array<{
              version: number;
              action: string;
              author: string;
              note: string | null;
              title: string;
            }>;
          };
        };
      }>(
        'query ($id: ID!) { node(id: $id) { ... on Article { history { revisions: nodes { version action author note title } } } } }',
        { id: draft.id },
        editor,
      ),
    ).node.history.revisions;
    expect(history).toEqual([
      { version: 2, action: 'UPDATE', author: 'zhang', note: '补充步骤', title: '错误691/619' },
      { version: 1, action: 'CREATE', author: 'editor-factory', note: null, title: '错误691' },
    ]);

    const diff = expectData(
      await server.graphql<{
        articleDiff: {
          fields: Array<{ field: string; before: string | null; after: string | null }>;
          bodyDiff: Array<{ kind: string; lines: string[] }>;
        };
      }>(
        'query ($id: ID!) { articleDiff(id: $id, from: 1, to: 2) { fields { field before after } bodyDiff { kind lines } } }',
        { id: draft.id },
        editor,
      ),
    ).articleDiff;
    expect(diff.fields).toEqual([
      { field: 'title', before: '错误691', after: '错误691/619' },
      { field: 'tags', before: '宽带', after: '宽带, 拨号' },
      { field: 'body', before: null, after: null },
    ]);
    expect(diff.bodyDiff).toEqual([
      { kind: 'UNCHANGED', lines: ['第一步'] },
      { kind: 'REMOVED', lines: ['第二步'] },
      { kind: 'ADDED', lines: ['新的第二步', '第三步'] },
    ]);

    const restored = expectData(
      await server.graphql<{
        restoreArticleRevision: { article: { version: number; status: string; title: string; body: string } };
      }>(
        'mutation ($id: ID!, $v: Int!) { restoreArticleRevision(input: { id: $id, expectedVersion: $v, revision: 1 }) { article { version status title body } } }',
        { id: draft.id, v: updated.version },
        editor,
      ),
    ).restoreArticleRevision.article;
    expect(restored).toEqual({ version: 3, status: 'DRAFT', title: '错误691', body: '第一步\n第二步\n' });
    const revisions = await server.app.db.collection('article_revisions').countDocuments({});
    expect(revisions).toBeGreaterThanOrEqual(3);
  });
});
