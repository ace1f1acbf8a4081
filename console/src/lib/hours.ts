/**
 * A hall's hours in words, Chinese first: today's hours, the lunch break, and the next change
 * ("12:00 午休，14:00 开门" / "今日 18:00 关门" / "明天 09:00 开门"). The API works out the rules
 * (which day applies, special dates, when the next change is, what kind it is, in Asia/Shanghai);
 * this file only words what it answers.
 */
import type { MessageKey } from '../app/messages';

export interface Interval {
  start: string;
  end: string;
}

export type ChangeKind = 'OPENS' | 'CLOSES' | 'BREAK_STARTS' | 'BREAK_ENDS';

/** The API's `HallChange`, as far as the words need it. */
export interface ChangeView {
  kind: ChangeKind;
  date: string;
  time: string;
  daysAhead: number;
  reopens?: { time: string } | null;
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
export type Locale = 'zh-CN' | 'en';

/** A break starting between 11:00 and 14:00 is the lunch break (午休); any other is a break (休息). */
export function isLunch(start: string): boolean {
  return start >= '11:00' && start <= '14:00';
}

/** "08:30-12:00、14:00-17:30" / "08:30-12:00, 14:00-17:30". */
export function formatIntervals(intervals: readonly Interval[], locale: Locale): string {
  return intervals.map((i) => `${i.start}-${i.end}`).join(locale === 'zh-CN' ? '、' : ', ');
}

const WEEKDAYS: Record<Locale, readonly string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local date (YYYY-MM-DD) as read out: "3月3日（周二）" / "Tue 3 Mar". */
export function formatLocalDate(date: string, locale: Locale): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  // The weekday of a calendar date does not depend on a time zone: compute it in UTC.
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return locale === 'zh-CN'
    ? `${month}月${day}日（${WEEKDAYS['zh-CN'][weekday]}）`
    : `${WEEKDAYS.en[weekday]} ${day} ${MONTHS_EN[month - 1]}`;
}

/**
 * The next change as a customer is told it: "12:00 午休，14:00 开门", "今日 18:00 关门",
 * "午休中，14:00 开门", "明天 09:00 开门", "3月3日（周二） 09:00 开门".
 */
export function describeChange(change: ChangeView, locale: Locale, t: Translate): string {
  const when = (today: MessageKey, tomorrow: MessageKey, later: MessageKey): string =>
    t(change.daysAhead === 0 ? today : change.daysAhead === 1 ? tomorrow : later, {
      time: change.time,
      date: formatLocalDate(change.date, locale),
    });
  switch (change.kind) {
    case 'BREAK_STARTS':
      return change.reopens
        ? t(isLunch(change.time) ? 'hours.lunchAt' : 'hours.breakAt', {
            time: change.time,
            reopen: change.reopens.time,
          })
        : when('hours.closesToday', 'hours.closesTomorrow', 'hours.closesOn');
    case 'BREAK_ENDS':
      return t('hours.inBreak', { time: change.time });
    case 'CLOSES':
      return when('hours.closesToday', 'hours.closesTomorrow', 'hours.closesOn');
    case 'OPENS':
      return when('hours.opensToday', 'hours.opensTomorrow', 'hours.opensOn');
  }
}

/** What the state tag says: open, at lunch, closed now, temporarily closed, closed for good. */
export function stateOf(hall: {
  status: string;
  open: boolean;
  nextChange?: { kind: ChangeKind } | null;
}): 'open' | 'break' | 'closed' | 'suspended' | 'shut' {
  if (hall.status === 'TEMPORARILY_CLOSED') return 'suspended';
  if (hall.status === 'CLOSED') return 'shut';
  if (hall.open) return 'open';
  return hall.nextChange?.kind === 'BREAK_ENDS' ? 'break' : 'closed';
}

/**
 * The weekly schedule (Monday first) with runs of equal days joined:
 * "周一至周五 08:30-12:00、14:00-17:30；周六 09:00-12:00；周日 休息".
 */
export function formatWeekly(
  weekly: ReadonlyArray<ReadonlyArray<Interval>>,
  locale: Locale,
  closedWord: string,
): string {
  const names = WEEKDAYS[locale];
  const text = (day: number): string => {
    const intervals = weekly[day] ?? [];
    return intervals.length ? formatIntervals(intervals, locale) : closedWord;
  };
  const parts: string[] = [];
  for (let first = 0; first < 7;) {
    let last = first;
    while (last + 1 < 7 && text(last + 1) === text(first)) last += 1;
    const days =
      first === last
        ? names[first]
        : `${names[first]}${locale === 'zh-CN' ? (last === first + 1 ? '、' : '至') : last === first + 1 ? ', ' : '–'}${names[last]}`;
    parts.push(`${days} ${text(first)}`);
    first = last + 1;
  }
  return parts.join(locale === 'zh-CN' ? '；' : '; ');
}
