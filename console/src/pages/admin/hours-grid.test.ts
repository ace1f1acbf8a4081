import { describe, expect, it } from 'vitest';
import {
  copyMondayToWeekdays,
  dayFromIntervals,
  gridFromHours,
  gridRowOf,
  hoursFromGrid,
  intervalsFromDay,
} from './hours-grid';

const lunch = [
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
];

describe('the hours grid', () => {
  it('shows a day with a lunch break as opening, closing and the break', () => {
    expect(dayFromIntervals(lunch)).toEqual({
      open: true,
      start: '08:30',
      end: '17:30',
      breaks: [{ start: '12:00', end: '14:00' }],
    });
    expect(dayFromIntervals([lunch[1]!, lunch[0]!]).breaks).toEqual([{ start: '12:00', end: '14:00' }]);
    expect(dayFromIntervals([]).open).toBe(false);
  });

  it('splits a day at each break, and a closed day has no intervals', () => {
    expect(
      intervalsFromDay({
        open: true,
        start: '08:30',
        end: '17:30',
        breaks: [{ start: '12:00', end: '14:00' }],
      }),
    ).toEqual(lunch);
    expect(intervalsFromDay({ open: true, start: '09:00', end: '24:00', breaks: [] })).toEqual([
      { start: '09:00', end: '24:00' },
    ]);
    expect(intervalsFromDay({ open: false, start: '09:00', end: '17:00', breaks: [] })).toEqual([]);
    // an empty break row (added, not filled in) is ignored
    expect(
      intervalsFromDay({ open: true, start: '09:00', end: '17:00', breaks: [{ start: '', end: '' }] }),
    ).toHaveLength(1);
  });

  it('reads the API hours back unchanged, special dates in date order and notes kept', () => {
    const api = {
      weekly: [lunch, lunch, lunch, lunch, lunch, [{ start: '09:00', end: '12:00' }], []],
      special: [
        { date: '2026-02-18', closed: false, note: '初二', intervals: [{ start: '10:00', end: '16:00' }] },
        { date: '2026-02-17', closed: true, note: '除夕', intervals: [] },
      ],
    };
    const grid = gridFromHours(api);
    expect(grid.week[6]!.open).toBe(false);
    expect(grid.special[1]).toMatchObject({ date: '2026-02-17', open: false, note: '除夕' });
    expect(hoursFromGrid(grid)).toEqual({
      weekly: api.weekly,
      special: [
        { date: '2026-02-17', closed: true, note: '除夕', intervals: [] },
        { date: '2026-02-18', closed: false, note: '初二', intervals: [{ start: '10:00', end: '16:00' }] },
      ],
    });
  });

  it('names the grid row of an API field path', () => {
    expect(gridRowOf('openingHours.weekly.2.0.end')).toEqual({ kind: 'weekly', index: 2 });
    expect(gridRowOf('openingHours.special.1.date')).toEqual({ kind: 'special', index: 1 });
    expect(gridRowOf('tier')).toBeUndefined();
  });

  it('copies Monday to the other weekdays, not the weekend', () => {
    const week = gridFromHours({ weekly: [lunch, [], [], [], [], [], []], special: [] }).week;
    const copied = copyMondayToWeekdays(week);
    expect(copied.slice(0, 5).every((day) => day.open && day.breaks.length === 1)).toBe(true);
    expect(copied[5]!.open).toBe(false);
  });
});
