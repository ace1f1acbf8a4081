import { describe, expect, it } from 'vitest';
import { joinTerms, splitTerms } from './terms';

describe('synonym terms typed in one line', () => {
  it('splits on Chinese and ASCII separators and drops empty pieces', () => {
    expect(splitTerms('宽带、宽频, broadband，光猫/ONT；；')).toEqual([
      '宽带',
      '宽频',
      'broadband',
      '光猫',
      'ONT',
    ]);
    expect(splitTerms(joinTerms(['密码', '口令']))).toEqual(['密码', '口令']);
  });
});
