import { Button, Checkbox, Input, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useAreaT } from '../../app/area-i18n';
import { DEFAULT_DAY, copyMondayToWeekdays } from './hours-grid';
import type { DayRow, HoursGrid, SpecialRow } from './hours-grid';
import { adminMessages } from './messages';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One HH:MM box; 24:00 is allowed for a close at midnight, so no native time input. */
function TimeBox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Input
      aria-label={label}
      value={value}
      maxLength={5}
      placeholder="08:30"
      onChange={(event) => onChange(event.target.value.trim())}
      style={{ width: 76 }}
    />
  );
}

/** A day's hours: open or not, from, to, and its breaks (lunch), each break removable. */
function DayEditor({
  name,
  day,
  onChange,
  error,
  extra,
}: {
  name: string;
  day: DayRow;
  onChange: (day: DayRow) => void;
  error: string | undefined;
  extra?: ReactNode;
}) {
  const t = useAreaT(adminMessages);
  const setBreak = (index: number, change: Partial<{ start: string; end: string }>): void =>
    onChange({ ...day, breaks: day.breaks.map((gap, i) => (i === index ? { ...gap, ...change } : gap)) });
  return (
    <div className={error ? 'hours-row hours-row-error' : 'hours-row'} data-row={name}>
      <Space wrap align="center">
        {extra}
        <Checkbox
          checked={day.open}
          onChange={(event) =>
            onChange(event.target.checked ? { ...DEFAULT_DAY, ...day, open: true } : { ...day, open: false })
          }
        >
          {t('hoursOpenDay', { day: name })}
        </Checkbox>
        {day.open ? (
          <>
            <TimeBox
              label={t('hoursStart', { day: name })}
              value={day.start}
              onChange={(start) => onChange({ ...day, start })}
            />
            <span aria-hidden="true">–</span>
            <TimeBox
              label={t('hoursEnd', { day: name })}
              value={day.end}
              onChange={(end) => onChange({ ...day, end })}
            />
            {day.breaks.map((gap, index) => (
              <Space key={index} size={4} className="hours-break">
                <span>{t('hoursBreak')}</span>
                <TimeBox
                  label={t('hoursBreakStart', { day: name })}
                  value={gap.start}
                  onChange={(start) => setBreak(index, { start })}
                />
                <span aria-hidden="true">–</span>
                <TimeBox
                  label={t('hoursBreakEnd', { day: name })}
                  value={gap.end}
                  onChange={(end) => setBreak(index, { end })}
                />
                <Button
                  size="small"
                  aria-label={t('hoursRemoveBreak', { day: name })}
                  onClick={() => onChange({ ...day, breaks: day.breaks.filter((_, i) => i !== index) })}
                >
                  ×
                </Button>
              </Space>
            ))}
            <Button
              size="small"
              aria-label={t('hoursAddBreakFor', { day: name })}
              onClick={() => onChange({ ...day, breaks: [...day.breaks, { start: '12:00', end: '14:00' }] })}
            >
              {t('hoursAddBreak')}
            </Button>
          </>
        ) : (
          <Typography.Text type="secondary">{t('hoursClosed')}</Typography.Text>
        )}
      </Space>
      {error && (
        <div className="ant-form-item-explain-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * The opening hours as a week grid (a row a day, lunch breaks inside) and the special dates
 * (holidays, closures, make-up working days) below. `errors` are keyed by the API's field paths
 * (`openingHours.weekly.2`, `openingHours.special.0`).
 */
export function HoursGridEditor({
  value,
  onChange,
  errors,
}: {
  value: HoursGrid;
  onChange: (grid: HoursGrid) => void;
  errors: Record<string, string>;
}) {
  const t = useAreaT(adminMessages);
  const setDay = (index: number, day: DayRow): void =>
    onChange({ ...value, week: value.week.map((row, i) => (i === index ? day : row)) });
  const setSpecial = (index: number, row: SpecialRow): void =>
    onChange({ ...value, special: value.special.map((old, i) => (i === index ? row : old)) });
  return (
    <div className="hours-grid">
      <fieldset>
        <legend>{t('hoursWeek')}</legend>
        {value.week.map((day, index) => (
          <DayEditor
            key={WEEKDAYS[index]}
            name={t(WEEKDAYS[index]!)}
            day={day}
            onChange={(next) => setDay(index, next)}
            error={errors[`openingHours.weekly.${index}`]}
          />
        ))}
        <Button size="small" onClick={() => onChange({ ...value, week: copyMondayToWeekdays(value.week) })}>
          {t('hoursCopyMonday')}
        </Button>
      </fieldset>
      <fieldset>
        <legend>{t('hoursSpecial')}</legend>
        {value.special.length === 0 && (
          <Typography.Text type="secondary">{t('hoursNoSpecial')}</Typography.Text>
        )}
        {value.special.map((row, index) => {
          const name = row.date || t('hoursSpecialN', { n: index + 1 });
          return (
            <DayEditor
              key={index}
              name={name}
              day={row}
              onChange={(day) => setSpecial(index, { ...row, ...day })}
              error={errors[`openingHours.special.${index}`]}
              extra={
                <>
                  <input
                    type="date"
                    aria-label={t('hoursSpecialDate', { n: index + 1 })}
                    value={row.date}
                    onChange={(event) => setSpecial(index, { ...row, date: event.target.value })}
                  />
                  <Input
                    aria-label={t('hoursSpecialNote', { n: index + 1 })}
                    placeholder={t('hoursNotePlaceholder')}
                    value={row.note}
                    maxLength={40}
                    onChange={(event) => setSpecial(index, { ...row, note: event.target.value })}
                    style={{ width: 140 }}
                  />
                  <Button
                    size="small"
                    danger
                    autoInsertSpace={false}
                    aria-label={t('hoursRemoveSpecial', { n: index + 1 })}
                    onClick={() =>
                      onChange({ ...value, special: value.special.filter((_, i) => i !== index) })
                    }
                  >
                    {t('remove')}
                  </Button>
                </>
              }
            />
          );
        })}
        <div>
          <Button
            size="small"
            onClick={() =>
              onChange({
                ...value,
                special: [...value.special, { ...DEFAULT_DAY, open: false, date: '', note: '' }],
              })
            }
          >
            {t('hoursAddSpecial')}
          </Button>
        </div>
      </fieldset>
      {errors['openingHours'] && (
        <div className="ant-form-item-explain-error" role="alert">
          {errors['openingHours']}
        </div>
      )}
    </div>
  );
}
