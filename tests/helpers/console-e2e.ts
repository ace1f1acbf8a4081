import type { Browser, Page } from 'playwright-core';
import { seedDatabase } from '../../seed/index.js';
import { launchBrowser } from './browser.js';
import { waitForSearchSync } from './search-sync.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

/** What a console end-to-end test runs against: the seeded API with its indexer, and Chromium. */
export interface ConsoleRig {
  server: TestServer;
  browser: Browser;
  stop: () => Promise<void>;
}

/**
 * Starts the service as `npm start` offers it (development sign-in, the indexer), seeds it, waits
 * until Meilisearch holds the seed, and launches Chromium alongside.
 */
export async function startConsoleRig(env: Record<string, string> = {}): Promise<ConsoleRig> {
  const server = await startTestServer({ AUTH_JWT_SECRET: '', ...env }, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  const [browser] = await Promise.all([launchBrowser(), waitForSearchSync(server.app, 180_000)]);
  return {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

export type ConsoleRole = 'agent' | 'editor' | 'reviewer' | 'admin';

const ROLE_LABELS: Record<ConsoleRole, string> = {
  agent: '坐席',
  editor: '编辑',
  reviewer: '审核',
  admin: '管理员',
};

/**
 * Signs in through the development sign-in page as a user would: opens `path` (the desk by
 * default), is sent to sign in, picks the role, and comes back to `path`.
 */
export async function signIn(
  page: Page,
  server: TestServer,
  name: string,
  role: ConsoleRole = 'agent',
  path = '/',
): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.waitForURL(/\/signin\?next=/);
  await page.getByLabel('姓名').fill(name);
  // Ant Design's radio buttons hide the input itself: click the visible button.
  if (role !== 'agent') {
    await page.locator('label.ant-radio-button-wrapper', { hasText: ROLE_LABELS[role] }).click();
  }
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(`${server.url}${path}`);
}
