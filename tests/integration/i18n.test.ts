/**
 * Error messages in the caller's language (src/i18n): Chinese when Accept-Language is absent or
 * prefers Chinese, English when it prefers English; the code and every extension are the same in
 * both. Representative errors of each kind, over the wire: GraphQL errors (not found, bad input,
 * forbidden, a refused token, a limit) and HTTP-level answers (404, 405, 413).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let editorToken: string;

beforeAll(async () => {
  server = await startTestServer();
  editorToken = await server.tokenFor(['editor'], 'i18n-editor');
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
  const response = await fetch(`${server.url}${path}`, {
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
      extensions: { ...error.extensions, requestId: undefined },
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
  };
}

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
    expect(answer).toEqual({
      code: 'NOT_FOUND',
      en: 'Article not found: 0123456789abcdef01234567',
      zh: '未找到文章：0123456789abcdef01234567',
    });
  });

  it('BAD_USER_INPUT with its field, sent through GET as well', async () => {
    const answer = await inEveryLanguage('/graphql', graphql('{ halls(first: 500) { totalCount } }'));
    expect(answer).toEqual({
      code: 'BAD_USER_INPUT',
      en: 'first: must be between 1 and 100',
      zh: 'first：必须在 1 到 100 之间',
    });
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
    expect(answer).toEqual({
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

const LONG_QUERY = '{ viewer { id } }' + ' '.repeat(50_001);

describe('HTTP-level answers', () => {
  it('404 on a path the service does not serve', async () => {
    const answer = await inEveryLanguage('/nowhere', { method: 'GET' });
    expect(answer).toEqual({ code: 'NOT_FOUND', en: 'Not found', zh: '未找到该地址' });
  });

  it('405 on a method /graphql does not take', async () => {
    const answer = await inEveryLanguage('/graphql', { method: 'PUT', body: '{}' });
    expect(answer).toEqual({
      code: 'METHOD_NOT_ALLOWED',
      en: 'PUT is not supported on /graphql: use GET or POST.',
      zh: '/graphql 不支持 PUT 方法：请使用 GET 或 POST。',
    });
  });

  it('413 on a query document over the limit', async () => {
    const answer = await inEveryLanguage(
      '/graphql',
      graphql(LONG_QUERY, { authorization: `Bearer ${editorToken}` }),
    );
    expect(answer).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      en: 'The query document has 50018 characters; the limit is 50000.',
      zh: '查询文档有 50018 个字符，上限为 50000 个。',
    });
  });
});
