import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTimeOrDate } from './time';

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
