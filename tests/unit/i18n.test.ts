import { describe, expect, it } from '@jest/globals';
import { buildSchema, getVariableValues, Kind, parse, validate } from 'graphql';
import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import {
  badField,
  conflict,
  forbidden,
  fromZodError,
  notFound,
  queryTooComplex,
  unauthenticated,
} from '../../src/errors.js';
import { translateGraphQLMessage } from '../../src/i18n/graphql-messages.js';
import { languageOf } from '../../src/i18n/language.js';
import { messageIn, translateMessage, translateReason } from '../../src/i18n/localize.js';
import { MESSAGES, REASONS } from '../../src/i18n/messages.js';

describe('languageOf', () => {
  it('answers Chinese by default and English only when English is preferred', () => {
    expect(languageOf(undefined)).toBe('zh-CN');
    expect(languageOf('')).toBe('zh-CN');
    expect(languageOf('fr-FR,fr;q=0.9')).toBe('zh-CN');
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(languageOf('zh-TW;q=0.5, en;q=0.7')).toBe('en');
    expect(languageOf('en;q=0.5, zh;q=0.5')).toBe('zh-CN');
    expect(languageOf('en;q=0')).toBe('zh-CN');
    expect(languageOf('*')).toBe('zh-CN');
  });
});

describe('the message catalogue', () => {
  it('has a Chinese text for every message, with the same parameters as the English', () => {
    const names = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const entry of [...Object.values(MESSAGES), ...REASONS]) {
      if (/[A-Za-z]{2}/.test(entry.zh.replace(/\{\w+\}/g, ''))) expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(names(entry.zh)).toEqual(names(entry.en));
    }
  });

  it('renders the common errors in Chinese and keeps the English text and the extensions', () => {
    const cases = [
      [notFound('Hall', 'H001'), '未找到营业厅：H001', 'Hall not found: H001'],
      [unauthenticated(), '身份验证失败：令牌无效或已过期。', undefined],
      [forbidden('Only admins may import halls.'), '只有管理员可以导入营业厅。', undefined],
      [
        badField('first', 'must be between 1 and 100'),
        'first：必须在 1 到 100 之间',
        'first: must be between 1 and 100',
      ],
      [
        conflict(
          'Hall H001 was changed by someone else: you sent version 3, the current version is 4. Reload and apply your change again.',
          { currentVersion: 4 },
        ),
        '营业厅 H001已被他人修改：您提交的版本为 3，当前版本为 4。请重新加载后再修改。',
        undefined,
      ],
      [
        queryTooComplex(
          'The operation would cost 9000 points; the limit is 5000. Ask for smaller pages or fewer fields.',
        ),
        '操作的开销为 9000 点，上限为 5000 点。请减小分页或减少字段。',
        undefined,
      ],
    ] as const;
    for (const [error, zh, en] of cases) {
      expect(messageIn(error, 'zh-CN')).toBe(zh);
      expect(messageIn(error, 'en')).toBe(en ?? error.message);
    }
  });

  it("translates zod failures with zod's Chinese locale and custom reasons from the catalogue", () => {
    const schema = z.object({ slug: z.string().min(3), name: z.string().min(1, 'must not be empty') });
    const result = schema.safeParse({ slug: 'a', name: '' });
    if (result.success) throw new Error('expected failure');
    const error = fromZodError('input', result.error);
    expect(messageIn(error, 'en')).toBe(
      'Invalid input. input.slug: Too small: expected string to have >=3 characters; input.name: must not be empty',
    );
    expect(messageIn(error, 'zh-CN')).toBe(
      '输入无效。input.slug：数值过小：期望 string >=3 字符；input.name：不能为空',
    );
  });

  it('leaves what it does not know in English rather than guess', () => {
    expect(translateMessage('Something nobody catalogued.')).toBeUndefined();
    expect(translateReason('an uncatalogued reason')).toBe('an uncatalogued reason');
  });
});

describe("graphql-js's messages", () => {
  const schema = buildSchema(`
    enum Tier { FLAGSHIP STANDARD SMALL }
    input HallFilter { tier: Tier, text: String, near: Near }
    input Near { lat: Float!, lng: Float! }
    type Hall { code: String!, name: String!, tier: Tier! }
    input HallKey @oneOf { id: ID, code: String }
    type Query {
      halls(first: Int!, filter: HallFilter): [Hall!]!
      hall(code: String!): Hall
      hallBy(key: HallKey!): Hall
    }
  `);
  /** graphql-js's own messages for a document (syntax and validation) and its variables. */
  const messagesOf = (source: string, variables: Record<string, unknown> = {}): string[] => {
    let document;
    try {
      document = parse(source);
    } catch (error) {
      return [(error as GraphQLError).message];
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return invalid.map((error) => error.message);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    return (coerced.errors ?? []).map((error) => error.message);
  };
  const cases: Array<[string, Record<string, unknown>?]> = [
    ['{ halls(first: 1) { nme } }'],
    ['{ halls(first: 1) { code } hal(code: "A") { code } }'],
    ['{ halls { code } }'],
    ['{ halls(first: 1, size: 2) { code } }'],
    ['{ halls(first: "x") { code } }'],
    ['{ halls(first: 1, filter: { tier: BIG }) { code } }'],
    ['{ halls(first: 1, filter: { near: { lat: 1 } }) { code } }'],
    ['{ halls(first: 1, filter: { colour: "red" }) { code } }'],
    ['{ halls(first: 1) }'],
    ['{ halls(first: 1) { code { x } } }'],
    ['query Q($n: Int!) { halls(first: 1) { code } }'],
    ['{ halls(first: $n) { code } }'],
    ['query Q($n: String) { halls(first: $n) { code } }'],
    ['{ halls(first: 1) { ...F } }'],
    ['fragment F on Hall { code } { halls(first: 1) { code } }'],
    ['{ halls(first: 1) { code @skip } }'],
    ['{ halls(first: 1) { code @nope } }'],
    ['{ halls(first: 1) { code: name code } }'],
    ['query Q($n: Int!) { halls(first: $n) { code } }', {}],
    ['query Q($n: Int!) { halls(first: $n) { code } }', { n: 'ten' }],
    ['query Q($n: Int!) { halls(first: $n) { code } }', { n: 2 ** 40 }],
    ['query Q($n: Int!) { halls(first: $n) { code } }', { n: null }],
    ['query Q($f: HallFilter) { halls(first: 1, filter: $f) { code } }', { f: { tier: 'BIG' } }],
    ['query Q($f: HallFilter) { halls(first: 1, filter: $f) { code } }', { f: { tier: 'flagship' } }],
    ['query Q($f: HallFilter) { halls(first: 1, filter: $f) { code } }', { f: { near: { lat: 1 } } }],
    ['query Q($f: HallFilter) { halls(first: 1, filter: $f) { code } }', { f: 'x' }],
    ['query Q($f: HallFilter) { halls(first: 1, filter: $f) { code } }', { f: { text: 5 } }],
    ['{ hallBy(key: {}) { code } }'],
    ['{ hallBy(key: { code: null }) { code } }'],
    ['query Q($k: HallKey!) { hallBy(key: $k) { code } }', { k: {} }],
    ['{ halls(first: 1) { code }'],
    ['{ halls(first: 1) { code } } }'],
    ['{ halls(first: 1) { "code" } }'],
    ["{ hall(code: 'A') { code } }"],
    ['{ hall(code: "A) { code } }'],
    ['{ halls(first: 01) { code } }'],
    ['query { halls(first: 1) { code } } query { hall(code: "A") { code } }'],
  ];

  it('are translated by pattern, names kept verbatim', () => {
    const untranslated: string[] = [];
    for (const [source, variables] of cases) {
      const messages = messagesOf(source, variables);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        const zh = translateGraphQLMessage(message);
        if (zh === undefined) {
          untranslated.push(message);
          continue;
        }
        expect(zh).toMatch(/[\u4e00-\u9fff]/);
        // Every quoted name of the English is in the Chinese, as written.
        for (const quoted of message.match(/"[^"]*"/g) ?? []) expect(zh).toContain(quoted);
        // No English sentence is left over (graphql-js's words, not the client's names).
        const words = zh.replace(/"[^"]*"/g, '').replace(/\{[^}]*\}/g, '');
        expect(words).not.toMatch(/\b(?:Cannot|Expected|Unknown|must|Did you mean|Syntax Error)\b/);
        expect(words).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
      }
    }
    expect(untranslated).toEqual([]);
  });

  it('translate suggestions, and leave an unknown message as it is', () => {
    expect(translateGraphQLMessage('Cannot query field "nme" on type "Hall". Did you mean "name"?')).toBe(
      '类型 "Hall" 上没有字段 "nme"。您是不是要用 "name"？',
    );
    expect(
      translateGraphQLMessage(
        'Unknown argument "size" on field "Query.halls". Did you mean "first", "filter", or "sort"?',
      ),
    ).toBe('字段 "Query.halls" 没有参数 "size"。您是不是要用 "first"、"filter" 或 "sort"？');
    expect(translateGraphQLMessage('Syntax Error: Expected Name, found <EOF>.')).toBe(
      '语法错误：应为 Name，实际为 <EOF>。',
    );
    expect(translateGraphQLMessage('A message graphql-js might write one day.')).toBeUndefined();
  });
});
