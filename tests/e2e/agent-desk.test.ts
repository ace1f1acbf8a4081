import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { seedDatabase } from '../../seed/index.js';
import {
  focusedLabel,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  watchPage,
} from '../helpers/browser.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// An agent at the answer desk, in real Chromium against the real API (seeded, indexed by the real
// Meilisearch), signing in through the development sign-in as `npm start` offers it.
jest.setTimeout(240_000);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ AUTH_JWT_SECRET: '' }, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  [browser] = await Promise.all([launchBrowser(), waitForSearchSync(server.app, 180_000)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ARTICLE_691 = '宽带拨号错误691/619/629：用户名密码错误或账号欠费';

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.waitForURL(/\/signin\?next=/);
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(`${server.url}/`);
}

describe('the agent answer desk', () => {
  it('signs in, finds an error code inside a Chinese sentence, opens the answer, records a use and rates it', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);

    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByRole('heading', { name: '登录渠道知识库' }).waitFor();
    await screenshot(page, 'signin');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('姓名').fill('李娜');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${server.url}/`);

    // The search box has the focus on load: the agent just types.
    const box = page.getByRole('combobox', { name: '搜索知识库' });
    await box.waitFor();
    await expect(focusedLabel(page)).resolves.toBe('搜索知识库');
    await page.keyboard.type('宽带拨号错误691怎么办', { delay: 30 });

    // The code is recognised as a chip and the article about it comes first, highlighted.
    await page.getByText('错误码 691', { exact: true }).first().waitFor();
    const firstHit = page.locator('#hit-0');
    await firstHit.waitFor();
    await expect(firstHit.locator('.hit-title').innerText()).resolves.toContain('691');
    expect(await firstHit.locator('mark').count()).toBeGreaterThan(0);
    await expect(firstHit.getAttribute('aria-selected')).resolves.toBe('true');
    expect(page.url()).toContain(`q=${encodeURIComponent('宽带拨号错误691怎么办')}`);

    // Keyboard: down and back up, Enter opens the answer.
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#hit-1').getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const title = page.locator('#answer-title');
    await title.waitFor();
    await expect(title.innerText()).resolves.toContain(ARTICLE_691);
    await expect(page.locator('.answer-path').innerText()).resolves.toContain('宽带');
    // Last change in Beijing time, though the browser runs in London.
    await expect(page.locator('.answer-meta').innerText()).resolves.toMatch(
      /最后更新：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/,
    );
    await page.getByRole('heading', { name: '其他语言版本' }).waitFor();

    // Record the use on the hotline and rate it helpful.
    await page.getByRole('button', { name: '使用此答案（客服热线）' }).click();
    await page.getByText('已记录使用（客服热线）').waitFor();
    await page
      .getByRole('button', { name: /有帮助/ })
      .first()
      .click();
    await page.getByText('感谢评价').waitFor();
    await page.getByText(/已使用 1 次 · 有帮助 1/).waitFor();
    await screenshot(page, 'desk-answer');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Esc goes back to the box; `/` from anywhere else does too.
    await title.focus();
    await page.keyboard.press('Escape');
    await expect(focusedLabel(page)).resolves.toBe('搜索知识库');
    await title.focus();
    await page.keyboard.press('/');
    await expect(focusedLabel(page)).resolves.toBe('搜索知识库');
    await expect(box.inputValue()).resolves.toBe('宽带拨号错误691怎么办');

    // The API shows the use, its channel and the rating.
    const agent = await server.tokenFor(['agent']);
    const stats = await server.graphql<{
      article: { stats: { uses: number; helpful: number } };
      mostUsedArticles: Array<{ uses: number; article: { title: string } }>;
    }>(
      `query($since: DateTime!) {
        article(slug: "broadband-error-691-619-629") { stats { uses helpful } }
        mostUsedArticles(since: $since, channel: HOTLINE) { uses article { title } }
      }`,
      { since: new Date(Date.now() - 3_600_000).toISOString() },
      { token: agent },
    );
    const data = expectData(stats);
    expect(data.article.stats).toEqual({ uses: 1, helpful: 1 });
    expect(data.mostUsedArticles).toEqual([{ uses: 1, article: { title: ARTICLE_691 } }]);

    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('flags an answer with a reason, marks internal answers, and speaks English on the switch', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    await signIn(page, 'agent-flagger');

    // An internal article, found by its words and opened by a click.
    const editor = await server.tokenFor(['editor']);
    const internal = expectData(
      await server.graphql<{ articles: { nodes: Array<{ slug: string; title: string }> } }>(
        '{ articles(filter: { audience: INTERNAL, status: PUBLISHED, locale: ZH_CN }, first: 1) { nodes { slug title } } }',
        {},
        { token: editor },
      ),
    ).articles.nodes[0]!;
    await page.goto(`${server.url}/?q=${encodeURIComponent(internal.title)}&a=${internal.slug}&l=ZH_CN`);
    await page.locator('#answer-title').waitFor();
    await expect(page.locator('#answer-title').innerText()).resolves.toContain('内部');
    await page.getByText('内部资料：仅供员工参考').waitFor();

    await page.getByRole('button', { name: '报告问题' }).click();
    const dialog = page.locator('.answer-flag');
    await dialog.getByLabel('问题原因').click();
    await page
      .getByTitle('资费有误')
      .or(page.getByText('资费有误', { exact: true }))
      .first()
      .click();
    await dialog.getByLabel('补充说明（可选）').fill('资费已调整为每月 50 元');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已提交，编辑会尽快处理').waitFor();
    const flags = expectData(
      await server.graphql<{
        articleFlags: {
          nodes: Array<{ reason: string; comment: string; by: string; article: { slug: string } }>;
        };
      }>(
        '{ articleFlags(status: OPEN) { nodes { reason comment by article { slug } } } }',
        {},
        { token: editor },
      ),
    ).articleFlags.nodes;
    expect(flags).toContainEqual({
      reason: 'WRONG_FEE',
      comment: '资费已调整为每月 50 元',
      by: 'agent-flagger',
      article: { slug: internal.slug },
    });

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Search the knowledge base' }).waitFor();
    await page.getByRole('heading', { name: 'Agent answer desk' }).waitFor();
    await screenshot(page, 'desk-internal-en');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
