/**
 * Error messages in the caller's language (src/i18n): Chinese when Accept-Language is absent or
 * prefers Chinese, English when it prefers English; the code, the HTTP status and the extensions
 * are the same in both, except what people read: the reasons of the fields (`fields[].message`)
 * and, on graphql-js's own errors answered in Chinese, `englishMessage`. Representative errors of
 * each kind, over the wire: GraphQL errors (not found, bad input on a form's fields, forbidden, a
 * refused token, a limit, graphql-js's validation, variable coercion and syntax errors), HTTP-level
 * answers (404, 405, 413, 429), and bad input sent to the mutations of every module.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let editorToken: string;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: 'i18n-metrics-token-0123456789' });
  editorToken = await server.tokenFor(['editor'], 'i18n-editor');
  adminToken = await server.tokenFor(['admin'], 'i18n-admin');
});
afterAll(async () => {
  await server.stop();
});

interface ErrorAnswer {
  status: number;
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const LANGUAGES = {
  absent: undefined,
  chinese: 'zh-CN,zh;q=0.9,en;q=0.8',
  english: 'en-US,en;q=0.9,zh-CN;q=0.5',
} as const;

async function call(
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> },
  language: string | undefined,
): Promise<ErrorAnswer> {
  const response = await fetch(path.startsWith('http') ? path : `${server.url}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      ...(language !== undefined ? { 'accept-language': language } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const body = (await response.json()) as { errors?: ErrorAnswer['errors'] };
  return { status: response.status, errors: body.errors ?? [] };
}

/** Every language's answer to one request: the messages differ, the rest is the same. */
async function inEveryLanguage(path: string, init: Parameters<typeof call>[1]) {
  const absent = await call(path, init, LANGUAGES.absent);
  const chinese = await call(path, init, LANGUAGES.chinese);
  const english = await call(path, init, LANGUAGES.english);
  const withoutMessages = (answer: ErrorAnswer) => ({
    status: answer.status,
    errors: answer.errors.map((error) => ({
      ...error,
      message: undefined,
      extensions: {
        ...error.extensions,
        requestId: undefined,
        englishMessage: undefined,
        fields: fieldsOf(error)?.map((field) => ({ ...field, message: undefined })),
      },
    })),
  });
  expect(absent.errors.length).toBeGreaterThan(0);
  expect(withoutMessages(chinese)).toEqual(withoutMessages(english));
  expect(withoutMessages(absent)).toEqual(withoutMessages(english));
  expect(chinese.errors.map((error) => error.message)).toEqual(absent.errors.map((error) => error.message));
  return {
    zh: chinese.errors[0]?.message,
    en: english.errors[0]?.message,
    code: english.errors[0]?.extensions?.['code'],
    chinese: chinese.errors,
    english: english.errors,
  };
}

interface FieldProblem {
  path: string;
  message: string;
}

function fieldsOf(error: ErrorAnswer['errors'][number] | undefined): FieldProblem[] | undefined {
  const fields = error?.extensions?.['fields'];
  return Array.isArray(fields) ? (fields as FieldProblem[]) : undefined;
}

const HAN = /[\u4e00-\u9fff]/;

/** The messages and field reasons of `errors`, in the order a person reads them. */
const readable = (errors: ErrorAnswer['errors']) =>
  errors.flatMap((error) => [error.message, ...(fieldsOf(error) ?? []).map((field) => field.message)]);

const graphql = (query: string, headers: Record<string, string> = {}) => ({
  body: JSON.stringify({ query }),
  headers,
});

describe('GraphQL errors', () => {
  it('NOT_FOUND', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      graphql(
        'mutation { rateArticle(input: { id: "QXJ0aWNsZTowMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=", helpful: true }) { __typename } }',
      ),
    );
    expect(answer).toMatchObject({
      code: 'NOT_FOUND',
      en: 'Article not found: 0123456789abcdef01234567',
      zh: '未找到文章：0123456789abcdef01234567',
    });
  });

  it('BAD_USER_INPUT with its field, sent through GET as well', async () => {
    const answer = await inEveryLanguage('/graphql', graphql('{ halls(first: 500) { totalCount } }'));
    expect(answer).toMatchObject({
      code: 'BAD_USER_INPUT',
      en: 'first: must be between 1 and 100',
      zh: 'first：必须在 1 到 100 之间',
    });
    expect(fieldsOf(answer.english[0])).toEqual([{ path: 'first', message: 'must be between 1 and 100' }]);
    expect(fieldsOf(answer.chinese[0])).toEqual([{ path: 'first', message: '必须在 1 到 100 之间' }]);
    const viaGet = await call(
      `/graphql?query=${encodeURIComponent('{ halls(first: 500) { totalCount } }')}`,
      { method: 'GET' },
      undefined,
    );
    expect(viaGet.errors[0]?.message).toBe('first：必须在 1 到 100 之间');
  });

  it('FORBIDDEN', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      graphql('{ hallsCsv }', { authorization: `Bearer ${editorToken}` }),
    );
    expect(answer).toMatchObject({
      code: 'FORBIDDEN',
      en: 'Only admins may export halls.',
      zh: '只有管理员可以导出营业厅。',
    });
  });

  it('UNAUTHENTICATED (a refused token fails the whole request)', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      graphql('{ viewer { id } }', { authorization: 'Bearer not.a.jwt' }),
    );
    expect(answer.code).toBe('UNAUTHENTICATED');
    expect(answer.en).toMatch(/^Authentication failed: /);
    expect(answer.zh).toMatch(/^身份验证失败：/);
  });

  it('QUERY_TOO_COMPLEX', async () => {
    const nested =
      '{ halls(first: 1) { edges { node { region { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } }';
    const answer = await inEveryLanguage('/graphql', graphql(nested));
    expect(answer.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.en).toMatch(/^The operation is nested \d+ fields deep; the limit is 10\.$/);
    expect(answer.zh).toMatch(/^操作嵌套了 \d+ 层字段，上限为 10 层。$/);
  });
});

const operation = (
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
) => ({
  body: JSON.stringify({ query, variables }),
  headers,
});

describe('what a person reads on a form, and from graphql-js', () => {
  it("a field-level validation failure: each field's reason in the language, path and code unchanged", async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      operation(
        'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
        {
          input: {
            slug: 'i18n-empty-title',
            title: '   ',
            body: '正文',
            category: 'broadband/dial-up-errors',
          },
        },
        { authorization: `Bearer ${editorToken}` },
      ),
    );
    expect(answer.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(answer.english[0])).toEqual([
      { path: 'input.title', message: 'the title must not be empty' },
    ]);
    expect(fieldsOf(answer.chinese[0])).toEqual([{ path: 'input.title', message: '标题不能为空' }]);
    expect(answer.en).toBe('Invalid input. input.title: the title must not be empty');
    expect(answer.zh).toBe('输入无效。input.title：标题不能为空');
  });

  it('a graphql-js validation error: Chinese with the names as written, the English kept in englishMessage', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      graphql('{ halls(first: 1) { edges { node { nme } } } }'),
    );
    expect(answer.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.en).toMatch(/^Cannot query field "nme" on type "Hall"\. Did you mean "name"/);
    expect(answer.zh).toMatch(/^类型 "Hall" 上没有字段 "nme"。您是不是要用 "name"/);
    expect(answer.chinese[0]?.extensions?.['englishMessage']).toBe(answer.en);
    expect(answer.english[0]?.extensions).not.toHaveProperty('englishMessage');

    const missing = await inEveryLanguage('/graphql', graphql('{ halls(size: 1) { totalCount } }'));
    expect(missing.en).toMatch(/^Unknown argument "size" on field "Query\.halls"\./);
    expect(missing.zh).toMatch(/^字段 "Query\.halls" 没有参数 "size"。/);
  });

  it('a variable coercion error', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      operation('query ($n: Int) { halls(first: $n) { totalCount } }', { n: 'ten' }),
    );
    expect(answer).toMatchObject({
      code: 'BAD_USER_INPUT',
      en: 'Variable "$n" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
      zh: '变量 "$n" 的值 "ten" 无效：Int 不能表示非整数值 "ten"',
    });
  });

  it('a syntax error', async () => {
    const answer = await inEveryLanguage('/graphql', graphql('{ halls(first: 1) { totalCount }'));
    expect(answer).toMatchObject({
      code: 'GRAPHQL_PARSE_FAILED',
      en: 'Syntax Error: Expected Name, found <EOF>.',
      zh: '语法错误：应为 Name，实际为 <EOF>。',
    });
  });
});

/**
 * Bad input sent to a mutation of each module: whatever refuses it (zod, a service, graphql-js),
 * the Chinese answer's messages and field reasons are Chinese and the English answer's are not.
 * A new message without its Chinese fails here as well as in tests/unit/i18n-coverage.test.ts.
 */
const BAD_INPUTS: ReadonlyArray<[string, string, Record<string, unknown>]> = [
  [
    'createArticle',
    'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { __typename } }',
    { input: { slug: 'Bad Slug', title: 'x', body: '', category: 'Broadband!', tags: ['   '] } },
  ],
  [
    'createHall',
    'mutation ($input: CreateHallInput!) { createHall(input: $input) { __typename } }',
    {
      input: {
        code: 'x!',
        name: ' ',
        tier: 'SMALL',
        operation: 'SELF_OPERATED',
        area: 'URBAN',
        regionCode: '12',
        address: ' ',
        location: { lat: 99, lng: 0 },
        floorAreaM2: -1,
        services: [],
        openingHours: { weekly: [] },
        phone: 'call me',
      },
    },
  ],
  [
    'updateHall',
    'mutation ($input: UpdateHallInput!) { updateHall(input: $input) { __typename } }',
    { input: { hall: { id: 'not-an-id' }, expectedVersion: 1 } },
  ],
  [
    'importHalls',
    'mutation ($input: ImportHallsInput!) { importHalls(input: $input) { __typename } }',
    { input: { data: '', format: 'CSV', dryRun: true } },
  ],
  [
    'upsertChannel',
    'mutation ($input: UpsertChannelInput!) { upsertChannel(input: $input) { __typename } }',
    { input: { code: 'x', name: ' ', type: 'AGENT_POINT' } },
  ],
  [
    'createSynonymSet',
    'mutation ($input: CreateSynonymSetInput!) { createSynonymSet(input: $input) { __typename } }',
    { input: { terms: ['x'] } },
  ],
  [
    'flagArticle',
    'mutation ($input: FlagArticleInput!) { flagArticle(input: $input) { __typename } }',
    { input: { id: 'not-an-id', reason: 'OTHER' } },
  ],
];

describe('bad input to the mutations of every module', () => {
  it('refused by graphql-js (a OneOf input with no key): Chinese in Chinese, English in English', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      operation(
        'mutation ($input: UpdateHallInput!) { updateHall(input: $input) { __typename } }',
        { input: { hall: {}, expectedVersion: 1 } },
        { authorization: `Bearer ${adminToken}` },
      ),
    );
    expect(answer.code).toBe('BAD_USER_INPUT');
    expect(answer.en).toMatch(/Exactly one key must be specified for OneOf type "HallIdentifierInput"\.$/);
    expect(answer.zh).toBe(
      '变量 "$input" 的值 {} 在 "input.hall" 处无效：OneOf 类型 "HallIdentifierInput" 必须且只能给出一个字段。',
    );
  });

  it.each(BAD_INPUTS)('%s: Chinese reasons in Chinese, none in English', async (_name, query, variables) => {
    const answer = await inEveryLanguage(
      '/graphql',
      operation(query, variables, { authorization: `Bearer ${adminToken}` }),
    );
    expect(answer.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(answer.english[0])?.length).toBeGreaterThan(0);
    for (const text of readable(answer.chinese)) expect(text).toMatch(HAN);
    for (const text of readable(answer.english)) expect(text).not.toMatch(HAN);
  });
});

describe("a hall import's row problems (data, not errors)", () => {
  const IMPORT =
    'mutation ($data: String!) { importHalls(input: { format: JSON, data: $data, dryRun: true }) { rows { errors { path message } } } }';
  const DATA = JSON.stringify([
    { code: 'x', name: ' ', tier: 'SMALL', location: { lat: 99, lng: 115 } },
    'not a hall',
  ]);
  const problemsIn = async (language: string): Promise<FieldProblem[]> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': language,
        authorization: `Bearer ${adminToken}`,
      },
      body: JSON.stringify({ query: IMPORT, variables: { data: DATA } }),
    });
    const body = (await response.json()) as {
      data: { importHalls: { rows: Array<{ errors: FieldProblem[] }> } };
    };
    return body.data.importHalls.rows.flatMap((row) => row.errors);
  };

  it('are in the language of the request', async () => {
    const chinese = await problemsIn(LANGUAGES.chinese);
    const english = await problemsIn(LANGUAGES.english);
    expect(chinese.length).toBeGreaterThan(3);
    expect(chinese.map((problem) => problem.path)).toEqual(english.map((problem) => problem.path));
    for (const problem of chinese) expect(problem.message).toMatch(HAN);
    for (const problem of english) expect(problem.message).not.toMatch(HAN);
    expect(english).toContainEqual({ path: 'rows[1]', message: 'expected an object' });
    expect(chinese).toContainEqual({ path: 'rows[1]', message: '应为对象' });
  });
});

const LONG_QUERY = '{ viewer { id } }' + ' '.repeat(50_001);

describe('HTTP-level answers', () => {
  it('404 on a path the service does not serve', async () => {
    const answer = await inEveryLanguage('/nowhere', { method: 'GET' });
    expect(answer).toMatchObject({ code: 'NOT_FOUND', en: 'Not found', zh: '未找到该地址' });
  });

  it('405 on a method /graphql does not take', async () => {
    const answer = await inEveryLanguage('/graphql', { method: 'PUT', body: '{}' });
    expect(answer).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      en: 'PUT is not supported on /graphql: use GET or POST.',
      zh: '/graphql 不支持 PUT 方法：请使用 GET 或 POST。',
    });
  });

  it('401 from /metrics without its token, and from /health/search with a refused token', async () => {
    const metrics = await inEveryLanguage('/metrics', { method: 'GET' });
    expect(metrics).toMatchObject({
      code: 'UNAUTHENTICATED',
      en: 'A metrics token is required.',
      zh: '需要指标令牌（metrics token）。',
    });
    const health = await inEveryLanguage('/health/search', {
      method: 'GET',
      headers: { authorization: 'Bearer not.a.jwt' },
    });
    expect(health.code).toBe('UNAUTHENTICATED');
    expect(health.en).toMatch(/^Authentication failed: /);
    expect(health.zh).toMatch(/^身份验证失败：/);
  });

  it('413 on a query document over the limit', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      graphql(LONG_QUERY, { authorization: `Bearer ${editorToken}` }),
    );
    expect(answer).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      en: 'The query document has 50018 characters; the limit is 50000.',
      zh: '查询文档有 50018 个字符，上限为 50000 个。',
    });
  });
});

describe('a rate limit refusal', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ RATE_LIMIT_REQUESTS_BURST: '2', RATE_LIMIT_REQUESTS_PER_MINUTE: '1' });
  });
  afterAll(async () => {
    await limited.stop();
  });

  it('429 in the language of the request, with the same code and Retry-After', async () => {
    const query = graphql('{ viewer { id } }');
    for (let i = 0; i < 2; i += 1)
      expect((await call(`${limited.url}/graphql`, query, 'en')).status).toBe(200);
    const chinese = await call(`${limited.url}/graphql`, query, LANGUAGES.chinese);
    const english = await call(`${limited.url}/graphql`, query, LANGUAGES.english);
    for (const answer of [chinese, english]) {
      expect(answer.status).toBe(429);
      expect(answer.errors[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    }
    expect(english.errors[0]?.message).toMatch(/^Too many requests: retry in \d+ s\.$/);
    expect(chinese.errors[0]?.message).toMatch(/^请求过于频繁：请在 \d+ 秒后重试。$/);
  });
});
