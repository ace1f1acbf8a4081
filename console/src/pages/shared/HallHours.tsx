import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import {
  describeChange,
  formatIntervals,
  formatLocalDate,
  formatWeekly,
  isLunch,
  stateOf,
} from '../../lib/hours';
import type { ChangeView, Interval } from '../../lib/hours';

/** What the hours lines need of a hall (the API's `Hall` fields asked at one instant `at`). */
export interface HallHoursView {
  status: string;
  isOpenAt: boolean;
  nextChange?: ChangeView | null;
  today: {
    intervals: readonly Interval[];
    breaks: readonly Interval[];
    closed: boolean;
    special?: { note?: string | null } | null;
  };
  specialDatesAhead: ReadonlyArray<{
    date: string;
    closed: boolean;
    note?: string | null;
    intervals: readonly Interval[];
  }>;
  openingHours?: { weekly: ReadonlyArray<ReadonlyArray<Interval>> };
}

const STATE_LABEL: Record<ReturnType<typeof stateOf>, MessageKey> = {
  open: 'finder.open',
  break: 'hours.stateBreak',
  closed: 'finder.closed',
  suspended: 'hours.stateSuspended',
  shut: 'hours.stateShut',
};

/** Whether the hall counts as open at the instant asked about (the list greys the others). */
export function isOpen(hall: HallHoursView): boolean {
  return stateOf({ status: hall.status, open: hall.isOpenAt, nextChange: hall.nextChange }) === 'open';
}

/** The words for the hall's state now (营业中, 午休中, ...). */
export function hallStateKey(hall: HallHoursView): MessageKey {
  return STATE_LABEL[stateOf({ status: hall.status, open: hall.isOpenAt, nextChange: hall.nextChange })];
}

/** The state tag: 营业中 / 午休中 / 已打烊 / 暂停营业 / 已停业 (text, not only colour). */
export function HallStateTag({ hall }: { hall: HallHoursView }) {
  const { t } = useI18n();
  const state = stateOf({ status: hall.status, open: hall.isOpenAt, nextChange: hall.nextChange });
  return (
    <Tag className={state === 'open' ? 'open-tag' : 'closed-tag'} data-state={state}>
      {t(STATE_LABEL[state])}
    </Tag>
  );
}

/**
 * A hall's hours as a customer is told them: today's hours and lunch break, the next change
 * ("12:00 午休，14:00 开门"), the special dates of the coming days, and (optionally) the week.
 */
export function HallHours({ hall, weekly = false }: { hall: HallHoursView; weekly?: boolean }) {
  const { t, locale } = useI18n();
  const { today } = hall;
  const note = (value: string | null | undefined): string =>
    value ? (locale === 'zh-CN' ? `（${value}）` : ` (${value})`) : '';
  const breaks = today.breaks.map((gap) =>
    t(isLunch(gap.start) ? 'hours.lunch' : 'hours.break', { range: `${gap.start}-${gap.end}` }),
  );
  const todayText = today.closed
    ? t('hours.closedToday')
    : t('hours.today', { hours: formatIntervals(today.intervals, locale) });
  const ahead = hall.specialDatesAhead;
  return (
    <div className="hall-hours">
      <div className="hall-today">
        {[todayText + (today.special ? note(today.special.note) : ''), ...breaks].join(' · ')}
      </div>
      {hall.status === 'OPEN' && hall.nextChange && (
        <div className="hall-next finder-next">{describeChange(hall.nextChange, locale, t)}</div>
      )}
      {ahead.length > 0 && (
        <div className="hall-special">
          {t('hours.specialDates')}
          {locale === 'zh-CN' ? '：' : ': '}
          {ahead
            .map((day) =>
              t('hours.specialDay', {
                date: formatLocalDate(day.date, locale),
                note: note(day.note),
                hours: day.closed ? t('hours.closedWord') : formatIntervals(day.intervals, locale),
              }),
            )
            .join(locale === 'zh-CN' ? '；' : '; ')}
        </div>
      )}
      {weekly && hall.openingHours && (
        <details className="hall-weekly">
          <summary>{t('hours.weekly')}</summary>
          {formatWeekly(hall.openingHours.weekly, locale, t('hours.closedWord'))}
        </details>
      )}
    </div>
  );
}
