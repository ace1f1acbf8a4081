import { describe, expect, it } from 'vitest';
import { beijingDay, newArticleHref, periodFromSearch, periodToSearch, periodVariables } from './period';

// 2026-11-30 01:30 in Beijing is still 29 November in UTC.
const NOW = new Date('2026-11-29T17:30:00Z');

describe('insights periods', () => {
  it('starts presets at Beijing midnight, today counted, and ends them now', () => {
    expect(beijingDay(NOW)).toBe('2026-11-30');
    expect(periodVariables({ kind: 'preset', preset: 'today' }, NOW)).toEqual({
      since: '2026-11-29T16:00:00.000Z',
      until: null,
    });
    expect(periodVariables({ kind: 'preset', preset: '7d' }, NOW)).toEqual({
      since: '2026-11-23T16:00:00.000Z',
      until: null,
    });
    expect(periodVariables({ kind: 'preset', preset: '30d' }, NOW)).toMatchObject({
      since: '2026-10-31T16:00:00.000Z',
    });
  });

  it('covers a custom range from its first to its last day, whole, and refuses bad ranges', () => {
    expect(periodVariables({ kind: 'custom', from: '2026-11-01', to: '2026-11-07' }, NOW)).toEqual({
      since: '2026-10-31T16:00:00.000Z',
      until: '2026-11-07T16:00:00.000Z',
    });
    expect(periodVariables({ kind: 'custom', from: '2026-11-07', to: '2026-11-01' }, NOW)).toEqual({
      problem: 'rangeBackwards',
    });
    expect(periodVariables({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' }, NOW)).toEqual({
      problem: 'rangeInvalid',
    });
    expect(periodVariables({ kind: 'custom', from: '2026-01-01', to: '2026-06-01' }, NOW)).toEqual({
      problem: 'rangeTooLong',
    });
  });

  it('keeps the period in the URL', () => {
    const custom = { kind: 'custom', from: '2026-11-01', to: '2026-11-07' } as const;
    expect(periodFromSearch(new URLSearchParams(periodToSearch(custom)))).toEqual(custom);
    expect(periodFromSearch(new URLSearchParams('period=30d'))).toEqual({ kind: 'preset', preset: '30d' });
    expect(periodFromSearch(new URLSearchParams('period=nonsense'))).toEqual({
      kind: 'preset',
      preset: '7d',
    });
  });

  it('links a zero-result query to a new article titled with it', () => {
    expect(newArticleHref('宽带 欠费&停机?')).toBe(
      `/work/articles/new?title=${encodeURIComponent('宽带 欠费&停机?')}`,
    );
  });
});
