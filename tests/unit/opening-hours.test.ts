import { describe, expect, it } from '@jest/globals';
import type { OpeningHours } from '../../src/modules/halls/hall.model.js';
import {
  dayAt,
  formatHoursSpec,
  intervalProblems,
  isOpenAt,
  localTime,
  nextChange,
  nextChangeDetail,
  openWeekOf,
  parseHoursSpec,
  specialDatesAhead,
  weekMinuteOf,
} from '../../src/modules/halls/opening-hours.js';

/** An instant given as Asia/Shanghai wall-clock time. */
const cst = (local: string) => new Date(`${local}+08:00`);

const lunchBreak: OpeningHours = {
  weekly: [
    ...Array.from({ length: 5 }, () => [
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ]),
    [{ start: '09:00', end: '12:00' }],
    [],
  ],
  special: [
    { date: '2026-02-17', closed: true, intervals: [], note: '春节' },
    { date: '2026-02-28', closed: false, intervals: [{ start: '08:30', end: '17:30' }], note: '调休上班' },
  ],
};

describe('opening hours (Asia/Shanghai)', () => {
  it('reads the local date, weekday (Monday = 0) and minute of an instant', () => {
    expect(localTime(cst('2026-03-02T00:30:00'))).toMatchObject({
      date: '2026-03-02',
      weekday: 0,
      minute: 30,
    });
    // 16:30 UTC on Sunday is 00:30 on Monday in Shanghai.
    expect(localTime(new Date('2026-03-01T16:30:00Z'))).toMatchObject({ date: '2026-03-02', weekday: 0 });
  });

  it('is open in the morning and afternoon, closed over lunch (start inclusive, end exclusive)', () => {
    expect(isOpenAt(lunchBreak, cst('2026-03-04T08:29:00'))).toBe(false);
    expect(isOpenAt(lunchBreak, cst('2026-03-04T08:30:00'))).toBe(true);
    expect(isOpenAt(lunchBreak, cst('2026-03-04T11:59:00'))).toBe(true);
    expect(isOpenAt(lunchBreak, cst('2026-03-04T12:00:00'))).toBe(false);
    expect(isOpenAt(lunchBreak, cst('2026-03-04T13:00:00'))).toBe(false);
    expect(isOpenAt(lunchBreak, cst('2026-03-04T14:00:00'))).toBe(true);
    expect(isOpenAt(lunchBreak, cst('2026-03-08T10:00:00'))).toBe(false); // Sunday
  });

  it('applies special dates before the weekly schedule', () => {
    // Tuesday 17 February 2026 (Spring Festival): closed although Tuesdays are open.
    expect(isOpenAt(lunchBreak, cst('2026-02-17T10:00:00'))).toBe(false);
    // Saturday 28 February 2026, a make-up working day: open in the afternoon, unlike Saturdays.
    expect(isOpenAt(lunchBreak, cst('2026-02-28T15:00:00'))).toBe(true);
    expect(isOpenAt(lunchBreak, cst('2026-03-07T15:00:00'))).toBe(false);
  });

  it('gives the next change: closing for lunch, reopening, and skipping closed days', () => {
    expect(nextChange(lunchBreak, cst('2026-03-04T10:00:00'))).toEqual({
      at: cst('2026-03-04T12:00:00'),
      opens: false,
    });
    expect(nextChange(lunchBreak, cst('2026-03-04T12:30:00'))).toEqual({
      at: cst('2026-03-04T14:00:00'),
      opens: true,
    });
    // Saturday noon: closed through Sunday, opens Monday 08:30.
    expect(nextChange(lunchBreak, cst('2026-03-07T12:00:00'))).toEqual({
      at: cst('2026-03-09T08:30:00'),
      opens: true,
    });
    // Monday 16 February evening: Tuesday is a holiday, so the next opening is Wednesday.
    expect(nextChange(lunchBreak, cst('2026-02-16T18:00:00'))).toEqual({
      at: cst('2026-02-18T08:30:00'),
      opens: true,
    });
  });

  it('treats 24:00 followed by 00:00 as one stretch, and finds no change when always open', () => {
    const always: OpeningHours = {
      weekly: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
      special: [],
    };
    expect(isOpenAt(always, cst('2026-03-04T23:59:00'))).toBe(true);
    expect(nextChange(always, cst('2026-03-04T10:00:00'))).toBeNull();
    const closed: OpeningHours = { weekly: Array.from({ length: 7 }, () => []), special: [] };
    expect(nextChange(closed, cst('2026-03-04T10:00:00'))).toBeNull();
  });

  it('finds malformed and overlapping intervals', () => {
    expect(intervalProblems([{ start: '12:00', end: '09:00' }])).toEqual([
      { index: 0, message: '12:00-09:00: the start must be before the end' },
    ]);
    expect(
      intervalProblems([
        { start: '08:00', end: '12:00' },
        { start: '11:30', end: '17:00' },
      ]),
    ).toEqual([{ index: 1, message: 'intervals overlap' }]);
    expect(
      intervalProblems([
        { start: '08:00', end: '12:00' },
        { start: '12:00', end: '17:00' },
      ]),
    ).toEqual([]);
  });

  it('parses and prints the compact notation used by CSV imports', () => {
    const hours = parseHoursSpec('mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00; 2026-02-17 closed');
    expect(hours.weekly[0]).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ]);
    expect(hours.weekly[5]).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(hours.weekly[6]).toEqual([]);
    expect(hours.special).toEqual([{ date: '2026-02-17', closed: true, intervals: [], note: null }]);
    expect(formatHoursSpec(hours)).toContain('2026-02-17 closed');
    expect(() => parseHoursSpec('someday 09:00-10:00')).toThrow(/expected a day/);
  });
});

describe('the indexed form of the weekly hours', () => {
  it('turns weekly intervals into minutes of the week, Monday 00:00 = 0', () => {
    const week = openWeekOf({
      weekly: [
        [
          { start: '08:30', end: '12:00' },
          { start: '14:00', end: '17:30' },
        ],
        [],
        [],
        [],
        [],
        [],
        [{ start: '00:00', end: '24:00' }],
      ],
      special: [],
    });
    expect(week).toEqual([
      { from: 510, to: 720 },
      { from: 840, to: 1050 },
      { from: 6 * 1440, to: 7 * 1440 },
    ]);
  });

  it('places an instant in the local week: Monday 2026-02-02 09:00 in Shanghai is 01:00 UTC', () => {
    expect(weekMinuteOf(new Date('2026-02-02T01:00:00Z'))).toEqual({ weekMinute: 540, date: '2026-02-02' });
    expect(weekMinuteOf(new Date('2026-02-01T15:59:00Z'))).toEqual({
      weekMinute: 6 * 1440 + 23 * 60 + 59,
      date: '2026-02-01',
    });
  });
});

describe('what a reader is told (Asia/Shanghai)', () => {
  it("gives today's intervals and lunch break, a special date first", () => {
    expect(dayAt(lunchBreak, cst('2026-03-02T07:00:00'))).toEqual({
      date: '2026-03-02',
      isoWeekday: 1,
      intervals: [
        { start: '08:30', end: '12:00' },
        { start: '14:00', end: '17:30' },
      ],
      breaks: [{ start: '12:00', end: '14:00' }],
      special: null,
    });
    const holiday = dayAt(lunchBreak, cst('2026-02-17T10:00:00'));
    expect(holiday).toMatchObject({ intervals: [], breaks: [], special: { note: '春节' } });
    // 23:30 UTC on Sunday is already Monday in Shanghai.
    expect(dayAt(lunchBreak, new Date('2026-03-01T23:30:00Z')).isoWeekday).toBe(1);
  });

  it('words the next change: lunch break with its reopening, closing today, opening tomorrow', () => {
    expect(nextChangeDetail(lunchBreak, cst('2026-03-02T11:58:00'))).toMatchObject({
      kind: 'BREAK_STARTS',
      time: '12:00',
      daysAhead: 0,
      reopens: { kind: 'BREAK_ENDS', time: '14:00', daysAhead: 0 },
    });
    expect(nextChangeDetail(lunchBreak, cst('2026-03-02T12:30:00'))).toMatchObject({
      kind: 'BREAK_ENDS',
      opens: true,
      time: '14:00',
      reopens: null,
    });
    expect(nextChangeDetail(lunchBreak, cst('2026-03-02T15:00:00'))).toMatchObject({
      kind: 'CLOSES',
      time: '17:30',
      daysAhead: 0,
      reopens: { kind: 'OPENS', date: '2026-03-03', time: '08:30', daysAhead: 1 },
    });
    expect(nextChangeDetail(lunchBreak, cst('2026-03-02T18:00:00'))).toMatchObject({
      kind: 'OPENS',
      date: '2026-03-03',
      daysAhead: 1,
    });
    // Saturday afternoon: closed until Monday (Sunday is closed).
    expect(nextChangeDetail(lunchBreak, cst('2026-03-07T13:00:00'))).toMatchObject({
      kind: 'OPENS',
      date: '2026-03-09',
      daysAhead: 2,
    });
  });

  it('tells a close at midnight as 24:00 of the day that ends', () => {
    const late: OpeningHours = {
      weekly: Array.from({ length: 7 }, (_, day) => (day === 0 ? [{ start: '20:00', end: '24:00' }] : [])),
      special: [],
    };
    expect(nextChangeDetail(late, cst('2026-03-02T21:00:00'))).toMatchObject({
      kind: 'CLOSES',
      date: '2026-03-02',
      time: '24:00',
      daysAhead: 0,
    });
  });

  it('lists only the special dates from today through the days asked for', () => {
    expect(specialDatesAhead(lunchBreak, cst('2026-02-16T10:00:00'), 7).map((d) => d.date)).toEqual([
      '2026-02-17',
    ]);
    expect(specialDatesAhead(lunchBreak, cst('2026-02-17T23:00:00'), 0).map((d) => d.date)).toEqual([
      '2026-02-17',
    ]);
    expect(specialDatesAhead(lunchBreak, cst('2026-02-18T10:00:00'), 7)).toEqual([]);
    expect(specialDatesAhead(lunchBreak, cst('2026-02-21T10:00:00'), 7).map((d) => d.date)).toEqual([
      '2026-02-28',
    ]);
  });
});
