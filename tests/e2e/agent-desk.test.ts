import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { focusedLabel, screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { expectData } from '../helpers/graphql.js';
import { signIn as signInAs, startConsoleRig } from '../helpers/console-e2e.js';
import type { ConsoleRig } from '../helpers/console-e2e.js';
import type { TestServer } from '../helpers/test-server.js';

// An agent at the answer desk, in real Chromium against the real API (seeded, indexed by the real
// Meilisearch), signing in through the development sign-in as `npm start` offers it.
jest.setTimeout(240_000);

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

const ARTICLE_691 = '宽带拨号错误691/619/629：用户名密码错误或账号欠费';

const signIn = (page: Page, name: string): Promise<void> => signInAs(page, server, name);

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
    // Wait for the answer to the whole sentence (answers to what was typed on the way may show first).
    await page.locator(`#desk-results[data-query="宽带拨号错误691怎么办"]`).waitFor();
    const firstHit = page.locator('#hit-0');
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

  it('shows an answer card for a confident match, and runs the suggested spelling of a query that finds nothing', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    await signIn(page, 'card-agent');
    const box = page.getByRole('combobox', { name: '搜索知识库' });
    const card = page.getByRole('region', { name: '答案卡片' });

    // A code in a sentence: the card gives the causes and steps of the 678 article above the hits.
    await box.fill('拨号提示678');
    await page.locator('#desk-results[data-query="拨号提示678"]').waitFor();
    await card.waitFor();
    // The title as the hits show it (the indexed form: a space where Han meets a digit).
    await expect(card.locator('.answer-card-title').innerText()).resolves.toMatch(/宽带拨号错误 ?678\/651/);
    await card.getByText('常见原因').waitFor();
    await expect(card.locator('.answer-card-steps li').first().innerText()).resolves.toMatch(
      /^请用户关闭电脑上的拨号窗口/,
    );
    await screenshot(page, 'desk-answer-card');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await card.getByRole('button', { name: '打开全文' }).click();
    await expect(page.locator('#answer-title').innerText()).resolves.toContain('宽带拨号错误678/651');

    // A complaint grade: its deadlines, counted from now, from the complaint policy.
    await box.fill('全国级投诉最迟多久回复');
    await page.locator('#desk-results[data-query="全国级投诉最迟多久回复"]').waitFor();
    const row = card.locator('.answer-card-deadlines tbody tr');
    await expect(row.innerText()).resolves.toMatch(
      /全国级投诉\s+48 小时\s+72 小时\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );

    // A query too vague for a card has none.
    await box.fill('上不了网');
    await page.locator('#desk-results[data-query="上不了网"]').waitFor();
    expect(await card.count()).toBe(0);

    // A typo that finds nothing: "did you mean" runs the right spelling on a click.
    await box.fill('宽代拨号');
    const suggestion = page.getByRole('button', { name: '宽带拨号' });
    await suggestion.waitFor();
    await expect(page.locator('.desk-did-you-mean').innerText()).resolves.toMatch(
      /你是不是要找：\s*宽带拨号\s*（\d+ 条结果）/,
    );
    await screenshot(page, 'desk-did-you-mean');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await suggestion.click();
    await page.locator('#desk-results[data-query="宽带拨号"] #hit-0').waitFor();
    await expect(box.inputValue()).resolves.toBe('宽带拨号');
    expect(page.url()).toContain(`q=${encodeURIComponent('宽带拨号')}`);
    expect(await page.locator('.desk-did-you-mean').count()).toBe(0);

    // English alongside: the same line on the language switch.
    await box.fill('宽代拨号');
    await page.locator('.desk-did-you-mean').waitFor();
    await page.getByText('English', { exact: true }).click();
    await expect(page.locator('.desk-did-you-mean').innerText()).resolves.toMatch(
      /Did you mean:\s*宽带拨号\s*\(\d+ results\)/,
    );
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

  it('sends an agent whose token expired back to sign-in, and returns to the same search afterwards', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    // A session whose token the API no longer accepts (it expired a moment ago; the tab thinks it is valid).
    const token = await server.tokenFor(['agent'], 'expired-agent', '1s');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const session = { token, name: 'expired-agent', roles: ['agent'], expiresAt: '2099-01-01T00:00:00Z' };
    await page.addInitScript(
      `if (!sessionStorage.getItem('ckb.session')) sessionStorage.setItem('ckb.session', ${JSON.stringify(JSON.stringify(session))});`,
    );
    const query = '宽带拨号错误678';
    await page.goto(`${server.url}/?q=${encodeURIComponent(query)}`);
    await page.waitForURL(/\/signin\?expired=1&next=/);
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByLabel('姓名').fill('expired-agent');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${server.url}/?q=${encodeURIComponent(query)}`);
    await expect(page.getByRole('combobox', { name: '搜索知识库' }).inputValue()).resolves.toBe(query);
    await page.locator(`#desk-results[data-query="${query}"] #hit-0`).waitFor();
    await expect(page.locator('#hit-0 .hit-title').innerText()).resolves.toContain('678');
    // The refused requests are the only errors the page saw (the browser logs a failed request's 401).
    expect(watched.problems.filter((problem) => !problem.includes('401'))).toEqual([]);
    await context.close();
  });

  it('keeps the deadline helper open with its grade and time when the token expires and the agent signs in again', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'draft-agent');
    await page.getByRole('button', { name: '投诉处理时限' }).click();
    const panel = page.locator('.deadline');
    await panel.getByLabel('投诉级别').click();
    await page.getByTitle('省级投诉').click();
    await panel.getByLabel('受理时间').fill('2026-03-01T09:00');
    await panel.getByText('2026-03-03 09:00').waitFor();

    // The token expires while the panel is open; the next request is refused and the agent is sent to sign in.
    const expired = await server.tokenFor(['agent'], 'draft-agent', '1s');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    // (A script string: the tests are compiled without the DOM's types.)
    await page.evaluate(
      `(() => { const session = JSON.parse(sessionStorage.getItem('ckb.session') ?? '{}'); sessionStorage.setItem('ckb.session', JSON.stringify({ ...session, token: ${JSON.stringify(expired)} })); })()`,
    );
    await panel.getByLabel('受理时间').fill('2026-03-01T10:00');
    await page.waitForURL(/\/signin\?expired=1&next=/);
    await page.getByLabel('姓名').fill('draft-agent');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${server.url}/`);

    // Back on the desk: the panel is open with what the agent had entered.
    const restored = page.locator('.deadline');
    await expect(restored.getByLabel('受理时间').inputValue()).resolves.toBe('2026-03-01T10:00');
    // The grade's label appears once the policy (the options) has loaded: wait for it, not read it at once.
    await restored.locator('.ant-select').getByText('省级投诉').waitFor();
    await restored.getByText('2026-03-03 10:00').waitFor();
    await context.close();
  });

  it('tells how long is left to answer a complaint, on a fixed clock', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    // 10:00 on 2 March 2026 in Beijing, whatever the zone of the browser.
    await page.clock.setFixedTime(new Date('2026-03-02T02:00:00Z'));
    await signIn(page, 'deadline-agent');
    await page.getByRole('button', { name: '投诉处理时限' }).click();
    const panel = page.locator('.deadline');
    await expect(panel.getByLabel('受理时间').inputValue()).resolves.toBe('2026-03-02T10:00');
    await panel.locator('.deadline-result').waitFor();
    const result = async () => (await panel.locator('.deadline-result').innerText()).replace(/[\s·]+/g, ' ');
    await expect(result()).resolves.toBe('平均答复 立即答复 最迟答复 2026-03-03 10:00 (剩余 1 天)');

    await panel.getByLabel('投诉级别').click();
    await page.getByTitle('省级投诉').click();
    await panel.getByLabel('受理时间').fill('2026-03-01T09:00');
    await panel.getByText('2026-03-03 09:00').waitFor();
    await expect(result()).resolves.toBe(
      '平均答复 2026-03-02 09:00 (已超时 1 小时) 最迟答复 2026-03-03 09:00 (剩余 23 小时)',
    );
    await screenshot(page, 'desk-deadline');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
