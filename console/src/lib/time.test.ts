import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTimeOrDate, isoToShanghaiLocal, shanghaiLocalToIso, timeLeft } from './time';

describe('times in Asia/Shanghai', () => {
  it('shows an instant in Shanghai time whatever the zone of the browser', () => {
    expect(formatDateTime('2026-11-30T16:30:00Z', 'zh-CN')).toBe('2026-12-01 00:30');
    expect(formatDateTime('2026-11-30T01:05:00Z', 'en')).toBe('2026-11-30 09:05');
  });
  it('leaves the date out on the same Shanghai day', () => {
    const now = new Date('2026-11-30T02:00:00Z'); // 10:00 in Shanghai
    expect(formatTimeOrDate('2026-11-30T09:30:00Z', now, 'zh-CN')).toBe('17:30');
    expect(formatTimeOrDate('2026-11-30T17:30:00Z', now, 'zh-CN')).toBe('2026-12-01 01:30');
  });
});

describe('the complaint deadline helper', () => {
  it('reads a time typed in Shanghai as the instant it names, and back', () => {
    expect(shanghaiLocalToIso('2026-11-30T09:15')).toBe('2026-11-30T01:15:00.000Z');
    expect(shanghaiLocalToIso('2026-11-30 09:15')).toBeUndefined();
    expect(isoToShanghaiLocal('2026-11-30T17:30:00Z')).toBe('2026-12-01T01:30');
  });
  it('says how long is left, or how long it is overdue', () => {
    const now = new Date('2026-11-30T02:00:00Z');
    expect(timeLeft('2026-11-30T07:20:00Z', now, 'zh-CN')).toEqual({ overdue: false, text: '5 小时 20 分' });
    expect(timeLeft('2026-12-02T03:05:00Z', now, 'en')).toEqual({ overdue: false, text: '2 d 1 h 5 min' });
    expect(timeLeft('2026-11-30T01:30:00Z', now, 'zh-CN')).toEqual({ overdue: true, text: '30 分' });
    expect(timeLeft('2026-12-01T02:00:00Z', now, 'zh-CN')).toEqual({ overdue: false, text: '1 天' });
    expect(timeLeft('2026-11-30T02:00:00Z', now, 'en')).toEqual({ overdue: false, text: '0 min' });
  });
});
