/** A hall's hours as an agent reads them out: today's (Asia/Shanghai) intervals and lunch break. */
import { TIME_ZONE } from './time';

export interface Interval {
  start: string;
  end: string;
}

export interface OpeningHoursData {
  /** Monday first. */
  weekly: ReadonlyArray<ReadonlyArray<Interval>>;
  special: ReadonlyArray<{ date: string; closed: boolean; intervals: ReadonlyArray<Interval> }>;
}

/** The Shanghai calendar date (`2026-03-02`) and weekday (0 = Monday) of an instant. */
export function shanghaiDay(now: Date): { date: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday: weekdays.indexOf(part('weekday')),
  };
}

/** Today's opening intervals (a special date first: a holiday closure or other hours), sorted. */
export function hoursToday(hours: OpeningHoursData, now: Date): Interval[] {
  const { date, weekday } = shanghaiDay(now);
  const special = hours.special.find((entry) => entry.date === date);
  const intervals = special ? (special.closed ? [] : special.intervals) : (hours.weekly[weekday] ?? []);
  return [...intervals].sort((a, b) => a.start.localeCompare(b.start));
}

/** The breaks between today's intervals (the lunch break: 12:00-14:00). */
export function breaksBetween(intervals: readonly Interval[]): Interval[] {
  const breaks: Interval[] = [];
  for (let i = 1; i < intervals.length; i += 1) {
    const before = intervals[i - 1]!;
    const after = intervals[i]!;
    if (before.end < after.start) breaks.push({ start: before.end, end: after.start });
  }
  return breaks;
}
