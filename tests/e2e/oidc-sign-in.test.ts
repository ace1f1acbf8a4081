import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { seedDatabase } from '../../seed/index.js';
import { launchBrowser, screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { expectData } from '../helpers/graphql.js';
import { TEST_API_AUDIENCE, reserveOidcProvider } from '../helpers/oidc-provider.js';
import type { TestOidcProvider } from '../helpers/oidc-provider.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// Signing in to the console through a real OpenID Connect provider (oidc-provider on a loopback
// port, with its own login and consent pages), in real Chromium against the real API; then what
// happens when the access token runs out: renewed with the refresh token, or, without one, a trip
// through the provider and back that keeps what the agent was typing.
jest.setTimeout(300_000);

const CLIENT_ID = 'channel-kb-console';
const ACCOUNT = { login: 'li.na', name: '李娜', roles: ['kb-agent', 'offline_access'] };

let provider: TestOidcProvider;
let server: TestServer;
let browser: Browser;
let accessTokenTtl = 3600;
let refreshTokens = true;

beforeAll(async () => {
  provider = await reserveOidcProvider();
  server = await startTestServer(
    {
      AUTH_OIDC_ISSUER: provider.issuer,
      AUTH_OIDC_AUDIENCE: TEST_API_AUDIENCE,
      AUTH_OIDC_CLIENT_ID: CLIENT_ID,
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      AUTH_ROLE_MAP: 'kb-agent=agent,kb-editor=editor',
    },
    { indexer: true },
  );
  await provider.start({
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${server.url}/signin/callback`],
        post_logout_redirect_uris: [`${server.url}/signin`],
      },
    ],
    accounts: [ACCOUNT],
    accessTokenTtl: () => accessTokenTtl,
    refreshTokens: () => refreshTokens,
  });
  await seedDatabase(server.app, { onlyEmpty: false });
  [browser] = await Promise.all([launchBrowser(), waitForSearchSync(server.app, 180_000)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

/**
 * Watches a page like `watchPage`, leaving out what the provider's own pages do (they load a web
 * font from the internet, unreachable here, and have no favicon): only the console is judged.
 */
function watchConsole(page: Page): {
  problems: () => string[];
  requests: ReturnType<typeof watchPage>['requests'];
} {
  const watched = watchPage(page, server.url);
  const onProvider: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !page.url().startsWith(server.url)) {
      onProvider.push(`console: ${message.text()}`);
    }
  });
  return {
    requests: watched.requests,
    problems: () => {
      const left = [...onProvider];
      return watched.problems.filter((problem) => {
        if (problem.startsWith(`external request: ${provider.issuer}`)) return false;
        if (problem.startsWith('external request: https://fonts.googleapis.com/')) return false;
        const index = left.indexOf(problem);
        if (index === -1) return true;
        left.splice(index, 1);
        return false;
      });
    },
  };
}

/** From the console's sign-in page through the provider's login (and consent, the first time) and back. */
async function signInThroughProvider(page: Page, shots = false): Promise<void> {
  await page.getByRole('button', { name: '统一身份认证登录' }).click();
  await page.waitForURL(`${provider.issuer}/interaction/**`);
  await page.locator('input[name="login"]').waitFor();
  if (shots) await screenshot(page, 'signin-oidc-provider-login');
  await page.locator('input[name="login"]').fill(ACCOUNT.login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).waitFor();
  if (shots) await screenshot(page, 'signin-oidc-provider-consent');
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate<string | null>("sessionStorage.getItem('ckb.session')");
  return (JSON.parse(raw ?? '{}') as { token: string }).token;
}

function header(token: string): { alg: string } {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { alg: string };
}

describe('signing in through an OpenID Connect provider', () => {
  it("signs in on the provider's login and consent pages, then searches the desk with the provider's token", async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const watched = watchConsole(page);

    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByRole('heading', { name: '登录渠道知识库' }).waitFor();
    await page.getByText('使用公司统一身份认证（单点登录）账号登录。').waitFor();
    // No development sign-in where a provider is configured.
    expect(await page.getByLabel('姓名').count()).toBe(0);
    await screenshot(page, 'signin-oidc');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await signInThroughProvider(page, true);
    await page.waitForURL(`${server.url}/`);
    await page.locator('.shell-user').getByText('李娜 · 坐席').waitFor();

    const box = page.getByRole('combobox', { name: '搜索知识库' });
    await box.waitFor();
    await box.fill('宽带拨号错误691怎么办');
    await page.locator('#desk-results[data-query="宽带拨号错误691怎么办"] #hit-0').waitFor();
    await expect(page.locator('#hit-0 .hit-title').innerText()).resolves.toContain('691');
    await screenshot(page, 'desk-oidc');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The API was called with the provider's RS256 access token, never anything else.
    const token = await sessionToken(page);
    expect(header(token).alg).toBe('RS256');
    const graphqlCalls = watched.requests.filter((request) => request.url === `${server.url}/graphql`);
    expect(graphqlCalls.length).toBeGreaterThan(0);
    expect(new Set(graphqlCalls.map((request) => request.authorization))).toEqual(
      new Set([`Bearer ${token}`]),
    );
    const viewer = expectData(
      await server.graphql<{ viewer: { id: string; roles: string[] } }>(
        '{ viewer { id roles } }',
        {},
        { token },
      ),
    );
    expect(viewer.viewer).toEqual({ id: 'li.na', roles: ['AGENT'] });
    expect(watched.problems()).toEqual([]);
    await context.close();
  });

  it('renews an access token that ran out with the refresh token, without the agent noticing', async () => {
    accessTokenTtl = 16;
    refreshTokens = true;
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const watched = watchConsole(page);
    await page.goto(`${server.url}/`);
    await signInThroughProvider(page);
    await page.waitForURL(`${server.url}/`);
    const first = await sessionToken(page);
    const refreshesBefore = provider.grants['refresh_token'] ?? 0;

    await new Promise((resolve) => setTimeout(resolve, 17_000));
    // The first token is refused by now; the agent just types.
    expect((await server.graphql('{ viewer { id } }', {}, { token: first })).status).toBe(401);
    const box = page.getByRole('combobox', { name: '搜索知识库' });
    await box.fill('宽带拨号错误678');
    await page.locator('#desk-results[data-query="宽带拨号错误678"] #hit-0').waitFor();
    await expect(page.locator('#hit-0 .hit-title').innerText()).resolves.toContain('678');
    expect(page.url()).toContain(server.url);
    expect(provider.grants['refresh_token'] ?? 0).toBeGreaterThan(refreshesBefore);
    expect(await sessionToken(page)).not.toBe(first);
    // No request went out with the dead token and came back refused.
    expect(watched.problems().filter((problem) => problem.includes('401'))).toEqual([]);
    expect(watched.problems()).toEqual([]);
    await context.close();
  });

  it('without a refresh token, goes through the provider and back when the token runs out, keeping the flag being typed', async () => {
    accessTokenTtl = 20;
    refreshTokens = false;
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const watched = watchConsole(page);
    const editor = await server.tokenFor(['editor']);
    const article = expectData(
      await server.graphql<{ articles: { nodes: Array<{ id: string; slug: string; title: string }> } }>(
        '{ articles(filter: { audience: PUBLIC, status: PUBLISHED, locale: ZH_CN }, first: 1) { nodes { id slug title } } }',
        {},
        { token: editor },
      ),
    ).articles.nodes[0]!;
    const answerUrl = `${server.url}/?q=${encodeURIComponent(article.title)}&a=${article.slug}&l=ZH_CN`;
    await page.goto(answerUrl);
    await signInThroughProvider(page);
    await page.waitForURL(answerUrl);
    await page.locator('#answer-title').waitFor();
    const first = await sessionToken(page);
    const signInsBefore = provider.grants['authorization_code'] ?? 0;

    // The agent starts a flag: a reason and a comment, not sent yet.
    await page.getByRole('button', { name: '报告问题' }).click();
    const form = page.locator('.answer-flag');
    await form.getByLabel('问题原因').click();
    await page
      .getByTitle('资费有误')
      .or(page.getByText('资费有误', { exact: true }))
      .first()
      .click();
    const comment = '办理页面写的是每月 30 元，实际已调整为 50 元';
    await form.getByLabel('补充说明（可选）').fill(comment);

    // The token runs out while they type; sending goes through the provider (which still knows
    // them, so no login page) and back to the same answer, the flag still filled in.
    await new Promise((resolve) => setTimeout(resolve, 21_000));
    await form.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(`${server.url}/signin/callback?**`);
    await page.waitForURL(answerUrl);
    await page.locator('#answer-title').waitFor();
    expect(provider.grants['authorization_code'] ?? 0).toBe(signInsBefore + 1);
    expect(await sessionToken(page)).not.toBe(first);
    const restored = page.locator('.answer-flag');
    await expect(restored.getByLabel('补充说明（可选）').inputValue()).resolves.toBe(comment);
    await expect(
      restored.locator('.ant-select-content, .ant-select-selection-item').first().innerText(),
    ).resolves.toBe('资费有误');
    await screenshot(page, 'desk-oidc-flag-restored');

    await restored.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已提交，编辑会尽快处理').waitFor();
    const flags = expectData(
      await server.graphql<{
        articleFlags: { nodes: Array<{ reason: string; comment: string; by: string }> };
      }>('{ articleFlags(status: OPEN) { nodes { reason comment by } } }', {}, { token: editor }),
    ).articleFlags.nodes;
    expect(flags).toContainEqual({ reason: 'WRONG_FEE', comment, by: 'li.na' });
    // The refused request is the only error the page saw (the browser logs a failed request's 401).
    expect(watched.problems().filter((problem) => !problem.includes('401'))).toEqual([]);
    await context.close();
  });
});
