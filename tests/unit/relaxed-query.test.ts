import { describe, expect, it } from '@jest/globals';
import { relaxedCandidates } from '../../src/modules/search/relaxed-query.js';

describe('relaxedCandidates', () => {
  it('drops one word at a time (the last first), then keeps the first words, more than half of them', () => {
    expect(relaxedCandidates('光猫 重启 指示灯 xqz 路由器')).toEqual([
      '光猫 重启 指示灯 xqz',
      '光猫 重启 指示灯 路由器',
      '光猫 重启 xqz 路由器',
      '光猫 指示灯 xqz 路由器',
      '重启 指示灯 xqz 路由器',
      '光猫 重启 指示灯',
    ]);
  });

  it('never drops an error code the query names, and leaves a two-word query alone', () => {
    expect(relaxedCandidates('光猫 720 xqz')).toEqual(['光猫 720', '720 xqz']);
    expect(relaxedCandidates('0x800CCC0E outlook mail')).toEqual(['0x800CCC0E outlook', '0x800CCC0E mail']);
    expect(relaxedCandidates('ETC 办理')).toEqual([]);
  });
});
