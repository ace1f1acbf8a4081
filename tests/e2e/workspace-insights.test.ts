import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { signIn, startConsoleRig } from '../helpers/console-e2e.js';
import type { ConsoleRig } from '../helpers/console-e2e.js';
import { expectData } from '../helpers/graphql.js';
import type { TestServer } from '../helpers/test-server.js';

// An editor's search insights and synonym manager (/work/insights, /work/synonyms) in real
// Chromium against the real API: searches made through the API show up in the charts and tables,
// a zero-result query leads to a new article, and synonym sets are created, edited (through a
// conflict with a change made meanwhile) and deleted.
jest.setTimeout(300_000);

let rig: ConsoleRig;
let server: TestServer;
let browser: Browser;
let agent: { token: string };
let editor: { token: string };

beforeAll(async () => {
  rig = await startConsoleRig();
  ({ server, browser } = rig);
  agent = { token: await server.tokenFor(['agent'], 'agent-insights') };
  editor = { token: await server.tokenFor(['editor'], 'editor-api') };
}, 300_000);
afterAll(async () => {
  await rig?.stop();
});

const ZERO_QUERY = '量子纠缠宽带套餐';

async function searchAsAgent(query: string): Promise<number> {
  const response = await server.graphql<{ searchArticles: { totalHits: number } }>(
    'query ($q: String!) { searchArticles(query: $q, channel: HOTLINE) { totalHits } }',
    { q: query },
    agent,
  );
  return expectData(response).searchArticles.totalHits;
}

async function openPage(name: string, path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const { problems } = watchPage(page, server.url);
  await signIn(page, server, name, 'editor', path);
  return { page, problems };
}

interface SynonymSetData {
  id: string;
  terms: string[];
  version: number;
}

async function synonymSets(): Promise<SynonymSetData[]> {
  const response = await server.graphql<{ synonymSets: SynonymSetData[] }>(
    '{ synonymSets { id terms version } }',
    {},
    editor,
  );
  return expectData(response).synonymSets;
}

describe('search insights', () => {
  it('charts the searches of the period, lists the top and zero-result queries, and links a new article', async () => {
    for (let i = 0; i < 3; i += 1) expect(await searchAsAgent('691')).toBeGreaterThan(0);
    for (let i = 0; i < 2; i += 1) expect(await searchAsAgent(ZERO_QUERY)).toBe(0);

    const { page, problems } = await openPage('王编辑', '/work/insights');
    await page.getByRole('heading', { name: '搜索分析', level: 2 }).waitFor();

    // The tables list the queries with their counts.
    const top = page.locator('#top-queries');
    const row691 = top.getByRole('row').filter({ hasText: /^691/ });
    await row691.waitFor();
    await expect(row691.getByRole('cell').nth(1).innerText()).resolves.toBe('3');
    const zeroRow = page.locator('#zero-result-queries').getByRole('row').filter({ hasText: ZERO_QUERY });
    await expect(zeroRow.getByRole('cell').nth(1).innerText()).resolves.toBe('2');
    await expect(page.locator('.ant-statistic').filter({ hasText: '搜索次数' }).innerText()).resolves.toMatch(
      /搜索次数\s*5/,
    );

    // The daily chart is drawn (SVG with shapes) and has a text alternative with the figures.
    const daily = page.getByRole('img', { name: /^每日搜索量图表：/ });
    await daily.locator('svg').waitFor();
    expect(await daily.locator('svg path').count()).toBeGreaterThan(3);
    await expect(daily.getAttribute('aria-label')).resolves.toMatch(/搜索 5 次，无结果 2 次，降级 0 次/);
    const topChart = page.getByRole('img', { name: /^热门查询图表：/ });
    await expect(topChart.getAttribute('aria-label')).resolves.toContain('691 3');
    await expect(topChart.locator('svg').innerHTML()).resolves.toContain('691');

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-insights');

    // Today: the same searches (all made just now); the period goes into the URL.
    await page.getByText('今天', { exact: true }).click();
    await page.waitForURL(/period=today/);
    await row691.waitFor();

    // A custom range that ends before it starts is refused on the field, before asking the API.
    await page.getByText('自定义', { exact: true }).click();
    await page.getByLabel('开始日期').fill('2026-11-20');
    await page.getByLabel('结束日期').fill('2026-11-10');
    await page.getByText('结束日期不能早于开始日期。').waitFor();
    await expect(page.getByRole('button', { name: '查 看' }).isDisabled()).resolves.toBe(true);

    // "Write an article for this query" opens a new draft titled with the query.
    const write = zeroRow.getByRole('link', { name: `为此查询写文章：${ZERO_QUERY}` });
    await expect(write.getAttribute('href')).resolves.toBe(
      `/work/articles/new?title=${encodeURIComponent(ZERO_QUERY)}`,
    );
    await write.click();
    await page.waitForURL(`${server.url}/work/articles/new?title=${encodeURIComponent(ZERO_QUERY)}`);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the synonym manager', () => {
  it('creates, edits through a conflict, and deletes a synonym set', async () => {
    const { page, problems } = await openPage('赵编辑', '/work/synonyms');
    await page.getByRole('heading', { name: '同义词', level: 2 }).waitFor();
    const table = page.locator('#synonym-sets');
    await table.getByRole('row').nth(1).waitFor();

    // Create: one term is refused by the API, with its message on the terms field.
    await page.getByRole('button', { name: '新建同义词组' }).click();
    const dialog = page.getByRole('region', { name: /同义词组$/ });
    const terms = dialog.getByLabel('词语');
    await terms.fill('光纤猫');
    await dialog.getByRole('button', { name: '创 建' }).click();
    await dialog.getByText('同义词组至少需要 2 个词').waitFor();
    await terms.fill('光纤猫、光猫终端');
    await dialog.getByRole('button', { name: '创 建' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = table.getByRole('row').filter({ hasText: '光纤猫' });
    await row.waitFor();
    let stored = (await synonymSets()).find((set) => set.terms.includes('光纤猫'));
    expect(stored).toMatchObject({ terms: ['光纤猫', '光猫终端'], version: 1 });

    // Edit: add a term.
    await page.getByRole('button', { name: '编辑同义词组：光纤猫 / 光猫终端' }).click();
    await expect(terms.inputValue()).resolves.toBe('光纤猫、光猫终端');
    await terms.fill('光纤猫、光猫终端、光调制解调器');
    await dialog.getByRole('button', { name: '保 存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.filter({ hasText: '光调制解调器' }).waitFor();
    stored = (await synonymSets()).find((set) => set.terms.includes('光纤猫'));
    expect(stored).toMatchObject({ terms: ['光纤猫', '光猫终端', '光调制解调器'], version: 2 });

    // A concurrent change: the editor opens the set, someone else saves first through the API.
    await page.getByRole('button', { name: /^编辑同义词组：光纤猫/ }).click();
    expectData(
      await server.graphql(
        'mutation ($id: ID!) { updateSynonymSet(input: { id: $id, expectedVersion: 2, terms: ["光纤猫", "光猫终端", "天翼网关"] }) { synonymSet { version } } }',
        { id: stored?.id },
        editor,
      ),
    );
    await terms.fill('光纤猫、光猫终端、光调制解调器、家庭网关');
    await dialog.getByRole('button', { name: '保 存' }).click();

    // Their version beside the editor's; nothing was overwritten.
    await dialog.getByText('其他人已修改了这组同义词').waitFor();
    const theirs = dialog.getByRole('region', { name: '对方的版本（第 3 版）' });
    await expect(theirs.innerText()).resolves.toContain('天翼网关');
    const yours = dialog.getByRole('region', { name: '您的版本' });
    await expect(yours.innerText()).resolves.toContain('家庭网关');
    await expect(yours.innerText()).resolves.not.toContain('天翼网关');
    expect((await synonymSets()).find((set) => set.id === stored?.id)).toMatchObject({
      terms: ['光纤猫', '光猫终端', '天翼网关'],
      version: 3,
    });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-synonyms-conflict');

    // The editor keeps theirs too (adds 天翼网关 to their own list), then applies it over version 3.
    await terms.fill('光纤猫、光猫终端、光调制解调器、家庭网关、天翼网关');
    await dialog.getByRole('button', { name: '用我的版本覆盖' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.filter({ hasText: '家庭网关' }).waitFor();
    expect((await synonymSets()).find((set) => set.id === stored?.id)).toMatchObject({
      terms: ['光纤猫', '光猫终端', '光调制解调器', '家庭网关', '天翼网关'],
      version: 4,
    });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'workspace-synonyms');

    // Delete.
    await page.getByRole('button', { name: /^删除同义词组：光纤猫/ }).click();
    await page.getByRole('button', { name: '确 定' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await synonymSets()).some((set) => set.id === stored?.id)).toBe(false);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
