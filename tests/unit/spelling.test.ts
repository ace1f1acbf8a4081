/** "Did you mean" corrections (spelling.ts) and the answer-card facts read from an article body. */
import { describe, expect, it } from '@jest/globals';
import { cardFactsOf } from '../../src/modules/indexing/index.js';
import { buildVocabulary, editDistance, spellingSuggestions } from '../../src/modules/search/spelling.js';

const vocabulary = buildVocabulary({
  texts: [
    '宽带拨号错误691/619/629：用户名密码错误或账号欠费',
    '营业厅营业时间查询',
    'Service password reset',
  ],
  terms: [
    '宽带',
    '拨号',
    '密码',
    '营业厅',
    '营业时间',
    '投诉等级',
    '上网',
    '断网',
    '光猫',
    'password',
    'router',
  ],
  codes: ['691', '0x800CCC0E'],
  popular: ['光猫 重启'],
  stopWords: ['了', '的', '怎么'],
});
const suggest = (query: string) => spellingSuggestions(query, vocabulary);

describe('spelling suggestions', () => {
  it('corrects one wrong character in a known Chinese term', () => {
    expect(suggest('宽代拨号')).toEqual(['宽带拨号']);
    // 忘 is unknown but 了 is a filler: three of four characters known after the correction.
    expect(suggest('密马忘了')).toEqual(['密码忘了']);
    expect(suggest('密马')).toEqual(['密码']);
    expect(suggest('投拆等级')).toEqual(['投诉等级']);
    expect(suggest('营叶厅营业时间')).toEqual(['营业厅营业时间']);
  });

  it('leaves terms typed right alone and refuses corrections that rewrite the query', () => {
    expect(suggest('宽带拨号')).toEqual([]);
    // Half of it changed (携->拨? 转->断?) is another query, not a typo.
    expect(suggest('携号转网')).toEqual([]);
    // Too little of it known even after the correction.
    expect(suggest('密马弄丢')).toEqual([]);
  });

  it('corrects English by edit distance, full-width as half-width', () => {
    expect(suggest('pasward')).toEqual(['password']);
    expect(suggest('ｐａｓｗａｒｄ')).toEqual(['password']);
    expect(suggest('routr')).toEqual(['router']);
    expect(editDistance('etiqete', 'etiquette', 2)).toBe(2);
    expect(editDistance('abc', 'xyzuvw', 2)).toBe(3);
  });

  it('never turns a code into a nearby code, but fixes a letter typed for a digit in a real code', () => {
    expect(suggest('692')).toEqual([]);
    expect(suggest('错误 6911')).toEqual([]);
    expect(suggest('0x800CCCOE')).toEqual(['0x800CCC0E']);
    expect(suggest('0x800CCCOF')).toEqual([]);
  });

  it('suggests the popular query a query nearly is', () => {
    expect(suggest('光猫 重起')[0]).toBe('光猫 重启');
  });
});

describe('answer-card facts', () => {
  it('reads the causes and steps sections as plain items, top level only', () => {
    const facts = cardFactsOf({
      summary: '摘要',
      body: [
        '## 现象',
        '',
        '拨号失败。',
        '',
        '## 常见原因',
        '',
        '光猫刚通电就拨号，[见重启指南](modem-restart-guide)。',
        '',
        '## 处理步骤',
        '',
        '1. **重启光猫**：断电后再通电；',
        '   - 等指示灯稳定',
        '2. 检查 `LINE` 口。',
        '',
        '## 何时升级',
        '',
        '- 不在步骤里',
      ].join('\n'),
    });
    expect(facts).toEqual({
      summary: '摘要',
      causes: ['光猫刚通电就拨号，见重启指南。'],
      steps: ['重启光猫：断电后再通电；', '检查 LINE 口。'],
    });
  });

  it('has no items when the article has no such sections', () => {
    expect(cardFactsOf({ summary: 's', body: '## 说明\n\n- 一条' })).toEqual({
      summary: 's',
      causes: [],
      steps: [],
    });
  });
});
