import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { signIn, startConsoleRig } from '../helpers/console-e2e.js';
import type { ConsoleRig, ConsoleRole } from '../helpers/console-e2e.js';
import { eventually } from '../helpers/eventually.js';
import { expectData } from '../helpers/graphql.js';
import type { TestServer } from '../helpers/test-server.js';

// The admins' workspace (halls, import, channels, coverage) in real Chromium against the seeded API.
jest.setTimeout(300_000);

let rig: ConsoleRig;
let server: TestServer;
let browser: Browser;
let adminToken: string;

beforeAll(async () => {
  rig = await startConsoleRig();
  ({ server, browser } = rig);
  adminToken = await server.tokenFor(['admin'], 'e2e-admin-api');
});
afterAll(async () => {
  await rig?.stop();
});

/** A signed-in page at `path`, watched for console errors, CSP violations and outside requests. */
async function open(
  path: string,
  role: ConsoleRole = 'admin',
  name = '王管理',
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const { problems } = watchPage(page, server.url);
  await signIn(page, server, name, role, path);
  return { page, problems };
}

/** The serious and critical axe violations, with the pointer off the controls (a hovered button is lighter). */
async function axe(page: Page): Promise<unknown[]> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  return seriousAxeViolations(page);
}

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return expectData(await server.graphql<T>(query, variables, { token: adminToken }));
}

const HALL_QUERY = `query ($code: String!) { hall(code: $code) { code tier area version
  openingHours { weekly { start end } special { date closed note intervals { start end } } } } }`;
type HallAnswer = {
  hall: {
    code: string;
    tier: string;
    openingHours: {
      weekly: Array<Array<{ start: string; end: string }>>;
      special: Array<{ date: string; closed: boolean; note: string | null }>;
    };
  } | null;
};

describe("the admins' workspace", () => {
  it('imports a CSV with one bad row: the dry run shows the row and why, apply with skip writes the rest', async () => {
    const sample = await readFile('samples/halls.csv', 'utf8');
    const [header, ...rows] = sample.trim().split('\n');
    const good = rows.map((row, index) => row.replace(/^HB-WH-S90\d/, `E2E-IMP-${index + 1}`));
    // A township hall that calls itself a flagship: refused on its tier.
    const bad = rows[2]!.replace(/^HB-WH-S903/, 'E2E-IMP-BAD').replace(',SMALL,', ',FLAGSHIP,');
    const csv = [header, good[0], good[1], bad, good[2]].join('\n') + '\n';

    const { page, problems } = await open('/work/import');
    await page.getByRole('heading', { name: '批量导入营业厅' }).waitFor();
    // The sample file is offered for download, from the console itself.
    const sampleHref = await page.getByRole('link', { name: '下载示例文件（CSV）' }).getAttribute('href');
    expect(decodeURIComponent(sampleHref ?? '')).toContain('code,name,tier,operation');

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'halls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('halls.csv').waitFor();
    await page.getByRole('button', { name: /试运行/ }).click();
    const report = page.getByRole('region', { name: '导入报告' });
    await report.getByText('试运行结果：尚未写入任何数据。').waitFor();
    const badRow = report.locator('tr', { hasText: 'E2E-IMP-BAD' });
    await expect(badRow.innerText()).resolves.toMatch(/无效[\s\S]*tier[\s\S]*乡镇营业厅只能是小型营业厅/);
    for (const code of ['E2E-IMP-1', 'E2E-IMP-2', 'E2E-IMP-3']) {
      await expect(report.locator('tr', { hasText: code }).innerText()).resolves.toContain('新建');
    }
    // Nothing is written by the dry run, and the import waits for "skip invalid rows".
    expect((await api<HallAnswer>(HALL_QUERY, { code: 'E2E-IMP-1' })).hall).toBeNull();
    const apply = page.getByRole('button', { name: /^导\s*入$/ });
    expect(await apply.isDisabled()).toBe(true);
    await screenshot(page, 'admin-import-dry-run');
    expect(await axe(page)).toEqual([]);

    await page.getByRole('checkbox', { name: /跳过 1 个无效行/ }).check();
    await apply.click();
    await report.getByText('已导入：有效行已写入。').waitFor();
    for (const code of ['E2E-IMP-1', 'E2E-IMP-2', 'E2E-IMP-3']) {
      expect((await api<HallAnswer>(HALL_QUERY, { code })).hall?.code).toBe(code);
    }
    expect((await api<HallAnswer>(HALL_QUERY, { code: 'E2E-IMP-BAD' })).hall).toBeNull();
    expect(problems).toEqual([]);
  });

  it('refuses a township flagship hall with the rule on the tier field, and a partner hall without its partner', async () => {
    const { page, problems } = await open('/work/halls/new');
    await page.getByRole('heading', { name: '新建营业厅' }).waitFor();
    await page.getByLabel('编码').fill('E2E-NEW-1');
    await page.getByLabel('名称', { exact: true }).fill('江夏金口测试营业厅');
    await page.getByRole('radio', { name: '旗舰营业厅' }).check();
    await page.getByRole('radio', { name: '乡镇', exact: true }).check();
    await page.getByRole('radio', { name: '自有他营' }).check();
    await page.locator('.ant-cascader').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '湖北省' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '武汉市' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '江夏区' }).click();
    await page.getByRole('combobox', { name: '乡镇' }).click();
    await page.locator('.ant-select-item-option', { hasText: '金口街道' }).click();
    await page.getByLabel('地址').fill('湖北省武汉市江夏区金口街道测试路1号');
    await page.getByLabel('纬度').fill('30.33');
    await page.getByLabel('经度').fill('114.12');
    await page.getByLabel('面积（平方米）').fill('80');
    await page.getByRole('button', { name: /创\s*建/ }).click();

    const fieldError = (field: string) =>
      page.locator(`[data-field="${field}"] .ant-form-item-explain-error`);
    await fieldError('tier')
      .getByText(/乡镇营业厅只能是小型营业厅/)
      .waitFor();
    await fieldError('partner')
      .getByText(/自有他营厅须写明合作方/)
      .waitFor();
    expect((await api<HallAnswer>(HALL_QUERY, { code: 'E2E-NEW-1' })).hall).toBeNull();
    await screenshot(page, 'admin-hall-rules');
    expect(await axe(page)).toEqual([]);

    // Made small, with its partner named, the hall is created and opened for editing.
    await page.getByRole('radio', { name: '小型营业厅' }).check();
    await page.getByLabel('合作方').fill('江夏示例通信有限公司');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/work\/halls\/E2E-NEW-1$/);
    const created = (await api<HallAnswer>(HALL_QUERY, { code: 'E2E-NEW-1' })).hall;
    expect(created).toMatchObject({ tier: 'SMALL' });
    expect(problems).toEqual([]);
  });

  it('filters the halls table by tier with the facet counts, and pages with the keyset both ways', async () => {
    const all = await api<{
      halls: { totalCount: number; facets: { tier: Array<{ value: string; count: number }> } };
    }>('{ halls { totalCount facets { tier { value count } } } }');
    const flagships = all.halls.facets.tier.find((bucket) => bucket.value === 'FLAGSHIP')!.count;
    expect(flagships).toBeGreaterThan(10);
    const expected = await api<{ halls: { nodes: Array<{ code: string }> } }>(
      '{ halls(filter: { tiers: [FLAGSHIP] }, first: 20) { nodes { code } } }',
    );

    const { page, problems } = await open('/work/halls');
    await page.getByRole('status').getByText(`共 ${all.halls.totalCount} 个营业厅`).waitFor();
    const flagshipBox = page.getByRole('checkbox', { name: `旗舰营业厅 (${flagships})` });
    await flagshipBox.check();
    await page.waitForURL(/[?&]tier=FLAGSHIP/);
    await page.getByRole('status').getByText(`共 ${flagships} 个营业厅`).waitFor();
    // Disjunctive facets: with FLAGSHIP chosen, the other tiers still show what choosing them would add.
    const standards = all.halls.facets.tier.find((bucket) => bucket.value === 'STANDARD')!.count;
    expect(standards).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: `标准营业厅 (${standards})` }).waitFor();
    await page.getByRole('checkbox', { name: `旗舰营业厅 (${flagships})` }).waitFor();
    await screenshot(page, 'admin-halls-flagship');
    expect(await axe(page)).toEqual([]);

    // Ten a page: the first ten flagships in code order, then the next ten, then back.
    await page.getByRole('combobox', { name: '每页条数' }).click();
    await page.locator('.ant-select-item-option', { hasText: '每页 10 条' }).click();
    await page.waitForURL(/size=10/);
    // The URL changes before the table re-renders: wait until the page of 20 has become a page of 10.
    await page.locator('tbody tr').nth(10).waitFor({ state: 'detached' });
    const codes = async (): Promise<string[]> => {
      await page.locator('tbody tr').first().waitFor();
      return page.locator('tbody tr td:first-child').allInnerTexts();
    };
    const firstTen = expected.halls.nodes.slice(0, 10).map((hall) => hall.code);
    const nextTen = expected.halls.nodes.slice(10, 20).map((hall) => hall.code);
    await page.locator('tbody tr', { hasText: firstTen[9]! }).waitFor();
    expect(await codes()).toEqual(firstTen);
    const tiers = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(new Set(tiers)).toEqual(new Set(['旗舰营业厅']));

    await page.getByRole('button', { name: '下一页' }).click();
    await page.waitForURL(/after=/);
    await page.locator('tbody tr', { hasText: nextTen[0]! }).waitFor();
    expect(await codes()).toEqual(nextTen);
    await page.getByRole('button', { name: '上一页' }).click();
    await page.waitForURL(/before=/);
    await page.locator('tbody tr', { hasText: firstTen[0]! }).waitFor();
    expect(await codes()).toEqual(firstTen);

    // The URL holds the whole state: a reload shows the same page.
    await page.reload();
    await page.locator('tbody tr', { hasText: firstTen[0]! }).waitFor();
    expect(await page.getByRole('checkbox', { name: /旗舰营业厅/ }).isChecked()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("saves a hall's hours edited in the week grid, with a lunch break and a holiday, and changes its status after confirming", async () => {
    const code = 'E2E-IMP-1'; // imported above: open 08:30-20:00 every day, no lunch break
    const { page, problems } = await open(`/work/halls/${code}`);
    await page.getByRole('heading', { name: /E2E-IMP-1/ }).waitFor();
    await page.getByRole('checkbox', { name: '周二营业' }).check();
    await page.getByLabel('周二开门时间').fill('08:30');
    await page.getByLabel('周二关门时间').fill('17:30');
    await page.getByRole('button', { name: '为周二添加午休' }).click();
    await page.getByLabel('周二午休开始').fill('12:00');
    await page.getByLabel('周二午休结束').fill('13:30');
    await page.getByRole('button', { name: '+ 添加特殊日期' }).click();
    // The hall has a special date already (2026-02-17); the new one is the last row.
    await page
      .getByLabel(/^特殊日期 \d+ 的日期$/)
      .last()
      .fill('2027-02-06');
    await page
      .getByLabel(/^特殊日期 \d+ 的说明$/)
      .last()
      .fill('除夕');
    await screenshot(page, 'admin-hall-hours');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const outcome = page
      .getByText(`已保存营业厅 ${code}`)
      .or(page.locator('.ant-form-item-explain-error, .ant-alert-error'));
    await outcome.first().waitFor();
    expect(await outcome.first().innerText()).toBe(`已保存营业厅 ${code}`);

    const saved = (await api<HallAnswer>(HALL_QUERY, { code })).hall!;
    expect(saved.openingHours.weekly[1]).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(saved.openingHours.weekly[0]).toEqual([{ start: '08:30', end: '20:00' }]);
    expect(saved.openingHours.special).toContainEqual(
      expect.objectContaining({ date: '2027-02-06', closed: true, note: '除夕' }),
    );
    expect(saved.openingHours.special.map((day) => day.date)).toContain('2026-02-17');

    // A status change asks first, then holds, and keeps what the admin typed but has not saved.
    const name = page.getByLabel('名称', { exact: true });
    const typedName = `${await name.inputValue()}（临时调整）`;
    await name.fill(typedName);
    await page.getByRole('button', { name: '暂停营业' }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.locator('.admin-status [data-status="TEMPORARILY_CLOSED"]').waitFor();
    await page.getByText('您未保存的修改仍保留在表单中').waitFor();
    expect(await name.inputValue()).toBe(typedName);
    const status = await api<{ hall: { status: string; name: string } }>(
      'query ($code: String!) { hall(code: $code) { status name } }',
      { code },
    );
    expect(status.hall.status).toBe('TEMPORARILY_CLOSED');
    expect(status.hall.name).not.toBe(typedName);
    // Saving the kept edit writes it over the new version, without undoing the status change.
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // The first save's toast may still be up: read the outcome from the API.
    const after = await eventually(async () => {
      const answer = await api<{ hall: { status: string; name: string } }>(
        'query ($code: String!) { hall(code: $code) { status name } }',
        { code },
      );
      expect(answer.hall.name).toBe(typedName);
      return answer;
    }, 20_000);
    expect(after.hall).toEqual({ status: 'TEMPORARILY_CLOSED', name: typedName });
    await page.getByText('您未保存的修改仍保留在表单中').waitFor({ state: 'detached' });
    expect(await name.inputValue()).toBe(typedName);
    expect(problems).toEqual([]);
  });

  it("edits a channel's hotline, with the API's message on an emptied number", async () => {
    const { page, problems } = await open('/work/channels');
    await page.getByRole('heading', { name: '服务渠道' }).waitFor();
    await page.getByRole('button', { name: '编辑客服热线10000' }).click();
    const drawer = page.locator('.channel-editor');
    const number = drawer.getByLabel('联系方式 1 的号码或网址');
    await expect(number.inputValue()).resolves.toBe('10000');
    await number.fill('');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.locator('.channel-access-row[data-row="0"] .ant-form-item-explain-error').waitFor();
    await drawer.locator('.ant-btn-loading').waitFor({ state: 'detached' });
    await screenshot(page, 'admin-channel-edit');
    expect(await axe(page)).toEqual([]);

    await number.fill('10000-8');
    await drawer.getByLabel('服务时间').fill('7×24（节假日照常）');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存渠道：客服热线10000').waitFor();
    const channel = await api<{
      channel: { nameEn: string | null; hours: string; access: Array<{ kind: string; value: string }> };
    }>('{ channel(code: "HOTLINE-10000") { nameEn hours access { kind value } } }');
    expect(channel.channel.access[0]).toEqual({ kind: 'PHONE', value: '10000-8' });
    expect(channel.channel.hours).toBe('7×24（节假日照常）');
    // Upsert replaces the whole channel: what the form did not touch is kept.
    expect(channel.channel.nameEn).toBeTruthy();
    await page.locator('tr', { hasText: 'HOTLINE-10000' }).getByText('10000-8').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the coverage of a region as a chart with a text alternative and a table', async () => {
    const expected = await api<{
      coverage: { hallCount: number; byTier: Array<{ value: string; count: number }> };
    }>('{ coverage(regionCode: "420000") { hallCount byTier { value count } } }');
    const { page, problems } = await open('/work/coverage?region=420000');
    const chart = page.getByRole('img', {
      name: new RegExp(`湖北省共 ${expected.coverage.hallCount} 个营业厅`),
    });
    await chart.waitFor();
    await chart.locator('canvas').waitFor();
    const flagships = expected.coverage.byTier.find((bucket) => bucket.value === 'FLAGSHIP')!.count;
    expect(await chart.getAttribute('aria-label')).toContain(`旗舰营业厅 ${flagships}`);
    await expect(page.locator('tr', { hasText: '旗舰营业厅' }).innerText()).resolves.toContain(
      String(flagships),
    );
    await page.getByRole('heading', { name: '没有营业中营业厅的区县' }).waitFor();
    await screenshot(page, 'admin-coverage');
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows the admin pages to admins only: agents and editors see no admin menu entry and get 403', async () => {
    const { page: admin } = await open('/work/halls');
    const menu = admin.getByRole('navigation', { name: '工作台菜单' });
    for (const entry of ['营业厅', '批量导入', '渠道', '覆盖情况']) {
      await menu.getByRole('link', { name: entry, exact: true }).waitFor();
    }
    for (const role of ['agent', 'editor'] as const) {
      const { page } = await open('/work/halls', role, `e2e-${role}`);
      await page.getByText('您的角色不能使用此页面。').waitFor();
      const links = await page.getByRole('link').allInnerTexts();
      for (const entry of ['营业厅', '批量导入', '渠道', '覆盖情况']) expect(links).not.toContain(entry);
      expect(await axe(page)).toEqual([]);
    }
  });
});
