import { describe, expect, it } from 'vitest';
import { diffText, hasChanges, sideOf, tokenize } from './text-diff';

describe('tokenize', () => {
  it('keeps Latin words and numbers whole and splits Chinese by character', () => {
    expect(tokenize('错误691请重启router')).toEqual(['错', '误', '691', '请', '重', '启', 'router']);
    expect(tokenize('a\nb 。')).toEqual(['a', '\n', 'b', ' ', '。']);
  });
});

describe('diffText', () => {
  it('finds one replaced Chinese character inside a sentence', () => {
    expect(diffText('请重启光猫后再拨号', '请重启路由器后再拨号')).toEqual([
      { kind: 'equal', text: '请重启' },
      { kind: 'delete', text: '光猫' },
      { kind: 'insert', text: '路由器' },
      { kind: 'equal', text: '后再拨号' },
    ]);
  });

  it('shows pure insertions and deletions', () => {
    expect(diffText('拨号错误', '宽带拨号错误691')).toEqual([
      { kind: 'insert', text: '宽带' },
      { kind: 'equal', text: '拨号错误' },
      { kind: 'insert', text: '691' },
    ]);
    expect(diffText('第一步，重启光猫。第二步，拨号。', '第二步，拨号。')).toEqual([
      { kind: 'delete', text: '第一步，重启光猫。' },
      { kind: 'equal', text: '第二步，拨号。' },
    ]);
  });

  it('places an inserted sentence at the sentence boundary', () => {
    expect(diffText('请重启。请拨号。', '请重启。请检查。请拨号。')).toEqual([
      { kind: 'equal', text: '请重启。' },
      { kind: 'insert', text: '请检查。' },
      { kind: 'equal', text: '请拨号。' },
    ]);
  });

  it('replaces an error code as one word, not digit by digit', () => {
    expect(diffText('错误691', '错误678')).toEqual([
      { kind: 'equal', text: '错误' },
      { kind: 'delete', text: '691' },
      { kind: 'insert', text: '678' },
    ]);
  });

  it('handles empty sides and identical texts', () => {
    expect(diffText('', '新文章')).toEqual([{ kind: 'insert', text: '新文章' }]);
    expect(diffText('旧文章', '')).toEqual([{ kind: 'delete', text: '旧文章' }]);
    expect(diffText('', '')).toEqual([]);
    expect(hasChanges(diffText('相同', '相同'))).toBe(false);
  });

  it('rebuilds both texts from its parts, also across lines', () => {
    const before = '## 步骤\n\n1. 重启光猫\n2. 重新拨号\n';
    const after = '## 处理步骤\n\n1. 关闭光猫电源，等待30秒\n2. 重新拨号\n3. 仍失败请报障\n';
    const parts = diffText(before, after);
    expect(sideOf(parts, 'before')).toBe(before);
    expect(sideOf(parts, 'after')).toBe(after);
    expect(
      parts
        .filter((part) => part.kind === 'equal')
        .map((part) => part.text)
        .join(''),
    ).toContain('重新拨号');
  });

  it('is minimal: the fewest tokens changed', () => {
    const parts = diffText('ABCABBA'.split('').join(' '), 'CBABAC'.split('').join(' '));
    const changed = parts.filter((part) => part.kind !== 'equal').map((part) => part.text.replace(/ /g, ''));
    expect(changed.join('').length).toBe(5);
  });

  it('falls back to replacing the middle whole beyond the edit limit, still exact', () => {
    const before = '甲乙丙丁戊己庚辛';
    const after = '子丑寅卯辰巳午未';
    const parts = diffText(before, after, 3);
    expect(parts).toEqual([
      { kind: 'delete', text: before },
      { kind: 'insert', text: after },
    ]);
  });
});
