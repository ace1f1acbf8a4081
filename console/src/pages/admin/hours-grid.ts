/**
 * The week grid of the hall form and the API's `OpeningHours` shape, both ways. A grid row is
 * what an admin thinks in (opens, closes, lunch breaks between); the API keeps the intervals the
 * hall is open (`08:30-12:00, 14:00-17:30`). Every interval list is read back unchanged.
 */

export interface Interval {
  start: string;
  end: string;
}

/** One day as the grid edits it: open or not, from when until when, and its breaks (lunch). */
export interface DayRow {
  open: boolean;
  start: string;
  end: string;
  breaks: Interval[];
}

/** A holiday or closure: a day row on a date, with why. */
export interface SpecialRow extends DayRow {
  date: string;
  note: string;
}

export interface HoursGrid {
  /** Seven rows, Monday first. */
  week: DayRow[];
  special: SpecialRow[];
}

/** What the API answers (`OpeningHours`) and takes (`OpeningHoursInput`). */
export interface ApiHours {
  weekly: ReadonlyArray<ReadonlyArray<Interval>>;
  special: ReadonlyArray<{
    date: string;
    closed: boolean;
    note?: string | null;
    intervals: ReadonlyArray<Interval>;
  }>;
}

/** The usual hall day, offered for a day that was closed and is opened in the grid. */
export const DEFAULT_DAY: DayRow = { open: true, start: '08:30', end: '17:30', breaks: [] };

/** A day's intervals (sorted or not) as a grid row: first opening to last closing, the gaps as breaks. */
export function dayFromIntervals(intervals: ReadonlyArray<Interval>): DayRow {
  const sorted = [...intervals].sort((a, b) => a.start.localeCompare(b.start));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return { ...DEFAULT_DAY, open: false };
  const breaks = sorted
    .slice(1)
    .map((interval, index) => ({ start: sorted[index]!.end, end: interval.start }));
  return { open: true, start: first.start, end: last.end, breaks };
}

/** A grid row as the intervals the hall is open: closed is none; each break splits the day. */
export function intervalsFromDay(day: DayRow): Interval[] {
  if (!day.open) return [];
  const breaks = [...day.breaks]
    .filter((gap) => gap.start || gap.end)
    .sort((a, b) => a.start.localeCompare(b.start));
  const cuts = [day.start, ...breaks.flatMap((gap) => [gap.start, gap.end]), day.end];
  const intervals: Interval[] = [];
  for (let i = 0; i < cuts.length; i += 2) intervals.push({ start: cuts[i]!, end: cuts[i + 1]! });
  return intervals;
}

/** The API's hours as the grid shows them. */
export function gridFromHours(hours: ApiHours): HoursGrid {
  const week = Array.from({ length: 7 }, (_, day) => dayFromIntervals(hours.weekly[day] ?? []));
  const special = hours.special.map((date) => ({
    ...(date.closed ? { ...DEFAULT_DAY, open: false } : dayFromIntervals(date.intervals)),
    date: date.date,
    note: date.note ?? '',
  }));
  return { week, special };
}

/** The grid as `OpeningHoursInput` (special dates in date order; an empty note is left out). */
export function hoursFromGrid(grid: HoursGrid): {
  weekly: Interval[][];
  special: Array<{ date: string; closed: boolean; intervals: Interval[]; note?: string }>;
} {
  return {
    weekly: grid.week.map(intervalsFromDay),
    special: [...grid.special]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((row) => ({
        date: row.date,
        closed: !row.open,
        intervals: intervalsFromDay(row),
        ...(row.note.trim() ? { note: row.note.trim() } : {}),
      })),
  };
}

/** The grid's row that an API field path points at (`weekly.2.0.end` is Wednesday), else undefined. */
export function gridRowOf(path: string): { kind: 'weekly' | 'special'; index: number } | undefined {
  const match = /(?:^|\.)(weekly|special)\.(\d+)/.exec(path);
  return match ? { kind: match[1] as 'weekly' | 'special', index: Number(match[2]) } : undefined;
}

/** Copies Monday's row to Tuesday through Friday (the usual weekday pattern). */
export function copyMondayToWeekdays(week: readonly DayRow[]): DayRow[] {
  const monday = week[0];
  if (!monday) return [...week];
  return week.map((day, index) =>
    index >= 1 && index <= 4 ? { ...monday, breaks: [...monday.breaks] } : day,
  );
}
