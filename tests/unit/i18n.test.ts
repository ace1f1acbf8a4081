import { describe, expect, it } from '@jest/globals';
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
