/**
 * The period search insights cover, as the URL holds it (`?period=7d`, or `?from=2026-11-01&to=2026-11-07`)
 * and as the API asks for it (`since` inclusive, `until` exclusive). Days are Beijing days, whatever
 * the browser's zone: China keeps +08:00 all year, so the offset is fixed.
 */
export type PeriodPreset = 'today' | '7d' | '30d';
export type PeriodChoice =
  { kind: 'preset'; preset: PeriodPreset } | { kind: 'custom'; from: string; to: string };

/** The API's limit (`searchInsights`: at most 92 days). */
export const MAX_PERIOD_DAYS = 92;
const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;
const PRESET_DAYS: Record<PeriodPreset, number> = { today: 1, '7d': 7, '30d': 30 };

/** The Beijing day (YYYY-MM-DD) of an instant. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing day starts, or undefined for something that is not a date. */
function dayStart(day: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const at = new Date(`${day}T00:00:00+08:00`);
  return Number.isNaN(at.getTime()) || beijingDay(at) !== day ? undefined : at;
}

/** The period in the URL; a preset of 7 days when it names none (or a broken one). */
export function periodFromSearch(search: URLSearchParams): PeriodChoice {
  const from = search.get('from');
  const to = search.get('to');
  if (from && to) return { kind: 'custom', from, to };
  const preset = search.get('period');
  return { kind: 'preset', preset: preset === 'today' || preset === '30d' ? preset : '7d' };
}

/** The URL query of a period (`period=30d`, or `from=...&to=...`). */
export function periodToSearch(choice: PeriodChoice): string {
  return choice.kind === 'preset'
    ? new URLSearchParams({ period: choice.preset }).toString()
    : new URLSearchParams({ from: choice.from, to: choice.to }).toString();
}

/** What is wrong with a custom range, as a message key of the area's table, or undefined. */
export type RangeProblem = 'rangeInvalid' | 'rangeBackwards' | 'rangeTooLong';

/**
 * The API's arguments for a period at `now`: presets end now and start at the Beijing midnight that
 * makes them `n` days long (today counted); a custom range covers its first to its last day, whole.
 */
export function periodVariables(
  choice: PeriodChoice,
  now: Date,
): { since: string; until: string | null } | { problem: RangeProblem } {
  if (choice.kind === 'preset') {
    const today = dayStart(beijingDay(now)) ?? now;
    const since = new Date(today.getTime() - (PRESET_DAYS[choice.preset] - 1) * DAY_MS);
    return { since: since.toISOString(), until: null };
  }
  const from = dayStart(choice.from);
  const to = dayStart(choice.to);
  if (!from || !to) return { problem: 'rangeInvalid' };
  if (to < from) return { problem: 'rangeBackwards' };
  const until = new Date(to.getTime() + DAY_MS);
  if (until.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) return { problem: 'rangeTooLong' };
  return { since: from.toISOString(), until: until.toISOString() };
}

/** Where "write an article for this query" leads: a new draft with the query as its title. */
export function newArticleHref(query: string): string {
  return `/work/articles/new?title=${encodeURIComponent(query)}`;
}
