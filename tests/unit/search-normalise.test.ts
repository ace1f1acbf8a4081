import { describe, expect, it } from '@jest/globals';
import { errorCodeCandidates, normaliseText } from '../../src/lib/normalise-text.js';

describe('normaliseText', () => {
  it('puts a space where Han characters meet digits or Latin letters', () => {
    expect(normaliseText('宽带拨号错误691怎么办')).toBe('宽带拨号错误 691 怎么办');
    expect(normaliseText('Outlook报错0x800CCC0E')).toBe('Outlook 报错 0x800CCC0E');
    expect(normaliseText('用ADSL拨号')).toBe('用 ADSL 拨号');
  });

  it('turns full-width letters, digits and spaces into half-width ones, keeping case and punctuation', () => {
    expect(normaliseText('错误６９１')).toBe('错误 691');
    expect(normaliseText('ＰＰＰｏＥ拨号')).toBe('PPPoE 拨号');
    expect(normaliseText('宽带　连不上：怎么办？')).toBe('宽带 连不上：怎么办？');
  });

  it('leaves Chinese-only text and spacing alone', () => {
    expect(normaliseText('宽带 连不上')).toBe('宽带 连不上');
    expect(normaliseText('  省级投诉   多久答复 ')).toBe('省级投诉 多久答复');
  });
});

describe('errorCodeCandidates', () => {
  it('finds decimal and hexadecimal codes in a sentence', () => {
    expect(errorCodeCandidates('拨号提示691，重试后变成678')).toEqual(['691', '678']);
    expect(errorCodeCandidates('outlook 0x800ccc0e')).toEqual(['0x800CCC0E']);
  });

  it('ignores short numbers and numbers inside words', () => {
    expect(errorCodeCandidates('等10分钟')).toEqual([]);
    expect(errorCodeCandidates('a6912b')).toEqual([]);
  });
});
