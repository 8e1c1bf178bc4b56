import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dateOf, dayNumber, isWeekend, weekday } from './schedule.ts';

export interface MarkedDay {
  kind: 'holiday' | 'workday';
  name: string;
}

const WEEK = [0, 1, 2, 3, 4, 5, 6] as const;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

const COLOURS = {
  holiday: { background: '#fde2e1', color: '#a8071a' },
  workday: { background: '#fff1b8', color: '#874d00' },
} as const;

/**
 * One month, Monday first, each day marked as a holiday (休) or a make-up working day (班) with its
 * name on hover and for screen readers; weekends without a mark are greyed.
 */
export function MonthGrid({
  year,
  month,
  marks,
  today,
}: {
  year: number;
  /** 1–12 */
  month: number;
  marks: ReadonlyMap<string, MarkedDay>;
  today?: string;
}) {
  const { t, i18n } = useTranslation('admin');
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const start = dayNumber(first);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (weekday(first) + 6) % 7;
  // Each cell carries its own key: a date, or the blank's place before or after the month.
  const cells: { key: string; date: string | null }[] = [];
  for (let i = 0; i < lead; i++) cells.push({ key: `before-${i}`, date: null });
  for (let i = 0; i < length; i++) {
    const date = dateOf(start + i);
    cells.push({ key: date, date });
  }
  for (let i = 0; cells.length % 7; i++) cells.push({ key: `after-${i}`, date: null });
  const weeks: { key: string; days: typeof cells }[] = [];
  for (let w = 0; w < cells.length; w += 7) weeks.push({ key: `week-${w / 7}`, days: cells.slice(w, w + 7) });
  // Monday first: 2024-01-01 was a Monday.
  const dayNames = WEEK.map((offset) => ({
    offset,
    name: new Intl.DateTimeFormat(i18n.language, { weekday: 'narrow', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1 + offset)),
    ),
  }));
  const monthTitle = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
  const longDate = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' });

  return (
    <table className="month-grid" aria-label={`${year} ${monthTitle}`}>
      <caption>
        <Typography.Text strong>{monthTitle}</Typography.Text>
      </caption>
      <thead>
        <tr>
          {dayNames.map((d) => (
            <th key={d.offset} scope="col" style={{ color: d.offset >= 5 ? '#8c8c8c' : undefined }}>
              {d.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.key}>
            {week.days.map(({ key, date }) => {
              if (!date) return <td key={key} />;
              const mark = marks.get(date);
              const written = longDate.format(new Date(`${date}T00:00:00Z`));
              const label = mark
                ? t(mark.kind === 'holiday' ? 'calendar.holidayLabel' : 'calendar.workdayLabel', {
                    date: written,
                    name: mark.name,
                  })
                : written;
              return (
                <td
                  key={key}
                  title={label}
                  aria-label={label}
                  style={{
                    ...(mark ? COLOURS[mark.kind] : {}),
                    color: mark ? COLOURS[mark.kind].color : isWeekend(date) ? '#8c8c8c' : undefined,
                    outline: date === today ? '2px solid #1f6f5c' : undefined,
                  }}
                >
                  <span>{Number(date.slice(8))}</span>
                  {mark && (
                    <span className="month-grid-mark">
                      {t(mark.kind === 'holiday' ? 'calendar.holidayMark' : 'calendar.workdayMark')}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The twelve months of a year, as many to a row as fit. */
export function YearGrid({
  year,
  marks,
  today,
}: {
  year: number;
  marks: ReadonlyMap<string, MarkedDay>;
  today?: string;
}) {
  return (
    <div className="year-grid">
      {MONTHS.map((month) => (
        <MonthGrid key={month} year={year} month={month} marks={marks} today={today} />
      ))}
    </div>
  );
}
