import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { signIn, startConsoleRig } from '../helpers/console-e2e.js';
import type { ConsoleRig, ConsoleRole } from '../helpers/console-e2e.js';
import { buildDraft, buildPublished, buildRevisions, submit } from '../helpers/factories.js';
import type { ArticleHandle } from '../helpers/factories.js';
import { expectData, expectErrorCode } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { storedArticle } from '../helpers/stored-article.js';
import type { StoredArticle } from '../helpers/stored-article.js';
import type { TestServer } from '../helpers/test-server.js';

// Reviewers, history and flags in the workspace, in real Chromium against the real API (seeded,
// indexed by the real Meilisearch). Articles are written and submitted through the API, as the
// editor's own pages would; the review area's pages do the rest.
jest.setTimeout(300_000);

let rig: ConsoleRig;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  rig = await startConsoleRig();
  ({ server, browser } = rig);
});
afterAll(async () => {
  await rig?.stop();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

async function open(name: string, role: ConsoleRole, path: string): Promise<Opened> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watched = watchPage(page, server.url);
  await signIn(page, server, name, role, path);
  return { context, page, problems: watched.problems };
}

const stored = (id: string): Promise<StoredArticle> => storedArticle(server, id);

async function updateAs(
  sub: string,
  article: ArticleHandle,
  changes: Record<string, unknown>,
): Promise<ArticleHandle> {
  const token = await server.tokenFor(['editor'], sub);
  return expectData(
    await server.graphql<{ updateArticle: { article: ArticleHandle } }>(
      `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { article { id slug version } } }`,
      { input: { id: article.id, expectedVersion: article.version, ...changes } },
      { token },
    ),
  ).updateArticle.article;
}

async function submitAs(sub: string, article: ArticleHandle): Promise<ArticleHandle> {
  const token = await server.tokenFor(['editor'], sub);
  return expectData(
    await server.graphql<{ submitArticleForReview: { article: ArticleHandle } }>(
      `mutation ($input: SubmitArticleForReviewInput!) { submitArticleForReview(input: $input) { article { id slug version } } }`,
      { input: { id: article.id, expectedVersion: article.version } },
      { token },
    ),
  ).submitArticleForReview.article;
}

const cardOf = (page: Page, title: string) =>
  page.locator('.review-card', { has: page.getByRole('heading', { name: title, exact: true }) });

describe('the review queue', () => {
  it("shows an editor's new draft with its diff; the reviewer approves it and an agent finds it in search", async () => {
    const title = '光猫紫灯闪烁的处理办法';
    const body =
      '## 现象\n\n光猫的紫灯持续闪烁，宽带无法上网。\n\n## 处理\n\n1. 断电重启光猫\n2. 仍闪烁请报障\n';
    const draft = await buildDraft(server, { title, summary: '光猫紫灯闪烁时如何处理', body });
    await submitAs('张编辑', draft);

    const { context, page, problems } = await open('李审核', 'reviewer', '/work/review');
    await page.getByRole('heading', { name: '审核队列', level: 2 }).waitFor();
    const card = cardOf(page, title);
    await card.waitFor();
    await card.getByText('新文章', { exact: true }).waitFor();
    await card.getByText(/张编辑 提交于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    // A new article: all of its text is shown as inserted.
    await expect(card.locator('[data-testid="diff-body"] ins').first().innerText()).resolves.toContain(
      '光猫的紫灯持续闪烁',
    );
    await screenshot(page, 'workspace-review-queue');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await card.getByRole('button', { name: '批准发布' }).click();
    await page.getByText(`已发布：${title}`).waitFor();
    await cardOf(page, title).waitFor({ state: 'detached' });
    const published = await stored(draft.id);
    expect(published.status).toBe('PUBLISHED');
    expect(problems).toEqual([]);
    await context.close();

    // An agent at the desk finds the new text once the indexer has it.
    await waitForSearchSync(server.app, 120_000);
    const desk = await open('王坐席', 'agent', '/');
    const box = desk.page.getByRole('combobox', { name: '搜索知识库' });
    await box.waitFor();
    await box.fill('光猫紫灯闪烁');
    await desk.page.locator('.hit-title', { hasText: title }).first().waitFor();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('does not let a reviewer approve their own submission: the button is disabled with the reason, and the API refuses', async () => {
    const title = '宽带续费的三种方式';
    const live = await buildPublished(server, {
      title,
      body: '可以在营业厅、网上营业厅或拨打10000号续费宽带。\n',
    });
    // The same person (editor and reviewer) rewrites it and submits it.
    const changed = await updateAs('王审核', live, {
      body: '可以在营业厅、掌上营业厅App或拨打10000号续费宽带，续费后立即生效。\n',
    });
    const submitted = await submitAs('王审核', changed);

    const { context, page, problems } = await open('王审核', 'reviewer', '/work/review');
    const card = cardOf(page, title);
    await card.waitFor();
    await card.getByText(`相对已发布版本 ${live.version} 的修改`).waitFor();
    // The diff against the live version, by word and character.
    const diffBody = card.locator('[data-testid="diff-body"]');
    // 网上 -> 掌上: one character replaced; App, a Latin word, inserted whole.
    await expect(diffBody.locator('del').first().innerText()).resolves.toBe('网');
    await expect(diffBody.locator('ins').first().innerText()).resolves.toBe('掌');
    await diffBody.locator('ins', { hasText: /^App$/ }).waitFor();
    await diffBody.locator('ins', { hasText: '，续费后立即生效' }).waitFor();
    const approve = card.getByRole('button', { name: '批准发布' });
    await expect(approve.isDisabled()).resolves.toBe(true);
    await card.getByText('不能批准：这是您本人提交的修改，须由另一位审核员批准。').waitFor();
    await screenshot(page, 'workspace-review-own-submission');

    const token = await server.tokenFor(['reviewer'], '王审核');
    const refused = await server.graphql(
      `mutation ($input: PublishArticleInput!) { publishArticle(input: $input) { article { status } } }`,
      { input: { id: submitted.id, expectedVersion: submitted.version } },
      { token },
    );
    expect(expectErrorCode(refused, 'FORBIDDEN').message).toMatch(/another reviewer/);
    expect((await stored(submitted.id)).status).toBe('IN_REVIEW');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('rejects a submission only with a reason, which the author then reads', async () => {
    const title = '国际漫游开通说明';
    const draft = await buildDraft(server, { title, body: '出国前拨打10000号开通国际漫游。\n' });
    const submitted = await submit(server, draft);

    const { context, page, problems } = await open('李审核', 'reviewer', '/work/review');
    const card = cardOf(page, title);
    await card.getByRole('button', { name: /驳\s*回/ }).click();
    const dialog = page.getByRole('dialog', { name: `驳回《${title}》` });
    await dialog.getByRole('button', { name: '确认驳回' }).click();
    await dialog.getByText('请填写驳回原因，作者会看到它。').waitFor();
    expect((await stored(submitted.id)).status).toBe('IN_REVIEW');
    await dialog.getByLabel('驳回原因').fill('缺少资费说明，请补充各国资费。');
    await dialog.getByRole('button', { name: '确认驳回' }).click();
    await page.getByText(`已驳回：${title}`).waitFor();
    await cardOf(page, title).waitFor({ state: 'detached' });
    const rejected = await stored(submitted.id);
    expect(rejected.status).toBe('DRAFT');
    expect(rejected.rejection).toEqual({ reason: '缺少资费说明，请补充各国资费。', by: '李审核' });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('history and diff', () => {
  it('compares two revisions by character and restores the older one from the diff view', async () => {
    const oldBody = '## 步骤\n\n1. 重启光猫\n2. 重新拨号\n';
    const newBody = '## 步骤\n\n1. 关闭路由器电源\n2. 重新拨号\n3. 仍失败请报障\n';
    const live = await buildPublished(server, { title: '宽带断线后的处理步骤', body: oldBody });
    const changed = await updateAs('张编辑', live, { body: newBody, note: '改写第一步' });

    const { context, page, problems } = await open(
      '张编辑',
      'editor',
      `/work/history/${encodeURIComponent(live.id)}`,
    );
    await page.getByRole('heading', { name: '修订历史：宽带断线后的处理步骤' }).waitFor();
    const table = page.getByRole('table', { name: '修订列表' });
    await table.getByText('改写第一步').waitFor();
    // By default the latest version against the one before it; pick the first version instead.
    await page.getByRole('combobox', { name: '旧版本' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^版本 1 ·/ }).click();
    await page.waitForURL(/from=1&to=\d+/);
    const diffBody = page.locator('[data-testid="diff-body"]');
    await diffBody.locator('del', { hasText: '重启光猫' }).waitFor();
    await diffBody.locator('ins', { hasText: '关闭路由器电源' }).waitFor();
    await diffBody.locator('ins', { hasText: '仍失败请报障' }).waitFor();
    await screenshot(page, 'workspace-history-diff');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Side by side: the old text on the left, the new on the right.
    await page.getByText('左右对照').click();
    const columns = page.locator('[data-field="body"] .diff-columns pre');
    await expect(columns.nth(0).innerText()).resolves.toContain('重启光猫');
    await expect(columns.nth(1).innerText()).resolves.toContain('关闭路由器电源');
    await screenshot(page, 'workspace-history-side-by-side');

    await page.getByRole('button', { name: '恢复版本 1' }).click();
    const dialog = page.getByRole('dialog', { name: '恢复版本 1？' });
    await dialog.getByLabel('修改说明（可选）').fill('新步骤有误，恢复原文');
    await dialog.getByRole('button', { name: '确认恢复' }).click();
    await page.getByText(/已恢复版本 1，现为草稿/).waitFor();
    const restored = await stored(live.id);
    expect(restored.body).toBe(oldBody);
    expect(restored.status).toBe('DRAFT');
    expect(restored.version).toBe(changed.version + 1);
    await page.getByRole('cell', { name: '新步骤有误，恢复原文' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a long history', () => {
  it('shows the latest 100 revisions, then loads the older ones on demand', async () => {
    const article = await buildRevisions(server, await buildDraft(server, { title: '修订很多的文章' }), 104);
    const { context, page, problems } = await open(
      '李审核',
      'reviewer',
      `/work/history/${encodeURIComponent(article.id)}`,
    );
    await page.getByRole('heading', { name: '修订历史：修订很多的文章' }).waitFor();
    const table = page.getByRole('table', { name: '修订列表' });
    await table.getByRole('cell', { name: '修订 104', exact: true }).waitFor();
    await page.getByText('已显示最近 100 个版本，共 105 个。').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(100);
    expect(await table.getByRole('cell', { name: '修订 1', exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: '加载更早的版本' }).click();
    // The first save (version 2) and the creation (version 1) are now listed, after the rest.
    await table.getByRole('cell', { name: '修订 1', exact: true }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(105);
    const versions = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(versions.slice(-3)).toEqual(['3', '2', '1']);
    expect(await page.getByRole('button', { name: '加载更早的版本' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the flags queue', () => {
  it('lists open flags with reason, comment, article and reporter, and resolves one with a note', async () => {
    const article = await buildPublished(server, {
      title: '宽带报装所需材料',
      body: '携带身份证原件到营业厅办理。\n',
    });
    const agent = await server.tokenFor(['agent'], '赵坐席');
    const flagged = expectData(
      await server.graphql<{ flagArticle: { flag: { id: string } } }>(
        `mutation ($input: FlagArticleInput!) { flagArticle(input: $input) { flag { id } } }`,
        { input: { id: article.id, reason: 'WRONG_STEPS', comment: '现在也可以在App上报装' } },
        { token: agent },
      ),
    ).flagArticle.flag;

    const { context, page, problems } = await open('张编辑', 'editor', '/work/flags');
    await page.getByRole('heading', { name: '问题反馈', level: 2 }).waitFor();
    const row = page.getByRole('row', { name: /宽带报装所需材料/ });
    await row.getByText('现在也可以在App上报装').waitFor();
    await row.getByText('步骤有误').waitFor();
    await row.getByText('赵坐席').waitFor();
    await screenshot(page, 'workspace-flags');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await row.getByRole('button', { name: '处理完毕：宽带报装所需材料' }).click();
    const dialog = page.getByRole('dialog', { name: '处理反馈：宽带报装所需材料' });
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await dialog.getByText('请写明做了什么处理。').waitFor();
    await dialog.getByLabel('处理说明').fill('已补充App报装方式');
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await page.getByText('反馈已处理。').waitFor();
    await row.waitFor({ state: 'detached' });

    const editor = await server.tokenFor(['editor'], 'checker');
    const resolved = expectData(
      await server.graphql<{ node: { status: string; resolution: string; resolvedBy: string } }>(
        `query ($id: ID!) { node(id: $id) { ... on ArticleFlag { status resolution resolvedBy } } }`,
        { id: flagged.id },
        { token: editor },
      ),
    ).node;
    expect(resolved).toEqual({ status: 'RESOLVED', resolution: '已补充App报装方式', resolvedBy: '张编辑' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
