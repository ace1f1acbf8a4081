import { describe, expect, it } from 'vitest';
import { breaksBetween, hoursToday, shanghaiDay } from './hours';

const morningAndAfternoon = [
  { start: '14:00', end: '17:30' },
  { start: '08:30', end: '12:00' },
];
const hours = {
  weekly: [
    morningAndAfternoon,
    morningAndAfternoon,
    morningAndAfternoon,
    morningAndAfternoon,
    morningAndAfternoon,
    [{ start: '09:00', end: '12:00' }],
    [],
  ],
  special: [{ date: '2026-02-17', closed: true, intervals: [] }],
};

describe("a hall's hours today", () => {
  it('takes the Shanghai day, which may not be the browser\u2019s', () => {
    // Sunday 22:30 in London is Monday 06:30 in Shanghai.
    expect(shanghaiDay(new Date('2026-03-01T22:30:00Z'))).toEqual({ date: '2026-03-02', weekday: 0 });
    expect(hoursToday(hours, new Date('2026-03-01T22:30:00Z'))).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ]);
  });
  it('lets a special date win over the week, and knows closed days', () => {
    expect(hoursToday(hours, new Date('2026-02-17T03:00:00Z'))).toEqual([]);
    expect(hoursToday(hours, new Date('2026-03-08T03:00:00Z'))).toEqual([]); // a Sunday
  });
  it('finds the lunch break between intervals', () => {
    expect(breaksBetween(hoursToday(hours, new Date('2026-03-02T03:00:00Z')))).toEqual([
      { start: '12:00', end: '14:00' },
    ]);
    expect(breaksBetween([{ start: '09:00', end: '12:00' }])).toEqual([]);
  });
});
