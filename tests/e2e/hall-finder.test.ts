import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { seedDatabase } from '../../seed/index.js';
import { launchBrowser, screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// The public hall finder in real Chromium: anonymous, against the seeded API (halls indexed for geo search).
jest.setTimeout(240_000);

let server: TestServer;
let browser: Browser;
let internalTitles: string[];

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  [browser] = await Promise.all([launchBrowser(), waitForSearchSync(server.app, 180_000)]);
  const editor = await server.tokenFor(['editor']);
  internalTitles = expectData(
    await server.graphql<{ articles: { nodes: Array<{ title: string }> } }>(
      '{ articles(filter: { audience: INTERNAL }, first: 100) { nodes { title } } }',
      {},
      { token: editor },
    ),
  ).articles.nodes.map((article) => article.title);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The distances shown, in metres, in list order. */
async function distances(page: Page): Promise<number[]> {
  const texts = await page.locator('.finder-distance').allInnerTexts();
  return texts.map((text) => {
    const match = /([\d.]+) (m|km)/.exec(text);
    if (!match) throw new Error(`no distance in "${text}"`);
    return Number(match[1]) * (match[2] === 'km' ? 1000 : 1);
  });
}

function expectNearestFirst(values: number[]): void {
  expect(values.length).toBeGreaterThan(1);
  // Shown rounded (0.1 km under 10 km, whole km above), so compare with that slack.
  for (let i = 1; i < values.length; i += 1) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]! - 500);
}

describe('the public hall finder', () => {
  it('lists the halls of a city nearest its centre first, plots them, and shows no internal content', async () => {
    expect(internalTitles.length).toBeGreaterThan(0);
    const context = await browser.newContext({
      locale: 'zh-CN',
      geolocation: { latitude: 30.5928, longitude: 114.3055 }, // Wuhan, near Jianghan Road
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);

    await page.goto(`${server.url}/finder?region=420000.420100`);
    await page.getByRole('heading', { name: '营业厅查询' }).waitFor();
    await page.locator('.finder-hall').first().waitFor();
    const halls = page.locator('.finder-hall');
    const count = await halls.count();
    expect(count).toBeGreaterThan(3);
    const first = await halls.first().innerText();
    expect(first).toMatch(/距中心 [\d.]+ k?m/);
    expect(first).toMatch(/营业时间/);
    expect(first).toMatch(/营业中|已打烊/);
    expectNearestFirst(await distances(page));
    // The cascader shows the chosen place again after a reload of the link.
    await page.getByText('湖北省 / 武汉市').waitFor();

    // The offline plot: one dot per hall around the centre, with a scale.
    const plot = page.getByRole('img', { name: /营业厅位置示意图：\d+ 个营业厅，比例尺 [\d.]+ k?m/ });
    await plot.waitFor();
    expect(await plot.locator('circle').count()).toBe(count + 2);
    await screenshot(page, 'finder-region');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Nothing internal anywhere on the page, and no request carried a token.
    const text = await page.locator('body').innerText();
    for (const title of internalTitles) expect(text).not.toContain(title);
    expect(watched.requests.filter((request) => request.authorization !== undefined)).toEqual([]);

    // The browser's location: nearest first, with real distances.
    await page.getByRole('button', { name: '使用我的位置' }).click();
    await page.waitForURL(/near=30\.5928(%2C|,)114\.3055/);
    await page.getByText('您附近（30.5928, 114.3055）的营业厅，由近到远').waitFor();
    await page.locator('.finder-area[aria-busy="false"] .finder-hall').first().waitFor();
    await expect(page.locator('.finder-distance').first().innerText()).resolves.toMatch(/^[\d.]+ k?m$/);
    expectNearestFirst(await distances(page));

    // Open now: every hall listed is open (or none is, and the page says so).
    await page.getByRole('switch', { name: '正在营业' }).click();
    await page.waitForURL(/open=1/);
    await page.locator('.finder-area[aria-busy="false"]').waitFor();
    const states = await page.locator('.finder-hall .ant-tag:is(.open-tag, .closed-tag)').allInnerTexts();
    expect(states.every((state) => state === '营业中')).toBe(true);
    await screenshot(page, 'finder-near-open-now');

    const text2 = await page.locator('body').innerText();
    for (const title of internalTitles) expect(text2).not.toContain(title);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('speaks English from a portal link, filters by tier', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    await page.goto(`${server.url}/finder?region=420000.420100&tier=FLAGSHIP&lang=en`);
    await page.getByRole('heading', { name: 'Find a business hall' }).waitFor();
    await page.locator('.finder-hall').first().waitFor();
    const tiers = await page
      .locator('.finder-hall-head .ant-tag:not(.open-tag):not(.closed-tag)')
      .allInnerTexts();
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers).size).toBe(1);
    await expect(page.locator('.finder-hall').first().innerText()).resolves.toMatch(/from the centre|Hours/);
    await screenshot(page, 'finder-en-flagship');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
