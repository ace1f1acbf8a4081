import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/**
 * Real-browser tests: Debian's Chromium driven by playwright-core (Playwright's own browser
 * download cannot be reached here). CI installs it: apt-get install chromium fonts-noto-cjk.
 */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where the tests save their screenshots for reviewers (git-ignored). */
export const SCREENSHOTS = path.resolve('test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium fonts-noto-cjk (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects what a page must never do: console errors (CSP violations among them), uncaught
 * exceptions, and requests to anywhere but the server under test (the console works offline).
 */
export function watchPage(
  page: Page,
  origin: string,
): { problems: string[]; requests: Array<{ url: string; authorization: string | undefined }> } {
  const problems: string[] = [];
  const requests: Array<{ url: string; authorization: string | undefined }> = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    requests.push({ url, authorization: request.headers()['authorization'] });
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`external request: ${url}`);
  });
  return { problems, requests };
}

/** The accessible name (aria-label) of the element that has the focus, if any. */
export async function focusedLabel(page: Page): Promise<string | null> {
  const focused = page.locator(':focus');
  return (await focused.count()) === 0 ? null : focused.first().getAttribute('aria-label');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

let axeSource: Promise<string> | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; html: string }>;
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP needs no
 * exception) and returns the serious and critical violations.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Check the page at rest: a select's dropdown that is still closing (its animation) would be
  // judged half-gone (its hidden helper listbox has no name while it fades).
  // (Polled from here: waitForFunction would need eval in the page, which its CSP refuses.)
  const openPopups =
    "document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-cascader-dropdown:not(.ant-select-dropdown-hidden)').length";
  for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
    if ((await page.evaluate<number>(openPopups)) === 0) break;
    await page.waitForTimeout(100);
  }
  await page.evaluate(await axeSource);
  // A string, evaluated in the page: the tests' TypeScript has no DOM types.
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((result) => result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => ({ target: node.target, html: node.html.slice(0, 200) })),
    })))`);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
