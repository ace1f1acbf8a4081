import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { signIn as signInAs, startConsoleRig } from '../helpers/console-e2e.js';
import type { ConsoleRig } from '../helpers/console-e2e.js';
import type { TestServer } from '../helpers/test-server.js';

// "Where can the customer do this?" at the answer desk, in real Chromium against the seeded API,
// on the browser's clock driven by the test (moved here from agent-desk.test.ts).
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

const signIn = (page: Page, name: string): Promise<void> => signInAs(page, server, name);

describe('where can the customer do this', () => {
  it('says where to pay a bill: electronic channels, and nearby halls with today, lunch and the next change, moving on with the clock', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const watched = watchPage(page, server.url);
    // Monday 2 March 2026, 11:58:30 in Beijing: the small halls close for lunch at 12:00.
    await page.clock.install({ time: new Date('2026-03-02T11:58:30+08:00') });
    await signIn(page, 'where-agent');
    await page.getByRole('button', { name: '哪里能办' }).click();
    const panel = page.locator('.where');
    await panel.getByLabel('业务').click();
    await page.getByTitle('缴费').click();
    await panel.getByLabel('或坐标：纬度,经度').fill('30.5735,114.2905');
    await panel.getByLabel('或坐标：纬度,经度').press('Enter');
    await panel.locator('.where-result[aria-busy="false"] .where-halls li').first().waitFor();

    expect((await panel.locator('.where-channels .ant-list-item').allInnerTexts()).length).toBeGreaterThan(0);
    const small = panel.locator('.where-halls li', { hasText: '武汉民众乐园便民营业厅' });
    const flagship = panel.locator('.where-halls li', { hasText: '武汉江汉路旗舰营业厅' });
    await expect(small.innerText()).resolves.toMatch(
      /营业中[\s\S]*今日 08:30-12:00、14:00-17:30 · 午休 12:00-14:00[\s\S]*12:00 午休，14:00 开门/,
    );
    await expect(flagship.innerText()).resolves.toMatch(
      /营业中[\s\S]*027-85001010[\s\S]*今日 09:00-21:00[\s\S]*今日 21:00 关门/,
    );
    await panel.getByText(/营业状态按北京时间 11:58 计算/).waitFor();

    // The agent keeps the panel open: at 12:00 the small hall is at lunch, greyed, with its reopening.
    await page.clock.fastForward('02:00');
    await panel.getByText(/营业状态按北京时间 12:00 计算/).waitFor();
    await small.locator('.closed-tag', { hasText: '午休中' }).waitFor();
    await expect(small.getAttribute('class')).resolves.toContain('finder-hall-closed');
    await expect(small.innerText()).resolves.toMatch(/午休中，14:00 开门/);
    await expect(flagship.innerText()).resolves.toMatch(/营业中/);
    const distances = (await panel.locator('.where-halls .finder-distance').allInnerTexts()).map(
      (text) => Number(/([\d.]+)/.exec(text)![1]) * (text.endsWith('km') ? 1000 : 1),
    );
    for (let i = 1; i < distances.length; i += 1)
      expect(distances[i]!).toBeGreaterThanOrEqual(distances[i - 1]! - 500);
    await screenshot(page, 'desk-where-can-i');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // In the evening the small halls have closed for the day and say when they open tomorrow.
    await page.clock.fastForward('06:00:00');
    await panel.getByText(/营业状态按北京时间 18:00 计算/).waitFor();
    await expect(small.innerText()).resolves.toMatch(/已打烊[\s\S]*明天 08:30 开门/);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('speaks English when switched', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.clock.install({ time: new Date('2026-03-02T11:58:30+08:00') });
    await page.goto(`${server.url}/?lang=en`);
    await page.waitForURL(/\/signin\?/);
    await page.getByLabel('Name').fill('where-agent-en');
    await page.getByRole('button', { name: /Sign in/i }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: 'Where can I' }).click();
    const panel = page.locator('.where');
    await panel.getByLabel('Service').click();
    await page.getByTitle('Bill payment and top-up').click();
    await panel.getByLabel('or coordinates: lat,lng').fill('30.5735,114.2905');
    await panel.getByLabel('or coordinates: lat,lng').press('Enter');
    const small = panel.locator('.where-halls li', { hasText: '武汉民众乐园便民营业厅' });
    await small.waitFor();
    await expect(small.innerText()).resolves.toMatch(
      /Open[\s\S]*Today 08:30-12:00, 14:00-17:30 · lunch break 12:00-14:00[\s\S]*Lunch break at 12:00, reopens at 14:00/,
    );
    await context.close();
  });
});
