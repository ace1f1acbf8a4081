import { describe, expect, it } from 'vitest';
import { errorCodesIn } from './error-codes';

describe('error codes in what the agent typed', () => {
  it('finds a code inside a Chinese sentence', () => {
    expect(errorCodesIn('宽带拨号错误691怎么办')).toEqual(['691']);
  });
  it('reads full-width digits and hexadecimal codes in the stored form', () => {
    expect(errorCodesIn('错误６７８，还有0x800ccc0e')).toEqual(['678', '0x800CCC0E']);
  });
  it('names each code once and ignores numbers that are not codes', () => {
    expect(errorCodesIn('691 691 12 123456 宽带')).toEqual(['691']);
  });
  it('does not take a code out of a word or a longer number', () => {
    expect(errorCodesIn('abc691 6910000 x691')).toEqual([]);
  });
});
