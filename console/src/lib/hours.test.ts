import { describe, expect, it } from 'vitest';
import { format } from '../app/i18n';
import { messages } from '../app/messages';
import type { MessageKey } from '../app/messages';
import { describeChange, formatLocalDate, formatWeekly, stateOf } from './hours';

const zh = (key: MessageKey, values?: Record<string, string | number>) =>
  format(messages['zh-CN'][key], values);
const en = (key: MessageKey, values?: Record<string, string | number>) => format(messages.en[key], values);

const morningAndAfternoon = [
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
];

describe("a hall's next change, in words", () => {
  it('says a lunch break and when it reopens', () => {
    const change = {
      kind: 'BREAK_STARTS' as const,
      date: '2026-03-02',
      time: '12:00',
      daysAhead: 0,
      reopens: { date: '2026-03-02', time: '13:30', daysAhead: 0 },
    };
    expect(describeChange(change, 'zh-CN', zh)).toBe('12:00 午休，13:30 开门');
    expect(describeChange(change, 'en', en)).toBe('Lunch break at 12:00, reopens at 13:30');
    // A break in the evening is not lunch.
    expect(describeChange({ ...change, time: '17:00' }, 'zh-CN', zh)).toBe('17:00 休息，13:30 开门');
  });
  it('says closing today, opening tomorrow, and a later date with its weekday', () => {
    expect(
      describeChange({ kind: 'CLOSES', date: '2026-03-02', time: '18:00', daysAhead: 0 }, 'zh-CN', zh),
    ).toBe('今日 18:00 关门');
    expect(
      describeChange({ kind: 'OPENS', date: '2026-03-03', time: '09:00', daysAhead: 1 }, 'zh-CN', zh),
    ).toBe('明天 09:00 开门');
    expect(describeChange({ kind: 'OPENS', date: '2026-03-03', time: '09:00', daysAhead: 1 }, 'en', en)).toBe(
      'Opens tomorrow at 09:00',
    );
    expect(
      describeChange({ kind: 'OPENS', date: '2026-02-24', time: '08:30', daysAhead: 8 }, 'zh-CN', zh),
    ).toBe('2月24日（周二） 08:30 开门');
    expect(
      describeChange({ kind: 'BREAK_ENDS', date: '2026-03-02', time: '14:00', daysAhead: 0 }, 'zh-CN', zh),
    ).toBe('午休中，14:00 开门');
  });
  it('tags open, lunch break, closed, suspended', () => {
    expect(stateOf({ status: 'OPEN', open: true })).toBe('open');
    expect(stateOf({ status: 'OPEN', open: false, nextChange: { kind: 'BREAK_ENDS' } })).toBe('break');
    expect(stateOf({ status: 'OPEN', open: false, nextChange: { kind: 'OPENS' } })).toBe('closed');
    expect(stateOf({ status: 'TEMPORARILY_CLOSED', open: false })).toBe('suspended');
  });
});

describe('dates and the week, as read out', () => {
  it('names a local date with its weekday whatever the browser zone', () => {
    expect(formatLocalDate('2026-03-02', 'zh-CN')).toBe('3月2日（周一）');
    expect(formatLocalDate('2026-03-02', 'en')).toBe('Mon 2 Mar');
  });
  it('joins runs of equal days', () => {
    const weekly = [
      ...Array.from({ length: 5 }, () => morningAndAfternoon),
      [{ start: '09:00', end: '12:00' }],
      [],
    ];
    expect(formatWeekly(weekly, 'zh-CN', '休息')).toBe(
      '周一至周五 08:30-12:00、14:00-17:30；周六 09:00-12:00；周日 休息',
    );
    expect(
      formatWeekly(
        Array.from({ length: 7 }, () => [{ start: '09:00', end: '21:00' }]),
        'en',
        'closed',
      ),
    ).toBe('Mon–Sun 09:00-21:00');
  });
});
