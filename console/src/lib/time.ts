/** Dates and times as agents read them: always in Asia/Shanghai, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

/** "2026-11-30 17:45" in Asia/Shanghai. */
export function formatDateTime(iso: string, locale: 'zh-CN' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** "17:45" in Asia/Shanghai; with the date when it is not the same Shanghai day as `now`. */
export function formatTimeOrDate(iso: string, now: Date, locale: 'zh-CN' | 'en'): string {
  const full = formatDateTime(iso, locale);
  const today = formatDateTime(now.toISOString(), locale).slice(0, 10);
  return full.startsWith(today) ? full.slice(11) : full;
}

/**
 * A wall-clock time typed in Asia/Shanghai (`2026-11-30T09:15`, as a datetime-local field gives it)
 * as an instant. China keeps +08:00 all year (no daylight saving), so the offset is fixed.
 */
export function shanghaiLocalToIso(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return undefined;
  const date = new Date(`${local}:00+08:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The same instant as a datetime-local value in Asia/Shanghai (`2026-11-30T09:15`). */
export function isoToShanghaiLocal(iso: string): string {
  return formatDateTime(iso, 'zh-CN').replace(' ', 'T');
}

/** How long until `deadline` ("5 小时 20 分" / "5 h 20 min"), and whether it has passed. */
export function timeLeft(
  deadline: string,
  now: Date,
  locale: 'zh-CN' | 'en',
): { overdue: boolean; text: string } {
  const ms = new Date(deadline).getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  // Minutes only when there are some, or nothing bigger to say ("1 天", "23 小时", "0 分").
  const showMinutes = rest > 0 || (days === 0 && hours === 0);
  const zh = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', showMinutes ? `${rest} 分` : ''];
  const en = [days ? `${days} d` : '', hours ? `${hours} h` : '', showMinutes ? `${rest} min` : ''];
  return { overdue: ms < 0, text: (locale === 'zh-CN' ? zh : en).filter(Boolean).join(' ') };
}
