import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { signIn, startConsoleRig } from '../helpers/console-e2e.js';
import type { ConsoleRig, ConsoleRole } from '../helpers/console-e2e.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { buildDraft, buildPublished } from '../helpers/factories.js';
import { expectData } from '../helpers/graphql.js';
import { storedArticle } from '../helpers/stored-article.js';
import type { StoredArticle } from '../helpers/stored-article.js';
import type { TestServer } from '../helpers/test-server.js';

// Editors in the workspace, in real Chromium against the real API: writing a draft (with the API's
// validation on the field), a reload mid-edit, submitting, two editors saving the same article, and
// an article's links (a related article found by search, a translation) before it is archived.
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

const stored = (id: string): Promise<StoredArticle> => storedArticle(server, id);

/** The error shown under a form field (Ant Design's explain line of the item holding `#id`). */
const fieldError = (page: Page, id: string) =>
  page.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');

async function editorPage(
  name: string,
  path: string,
  role: ConsoleRole = 'editor',
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const { problems } = watchPage(page, server.url);
  await signIn(page, server, name, role, path);
  return { page, problems };
}

describe('the editors’ workspace', () => {
  it('writes a draft: the API’s message on the title field, a reload keeps unsaved text, submit shows it in review, a reviewer approves it and an agent finds it', async () => {
    const title = '光猫LOS灯红色闪烁怎么办';
    const { page, problems } = await editorPage(
      '王编辑',
      `/work/articles/new?title=${encodeURIComponent(title)}`,
    );

    // The title comes from the link (the insights page's "write an article for this query").
    const titleBox = page.locator('#article-title');
    await expect(titleBox.inputValue()).resolves.toBe(title);
    await page.locator('#article-slug').fill(`los-light-red-${Date.now().toString(36)}`);
    await page.locator('#article-body').fill('## 处理步骤\n\n1. 检查光纤是否弯折\n2. 重启光猫\n');
    await page.locator('#article-category').click();
    await page.locator('.ant-select-tree').getByText('排障与设备', { exact: true }).click();
    // The live preview is the API's rendering.
    await page.getByRole('region', { name: '预览' }).getByRole('heading', { name: '处理步骤' }).waitFor();

    // A blank title: the API refuses it, and says so on the title field.
    await titleBox.fill('   ');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // The API's reason, in the console's language (Accept-Language: zh-CN).
    await expect(fieldError(page, 'article-title').innerText()).resolves.toContain('标题不能为空');
    await expect(fieldError(page, 'article-body').count()).resolves.toBe(0);
    await screenshot(page, 'workspace-editor-validation');

    await titleBox.fill(title);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/work\/articles\/(?!new)[^/?]+$/);
    const id = decodeURIComponent(page.url().split('/').pop() ?? '');
    await page.getByText('版本 1').waitFor();

    // Mid-edit, the page is reloaded: the unsaved text is back, and said to be restored.
    const body = page.locator('#article-body');
    await body.fill('## 处理步骤\n\n1. 检查光纤是否弯折\n2. 重启光猫\n3. 仍不亮请报障 10000\n');
    await page.reload();
    await page.getByText(/已恢复 .* 未保存的修改/).waitFor();
    await expect(page.locator('#article-body').inputValue()).resolves.toContain('3. 仍不亮请报障 10000');
    await expect(stored(id).then((a) => a.body)).resolves.not.toContain('报障');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-editor-restored');

    await page.locator('#article-note').fill('补充报障步骤');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存（版本 2）').waitFor();
    await page.getByRole('button', { name: /提交审核/ }).click();
    await page.getByText('已提交审核').waitFor();
    await expect(stored(id)).resolves.toMatchObject({
      status: 'IN_REVIEW',
      body: expect.stringContaining('报障'),
    });

    // A reload now restores nothing: the local draft went with the save.
    await page.reload();
    await page.locator('#article-body').waitFor();
    await expect(page.getByText(/未保存的修改/).count()).resolves.toBe(0);

    await page.getByRole('link', { name: '我的工作' }).first().click();
    await page.waitForURL(/\/work\/mine$/);
    const inReview = page.locator('.ant-card', { has: page.getByRole('heading', { name: '我提交审核中' }) });
    await inReview.getByRole('link', { name: title }).waitFor();
    await expect(inReview.getByText('审核中', { exact: true }).count()).resolves.toBeGreaterThan(0);
    const drafts = page.locator('.ant-card', { has: page.getByRole('heading', { name: '我的草稿' }) });
    await expect(drafts.getByRole('link', { name: title }).count()).resolves.toBe(0);
    // The other lists may still be loading: axe reads the page once no spinner is left.
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-my-work');
    expect(problems).toEqual([]);

    // A reviewer finds it in the queue and approves it; an agent then finds its text at the desk.
    const reviewer = await editorPage('李审核', '/work/review', 'reviewer');
    const card = reviewer.page.locator('.review-card', {
      has: reviewer.page.getByRole('heading', { name: title, exact: true }),
    });
    await card.getByText('新文章', { exact: true }).waitFor();
    await card.getByRole('button', { name: '批准发布' }).click();
    await reviewer.page.getByText(`已发布：${title}`).waitFor();
    await expect(stored(id)).resolves.toMatchObject({ status: 'PUBLISHED' });
    expect(reviewer.problems).toEqual([]);
    await waitForSearchSync(server.app, 120_000);
    const agent = await editorPage('王坐席', '/', 'agent');
    const box = agent.page.getByRole('combobox', { name: '搜索知识库' });
    await box.fill('光猫LOS灯红色闪烁');
    // (The hit's title is highlighted word by word: 光猫 LOS 灯红色闪烁怎么办.)
    await agent.page
      .locator('.hit-title', { hasText: /^光猫\s*LOS\s*灯红色闪烁怎么办/ })
      .first()
      .waitFor();
    expect(agent.problems).toEqual([]);
  });

  it('two editors save the same article: the second carries their changes over, field by field', async () => {
    const token = await server.tokenFor(['editor'], 'e2e-author');
    const created = expectData(
      await server.graphql<{ createArticle: { article: { id: string } } }>(
        'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
        {
          input: {
            slug: `modem-reset-${Date.now().toString(36)}`,
            title: '光猫恢复出厂设置',
            summary: '旧摘要',
            body: '1. 按住 reset 键 10 秒\n',
            category: 'broadband/troubleshooting',
          },
        },
        { token },
      ),
    );
    const id = created.createArticle.article.id;
    const first = await editorPage('张编辑', `/work/articles/${encodeURIComponent(id)}`);
    const second = await editorPage('李编辑', `/work/articles/${encodeURIComponent(id)}`);
    for (const { page } of [first, second]) await page.getByText('版本 1').waitFor();

    // The first editor changes the title and the summary, and saves.
    await first.page.locator('#article-title').fill('光猫恢复出厂设置（含重新注册）');
    await first.page.locator('#article-summary').fill('张的摘要');
    await first.page.getByRole('button', { name: /保\s*存/ }).click();
    await first.page.getByText('已保存（版本 2）').waitFor();

    // The second, still on version 1, changes the body and the summary and saves: a conflict.
    await second.page.locator('#article-body').fill('1. 按住 reset 键 10 秒\n2. 用 LOID 重新注册\n');
    await second.page.locator('#article-summary').fill('李的摘要');
    await second.page.getByRole('button', { name: /保\s*存/ }).click();
    const panel = second.page.getByRole('region', { name: /别人先保存了这篇文章（版本 2）/ });
    await panel.waitFor();
    // Both versions side by side; the summary both changed waits for a choice.
    const summaryRow = panel.locator('tr', { hasText: '张的摘要' });
    await expect(summaryRow.innerText()).resolves.toContain('李的摘要');
    await panel.getByText('还有 1 项需要选择').waitFor();
    // What differs is marked: struck out in their text, underlined in mine, character by character.
    const marked = (testId: string, tag: 'del' | 'ins') =>
      panel
        .getByTestId(testId)
        .locator(`${tag}.diff-${tag === 'del' ? 'delete' : 'insert'}`)
        .allInnerTexts();
    await expect(marked('conflict-summary-theirs', 'del')).resolves.toEqual(['张']);
    await expect(marked('conflict-summary-mine', 'ins')).resolves.toEqual(['李']);
    await expect(marked('conflict-body-mine', 'ins').then((parts) => parts.join(''))).resolves.toContain(
      '用 LOID 重新注册',
    );
    await expect(marked('conflict-body-theirs', 'del')).resolves.toEqual([]);
    await panel.getByText('文字的不同之处已标出').waitFor();
    await expect(panel.getByRole('button', { name: '应用到最新版本' }).isDisabled()).resolves.toBe(true);
    expect(await seriousAxeViolations(second.page)).toEqual([]);
    await screenshot(second.page, 'workspace-editor-conflict');
    await expect(stored(id).then((a) => a.body)).resolves.not.toContain('LOID');

    await summaryRow.getByText('保留我的修改').click();
    await panel.getByRole('button', { name: '应用到最新版本' }).click();
    await expect(second.page.locator('#article-title').inputValue()).resolves.toBe(
      '光猫恢复出厂设置（含重新注册）',
    );
    await second.page.getByRole('button', { name: /保\s*存/ }).click();
    await second.page.getByText('已保存（版本 3）').waitFor();

    await expect(stored(id)).resolves.toMatchObject({
      title: '光猫恢复出厂设置（含重新注册）',
      summary: '李的摘要',
      body: expect.stringContaining('用 LOID 重新注册'),
      version: 3,
    });
    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });
  it('adds a related article found by search, writes the linked translation, then archives the article', async () => {
    const relatedTitle = `光猫注册失败的处理 ${Date.now().toString(36)}`;
    const related = await buildPublished(server, {
      title: relatedTitle,
      category: 'broadband/troubleshooting',
    });
    const draft = await buildDraft(server, {
      title: '光猫更换后的注册步骤',
      category: 'broadband/troubleshooting',
    });
    await waitForSearchSync(server.app, 120_000);
    const { page, problems } = await editorPage('张编辑', `/work/articles/${encodeURIComponent(draft.id)}`);
    await page.getByText('版本 1').waitFor();

    // Related: search the published articles, pick one, save.
    await page.locator('#article-related').fill('光猫注册失败');
    await page.locator('.ant-select-item-option', { hasText: relatedTitle }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存（版本 2）').waitFor();
    await expect(stored(draft.id).then((a) => a.related)).resolves.toEqual([
      { id: related.id, title: relatedTitle },
    ]);

    // Translation: the link opens a new English article on the same slug; saving it links the two.
    await page.getByRole('link', { name: '撰写英文译文' }).click();
    await page.waitForURL(/\/work\/articles\/new\?.*locale=EN/);
    await expect(page.locator('#article-slug').inputValue()).resolves.toBe(draft.slug);
    await page.locator('#article-title').fill('Registering a replacement modem');
    await page.locator('#article-body').fill('1. Connect the fibre\n2. Enter the LOID\n');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/work\/articles\/(?!new)[^/?]+$/);
    const translationId = decodeURIComponent(page.url().split('/').pop() ?? '');
    await page.getByText('版本 1').waitFor();
    await page.getByRole('link', { name: '中文：光猫更换后的注册步骤' }).waitFor();
    await expect(stored(draft.id).then((a) => a.translations)).resolves.toEqual([
      { id: translationId, locale: 'EN', title: 'Registering a replacement modem' },
    ]);

    // Back on the Chinese article: the translation is listed; archive it after confirming.
    await page.getByRole('link', { name: '中文：光猫更换后的注册步骤' }).click();
    await page.getByRole('link', { name: '英文：Registering a replacement modem' }).waitFor();
    // The editor has taken up the Chinese article (its version), not only its translations list.
    await page.getByText('版本 2', { exact: true }).waitFor();
    // Checked with the pointer off the link just followed (a hovered link is lighter; its colour fades).
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^归\s*档$/ }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('这篇文章已归档，不能编辑').waitFor();
    await expect(stored(draft.id)).resolves.toMatchObject({ status: 'ARCHIVED', version: 3 });
    // The archived article's read-only form is readable too (its disabled fields keep their contrast).
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
