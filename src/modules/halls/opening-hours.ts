/**
 * Opening hours in Asia/Shanghai: is a hall open at an instant, and when does that next change.
 * Pure functions, no I/O. China has used UTC+8 all year, without daylight saving, since 1991, so
 * local wall-clock time is the instant plus eight hours.
 */
import type { OpeningHours, SpecialDate, TimeInterval } from './hall.model.js';

export const HALL_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead `nextChange` looks (long enough for a Spring Festival closure). */
export const LOOKAHEAD_DAYS = 31;

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Minutes since midnight of `HH:MM` (24:00 -> 1440). */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The local date (`YYYY-MM-DD`), weekday (0 = Monday) and minute of day of an instant. */
export function localTime(at: Date): { date: string; weekday: number; minute: number; dayStartMs: number } {
  const local = at.getTime() + OFFSET_MS;
  const dayNumber = Math.floor(local / DAY_MS);
  const shifted = new Date(dayNumber * DAY_MS);
  return {
    date: shifted.toISOString().slice(0, 10),
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    weekday: (((dayNumber + 3) % 7) + 7) % 7,
    minute: Math.floor((local - dayNumber * DAY_MS) / 60_000),
    dayStartMs: dayNumber * DAY_MS - OFFSET_MS,
  };
}

/** The intervals that apply on a local date: its special entry first, else the weekday's. */
export function intervalsOn(hours: OpeningHours, date: string, weekday: number): TimeInterval[] {
  const special: SpecialDate | undefined = hours.special.find((entry) => entry.date === date);
  if (special) return special.closed ? [] : special.intervals;
  return hours.weekly[weekday] ?? [];
}

/** Whether the schedule has the hall open at `at` (start inclusive, end exclusive). */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const { date, weekday, minute } = localTime(at);
  return intervalsOn(hours, date, weekday).some(
    (interval) => minutesOf(interval.start) <= minute && minute < minutesOf(interval.end),
  );
}

/**
 * The next instant after `at` when the hall opens or closes, looking `LOOKAHEAD_DAYS` ahead.
 * An interval ending at 24:00 followed by one starting at 00:00 is one stretch, not a change.
 * @returns null when nothing changes in that window (always open, or closed throughout).
 */
export function nextChange(hours: OpeningHours, at: Date): { at: Date; opens: boolean } | null {
  const openNow = isOpenAt(hours, at);
  const today = localTime(at);
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset += 1) {
    const dayStartMs = today.dayStartMs + offset * DAY_MS;
    const day = localTime(new Date(dayStartMs));
    const boundaries = intervalsOn(hours, day.date, day.weekday)
      .flatMap((interval) => [minutesOf(interval.start), minutesOf(interval.end)])
      .sort((a, b) => a - b);
    for (const minute of boundaries) {
      const candidate = new Date(dayStartMs + minute * 60_000);
      if (candidate <= at) continue;
      if (isOpenAt(hours, candidate) !== openNow) return { at: candidate, opens: !openNow };
    }
  }
  return null;
}

/**
 * Problems with one day's intervals: each well-formed and start < end, none overlapping.
 * @returns messages keyed by the index of the offending interval (null: the day as a whole).
 */
export function intervalProblems(
  intervals: readonly TimeInterval[],
): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = [];
  const wellFormed: Array<{ index: number; start: number; end: number }> = [];
  intervals.forEach((interval, index) => {
    if (!TIME_PATTERN.test(interval.start) || !TIME_PATTERN.test(interval.end)) return;
    const start = minutesOf(interval.start);
    const end = minutesOf(interval.end);
    if (start >= end) {
      problems.push({
        index,
        message: `${interval.start}-${interval.end}: the start must be before the end`,
      });
    } else {
      wellFormed.push({ index, start, end });
    }
  });
  const sorted = [...wellFormed].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous && current && current.start < previous.end) {
      problems.push({ index: current.index, message: 'intervals overlap' });
    }
  }
  return problems;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Parses the compact notation used in CSV files:
 * `mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00; 2026-02-17 closed; 2026-02-22 09:00-16:00`.
 * Days not named are closed.
 * @throws Error with a readable message on a malformed clause.
 */
export function parseHoursSpec(spec: string): OpeningHours {
  const weekly: TimeInterval[][] = DAY_NAMES.map(() => []);
  const special: OpeningHours['special'] = [];
  for (const rawClause of spec.split(';')) {
    const clause = rawClause.trim();
    if (!clause) continue;
    const match = /^(\S+)\s+(.+)$/.exec(clause);
    if (!match?.[1] || !match[2]) throw new Error(`"${clause}": expected "<days or date> <times|closed>"`);
    const [, when, what] = match;
    const closed = what.trim().toLowerCase() === 'closed';
    const intervals = closed
      ? []
      : what.split(',').map((part) => {
          const [start, end] = part.trim().split('-');
          if (!start || !end || !TIME_PATTERN.test(start) || !TIME_PATTERN.test(end)) {
            throw new Error(`"${part.trim()}": expected HH:MM-HH:MM`);
          }
          return { start, end };
        });
    if (DATE_PATTERN.test(when)) {
      special.push({ date: when, closed, intervals, note: null });
      continue;
    }
    const [from, to] = when.toLowerCase().split('-');
    const first = DAY_NAMES.indexOf(from as (typeof DAY_NAMES)[number]);
    const last = to === undefined ? first : DAY_NAMES.indexOf(to as (typeof DAY_NAMES)[number]);
    if (first < 0 || last < 0 || last < first) {
      throw new Error(`"${when}": expected a day (mon..sun), a range such as mon-fri, or a date YYYY-MM-DD`);
    }
    for (let day = first; day <= last; day += 1) weekly[day] = closed ? [] : intervals;
  }
  return { weekly, special };
}

/** The inverse of `parseHoursSpec`, for exports and messages (one clause per day or date). */
export function formatHoursSpec(hours: OpeningHours): string {
  const clauses = hours.weekly.map((intervals, day) =>
    intervals.length ? `${DAY_NAMES[day]} ${intervals.map((i) => `${i.start}-${i.end}`).join(',')}` : null,
  );
  const special = hours.special.map(
    (entry) =>
      `${entry.date} ${entry.closed ? 'closed' : entry.intervals.map((i) => `${i.start}-${i.end}`).join(',')}`,
  );
  return [...clauses.filter((clause): clause is string => clause !== null), ...special].join('; ');
}

/** The weekly intervals as minutes of the week (Monday 00:00 = 0), for an indexed open-at query. */
export function openWeekOf(hours: OpeningHours): Array<{ from: number; to: number }> {
  return hours.weekly.flatMap((intervals, weekday) =>
    intervals.map((interval) => ({
      from: weekday * 1440 + minutesOf(interval.start),
      to: weekday * 1440 + minutesOf(interval.end),
    })),
  );
}

/** The minute of the week (Monday 00:00 = 0) and the local date of an instant. */
export function weekMinuteOf(at: Date): { weekMinute: number; date: string } {
  const local = localTime(at);
  return { weekMinute: local.weekday * 1440 + local.minute, date: local.date };
}

// ---- what a reader is told: one day's hours, the next change in words, special dates ahead ------

/** One local day's hours (special date first), with the breaks between its intervals. */
export interface HallDay {
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  /** 1 = Monday ... 7 = Sunday (ISO 8601). */
  isoWeekday: number;
  /** Sorted by start; empty when closed all day. */
  intervals: TimeInterval[];
  /** The gaps between the intervals (a lunch break). */
  breaks: TimeInterval[];
  /** The special date that sets these hours, or null on a regular day. */
  special: SpecialDate | null;
}

/** The hours that apply on the local day of `at`, with its breaks. */
export function dayAt(hours: OpeningHours, at: Date): HallDay {
  const { date, weekday } = localTime(at);
  const special = hours.special.find((entry) => entry.date === date) ?? null;
  const intervals = [...intervalsOn(hours, date, weekday)].sort(
    (a, b) => minutesOf(a.start) - minutesOf(b.start),
  );
  const breaks: TimeInterval[] = [];
  for (let i = 1; i < intervals.length; i += 1) {
    const before = intervals[i - 1];
    const after = intervals[i];
    if (before && after && minutesOf(before.end) < minutesOf(after.start)) {
      breaks.push({ start: before.end, end: after.start });
    }
  }
  return { date, isoWeekday: weekday + 1, intervals, breaks, special };
}

/**
 * The special dates from the local day of `at` through `days` days later, in date order: what a
 * reader needs to know now (a holiday closure this week), not every date of the year.
 */
export function specialDatesAhead(hours: OpeningHours, at: Date, days: number): SpecialDate[] {
  const { dayStartMs } = localTime(at);
  const first = localTime(new Date(dayStartMs)).date;
  const last = localTime(new Date(dayStartMs + days * DAY_MS)).date;
  return hours.special
    .filter((entry) => entry.date >= first && entry.date <= last)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * OPENS: opens for the day; BREAK_STARTS: closes and reopens later that day (lunch);
 * BREAK_ENDS: reopens after a break; CLOSES: closes for the day.
 */
export type HallChangeKind = 'OPENS' | 'CLOSES' | 'BREAK_STARTS' | 'BREAK_ENDS';
export const HALL_CHANGE_KINDS: readonly HallChangeKind[] = ['OPENS', 'CLOSES', 'BREAK_STARTS', 'BREAK_ENDS'];

/** A change told the way a reader says it: local date and time, days from now, and what kind. */
export interface HallChangeDetail {
  at: Date;
  opens: boolean;
  kind: HallChangeKind;
  /** The local date (YYYY-MM-DD); a close at midnight belongs to the day that ends (24:00). */
  date: string;
  /** HH:MM local; 24:00 for a close at midnight. */
  time: string;
  /** Local days from the day of `from` to `date`: 0 today, 1 tomorrow. */
  daysAhead: number;
  /** For a close: when it opens again (null beyond the look-ahead or for an opening). */
  reopens: HallChangeDetail | null;
}

const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The next change after `from` (see `nextChange`), told as a reader says it; for a close also
 * when the hall reopens.
 * @returns null when nothing changes within the look-ahead.
 */
export function nextChangeDetail(hours: OpeningHours, from: Date): HallChangeDetail | null {
  const change = nextChange(hours, from);
  return change ? detailOf(hours, from, change, true) : null;
}

function detailOf(
  hours: OpeningHours,
  from: Date,
  change: { at: Date; opens: boolean },
  withReopening: boolean,
): HallChangeDetail {
  let local = localTime(change.at);
  let minute = local.minute;
  // A close at 00:00 is the end (24:00) of the day before.
  if (!change.opens && minute === 0) {
    local = localTime(new Date(local.dayStartMs - 1));
    minute = 1440;
  }
  const intervals = intervalsOn(hours, local.date, local.weekday);
  const kind: HallChangeKind = change.opens
    ? intervals.some((interval) => minutesOf(interval.end) <= minute)
      ? 'BREAK_ENDS'
      : 'OPENS'
    : intervals.some((interval) => minutesOf(interval.start) >= minute)
      ? 'BREAK_STARTS'
      : 'CLOSES';
  const daysAhead = Math.round((local.dayStartMs - localTime(from).dayStartMs) / DAY_MS);
  const reopening = !change.opens && withReopening ? nextChange(hours, change.at) : null;
  return {
    at: change.at,
    opens: change.opens,
    kind,
    date: local.date,
    time: hhmm(minute),
    daysAhead,
    reopens: reopening ? detailOf(hours, from, reopening, false) : null,
  };
}
