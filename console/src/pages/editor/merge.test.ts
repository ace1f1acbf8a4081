import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, updateInputOf } from './fields';
import type { ArticleFields } from './fields';
import { applyChoices, mergeFields, presetChoices, undecided } from './merge';

const base: ArticleFields = {
  ...EMPTY_FIELDS,
  title: '宽带拨号错误691',
  body: '1. 检查账号\n',
  category: 'broadband/dial-up-errors',
  tags: ['宽带'],
  validTo: '2027-01-01T00:00:00.000Z',
  related: [{ id: 'A1', title: '错误678' }],
};

const outcomes = (mine: ArticleFields, theirs: ArticleFields) =>
  Object.fromEntries(
    mergeFields(base, mine, theirs)
      .filter((m) => m.outcome !== 'same')
      .map((m) => [m.name, m.outcome]),
  );

describe('merging my changes over a version saved first', () => {
  it('keeps their change and carries mine when we changed different fields', () => {
    const mine = { ...base, body: '1. 检查账号\n2. 重置密码\n' };
    const theirs = { ...base, title: '宽带拨号错误691（账号或密码错误）' };
    const merges = mergeFields(base, mine, theirs);
    expect(outcomes(mine, theirs)).toEqual({ body: 'mine', title: 'theirs' });
    const choices = presetChoices(merges);
    expect(undecided(merges, choices)).toEqual([]);
    expect(applyChoices(merges, choices, mine, theirs)).toEqual({
      ...base,
      title: '宽带拨号错误691（账号或密码错误）',
      body: '1. 检查账号\n2. 重置密码\n',
    });
  });

  it('never decides a field both changed differently: the editor must choose', () => {
    const mine = { ...base, title: '我的标题' };
    const theirs = { ...base, title: '他的标题', tags: ['宽带', '拨号'] };
    const merges = mergeFields(base, mine, theirs);
    expect(outcomes(mine, theirs)).toEqual({ title: 'conflict', tags: 'theirs' });
    const choices = presetChoices(merges);
    expect(undecided(merges, choices)).toEqual(['title']);
    expect(() => applyChoices(merges, choices, mine, theirs)).toThrow(/title/);
    expect(applyChoices(merges, { ...choices, title: 'mine' }, mine, theirs).title).toBe('我的标题');
    expect(applyChoices(merges, { ...choices, title: 'theirs' }, mine, theirs)).toEqual(theirs);
  });

  it('treats the same change on both sides, and the same instant written differently, as agreed', () => {
    const mine = { ...base, tags: ['宽带', '拨号'], validTo: '2027-01-01T08:00:00+08:00' };
    const theirs = { ...base, tags: ['宽带', '拨号'] };
    expect(outcomes(mine, theirs)).toEqual({ tags: 'both-same' });
  });

  it('compares related articles by id, whatever their titles say', () => {
    const mine = { ...base, related: [{ id: 'A1', title: '错误678（新标题）' }] };
    expect(outcomes(mine, base)).toEqual({});
    const added = { ...base, related: [...base.related, { id: 'B2', title: '光猫' }] };
    expect(outcomes(added, base)).toEqual({ related: 'mine' });
  });

  it('sends only the fields I changed, related as ids', () => {
    const mine = { ...base, summary: '摘要', related: [{ id: 'B2', title: '光猫' }] };
    expect(updateInputOf(base, mine)).toEqual({ summary: '摘要', related: ['B2'] });
    expect(updateInputOf(base, base)).toEqual({});
  });
});
