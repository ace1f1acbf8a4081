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
