import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    // Monday 10:00:05 in Beijing (the clock runs on from there): most halls open, no minute turning mid-check.
    await page.clock.install({ time: new Date('2026-03-02T10:00:05+08:00') });

    await page.goto(`${server.url}/finder?region=420000.420100`);
    await page.getByRole('heading', { name: '营业厅查询' }).waitFor();
    await page.locator('.finder-hall').first().waitFor();
    const halls = page.locator('.finder-hall');
    const count = await halls.count();
    expect(count).toBeGreaterThan(3);
    const first = await halls.first().innerText();
    expect(first).toMatch(/距中心 [\d.]+ k?m/);
    // Today's hours in words, not the raw schedule with every special date of the year.
    expect(first).toMatch(/今日 \d\d:\d\d-\d\d:\d\d|今日休息/);
    expect(first).toMatch(/营业中|已打烊|午休中|暂停营业/);
    expect(first).not.toMatch(/mon |2026-02-17|closed/);
    expectNearestFirst(await distances(page));
    // The cascader shows the chosen place again after a reload of the link.
    await page.getByText('湖北省 / 武汉市').waitFor();

    // The offline plot: one dot per hall around the centre, with a scale.
    const plot = page.getByRole('group', { name: /营业厅位置示意图：\d+ 个营业厅，比例尺 [\d.]+ k?m/ });
    await plot.waitFor();
    expect(await plot.locator('circle').count()).toBe(count + 2);
    // Each dot is a link the keyboard reaches, named like its entry; Enter moves to that entry.
    const dots = plot.getByRole('link');
    expect(await dots.count()).toBe(count);
    const thirdName = await halls.nth(2).locator('.finder-hall-name').innerText();
    await dots.nth(2).focus();
    expect(await focusedLabel(page)).toMatch(
      new RegExp(`^第 3 个：${thirdName}，(营业中|已打烊|午休中|暂停营业|已停业)，[\\d.]+ k?m$`),
    );
    await page.keyboard.press('Enter');
    await expect(page.locator('.finder-hall:focus .finder-hall-name').innerText()).resolves.toBe(thirdName);
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
    await page.clock.install({ time: new Date('2026-03-02T10:00:05+08:00') });
    await page.goto(`${server.url}/finder?region=420000.420100&tier=FLAGSHIP&lang=en`);
    await page.getByRole('heading', { name: 'Find a business hall' }).waitFor();
    await page.locator('.finder-hall').first().waitFor();
    const tiers = await page
      .locator('.finder-hall-head .ant-tag:not(.open-tag):not(.closed-tag)')
      .allInnerTexts();
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers).size).toBe(1);
    await expect(page.locator('.finder-hall').first().innerText()).resolves.toMatch(
      /from the centre[\s\S]*(Today \d\d:\d\d|Closed today)/,
    );
    await screenshot(page, 'finder-en-flagship');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('follows the clock: a small hall goes to lunch at 12:00 while the page stays open, and holidays show when near', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    // Monday 2 March 2026, 11:58:30 in Beijing (the browser itself runs in London).
    await page.clock.install({ time: new Date('2026-03-02T11:58:30+08:00') });
    await page.goto(`${server.url}/finder?near=30.5735,114.2905&r=5`);
    const small = page.locator('#hall-HB-WH-A03');
    const flagship = page.locator('#hall-HB-WH-A01');
    await small.waitFor();
    await expect(small.innerText()).resolves.toMatch(
      /营业中[\s\S]*今日 08:30-12:00、14:00-17:30 · 午休 12:00-14:00[\s\S]*12:00 午休，14:00 开门/,
    );
    await expect(flagship.innerText()).resolves.toMatch(
      /营业中[\s\S]*今日 09:00-21:00[\s\S]*今日 21:00 关门/,
    );
    await expect(small.getAttribute('class')).resolves.not.toContain('finder-hall-closed');
    await page.getByText(/营业状态按北京时间 11:58 计算/).waitFor();
    // The week, on demand (a native <details>: keyboard and screen readers know it).
    await small.getByText('每周营业时间').click();
    await expect(small.locator('.hall-weekly').innerText()).resolves.toContain(
      '周一至周五 08:30-12:00、14:00-17:30；周六 09:00-12:00；周日 休息',
    );

    // Two minutes later, without a reload: the small hall is at lunch, greyed, and says when it reopens.
    await page.clock.fastForward('02:00');
    await page.getByText(/营业状态按北京时间 12:00 计算/).waitFor();
    await small.locator('.closed-tag', { hasText: '午休中' }).waitFor();
    await expect(small.innerText()).resolves.toMatch(/午休中，14:00 开门/);
    await expect(small.getAttribute('class')).resolves.toContain('finder-hall-closed');
    await expect(flagship.innerText()).resolves.toMatch(/营业中/);
    await screenshot(page, 'finder-lunch-break');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();

    // Before Spring Festival the coming special dates are listed; in March none is.
    const february = await browser.newContext({ locale: 'zh-CN' });
    const before = await february.newPage();
    await before.clock.install({ time: new Date('2026-02-13T10:00:00+08:00') });
    await before.goto(`${server.url}/finder?near=30.5735,114.2905&r=5`);
    const special = before.locator('#hall-HB-WH-A01 .hall-special');
    await special.waitFor();
    await expect(special.innerText()).resolves.toMatch(
      /近期特殊安排：2月14日（周六）（春节调休上班[^）]*）：09:00-21:00/,
    );
    await expect(special.innerText()).resolves.toContain('2月16日（周一）（除夕');
    await february.close();
  });

  it('shows a whole province page by page: the first 60 halls, then the rest on "load more"', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    await page.clock.install({ time: new Date('2026-03-02T10:00:05+08:00') });
    await page.goto(`${server.url}/finder?region=420000`);
    const halls = page.locator('.finder-hall');
    await halls.first().waitFor();
    expect(await halls.count()).toBe(60);
    const total = Number(/共 (\d+) 个/.exec(await page.getByText(/已显示 60 个/).innerText())?.[1]);
    expect(total).toBeGreaterThan(60);
    const firstSixty = await page.locator('.finder-hall-name').allInnerTexts();

    await page.getByRole('button', { name: '加载更多营业厅' }).click();
    await page.locator(`.finder-hall >> nth=${total - 1}`).waitFor();
    expect(await halls.count()).toBe(total);
    // The first page stays where it was; the rest come after it, with no hall twice.
    const all = await page.locator('.finder-hall-name').allInnerTexts();
    expect(all.slice(0, 60)).toEqual(firstSixty);
    const ids = await Promise.all((await halls.all()).map((hall) => hall.getAttribute('id')));
    expect(new Set(ids).size).toBe(total);
    await expect(page.getByRole('button', { name: '加载更多营业厅' }).count()).resolves.toBe(0);
    await expect(page.getByText(/已显示 60 个/).count()).resolves.toBe(0);
    const plot = page.getByRole('group', { name: /营业厅位置示意图/ });
    expect(await plot.getByRole('link').count()).toBe(total);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('embeds in a portal page: no header of its own, and it tells the frame its height', async () => {
    // A portal on another origin, framing the finder as a portal would.
    const portal = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html lang="zh-CN"><title>门户</title>
        <script>window.heights = []; addEventListener('message', (e) => heights.push(e.data));</script>
        <iframe title="营业厅查询" src="${server.url}/finder?region=420000.420100&embed=1" style="width: 960px; height: 300px"></iframe>`);
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(portal.address() as AddressInfo).port}/`);
    const frame = page.frameLocator('iframe');
    await frame.locator('.finder-hall').first().waitFor();
    // The heading stays for screen readers, hidden from view; no language switch.
    await expect(frame.getByRole('heading', { name: '营业厅查询', level: 1 }).count()).resolves.toBe(1);
    await expect(frame.getByLabel('界面语言').count()).resolves.toBe(0);
    let heights: Array<{ type: string; height: number }> = [];
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      heights = await page.evaluate<Array<{ type: string; height: number }>>('window.heights');
      if (heights.some((message) => message.height > 600)) break;
      await page.waitForTimeout(200);
    }
    expect(heights.at(-1)).toMatchObject({ type: 'channel-kb:finder-height' });
    expect(heights.at(-1)!.height).toBeGreaterThan(600);
    await context.close();
    portal.closeAllConnections();
    await new Promise((resolve) => portal.close(resolve));
  });
});
