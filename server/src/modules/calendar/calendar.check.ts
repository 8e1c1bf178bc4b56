import {
  checkWorkingHours,
  dayNumber,
  isWeekend,
  localDateOf,
  type WorkingPeriod,
} from '../../platform/calendar.ts';
import type { ErrorDetail } from '../../platform/errors.ts';
import { format, type Lang } from '../../platform/i18n.ts';
import type { ScheduleBody } from './calendar.schema.ts';

/** What staff read about the calendar, in each language. */
const TEXT = {
  not_in_year: { 'zh-CN': '{date} 不在 {year} 年内', en: '{date} is not in {year}' },
  duplicate: { 'zh-CN': '{date} 重复填写（另见 {other}）', en: '{date} is listed twice (see {other})' },
  holiday_and_workday: {
    'zh-CN': '{date} 不能既是节假日又是调休上班日（见 {other}）',
    en: '{date} cannot be both a holiday and a make-up working day (see {other})',
  },
  workday_not_weekend: {
    'zh-CN': '调休上班日应为周六或周日，{date} 本来就是工作日',
    en: 'a make-up working day is a Saturday or Sunday; {date} is a weekday already',
  },
  holiday_only_weekend: {
    'zh-CN': '{from} 至 {to} 的假期全部是周末，不改变任何工作日，请核对日期',
    en: 'the holiday {from} to {to} falls entirely on a weekend and changes nothing; check the dates',
  },
  empty: { 'zh-CN': '至少需要一个工作时段', en: 'at least one working period is needed' },
  time_format: { 'zh-CN': '时间格式应为 HH:MM（00:00–24:00）', en: 'a time HH:MM (00:00–24:00)' },
  end_not_after_start: { 'zh-CN': '结束时间须晚于开始时间', en: 'must be after the start' },
  overlap: {
    'zh-CN': '工作时段须按时间先后排列且互不重叠',
    en: 'periods must be in order and must not overlap',
  },
  not_covered: {
    'zh-CN': '{years} 年节假日安排尚未录入，截止时间按普通周末计算',
    en: 'The holiday schedule for {years} has not been entered; deadlines count only Saturdays and Sundays as days off',
  },
} satisfies Record<string, Record<Lang, string>>;

type TextKey = keyof typeof TEXT;

function text(key: TextKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return format(TEXT[key][lang], params);
}

/** The warning staff see while a year in the look-ahead has no schedule; null when there is none. */
export function coverageWarning(uncoveredYears: number[], lang: Lang): string | null {
  if (uncoveredYears.length === 0) return null;
  return text('not_covered', lang, { years: uncoveredYears.join(lang === 'en' ? ', ' : '、') });
}

/**
 * Every mistake in a year's schedule that is surely a mistake: a date outside the year, a date
 * listed twice or as both kinds, a make-up working day that is already a weekday, and a holiday
 * that is nothing but a weekend. Weekend days inside a longer holiday are normal (the official
 * notices list "10月1日至7日放假"), so they are accepted.
 */
export function checkSchedule(year: number, body: ScheduleBody, lang: Lang): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const report = (path: string, code: TextKey, params: Record<string, string | number>) => {
    problems.push({ path, code, message: text(code, lang, params) });
  };
  const seen = new Map<string, { list: string; path: string }>();
  const holidayPaths = new Map<number, string>();

  for (const list of ['holidays', 'workdays'] as const) {
    body[list].forEach(({ date }, i) => {
      const path = `body.${list}.${i}.date`;
      const earlier = seen.get(date);
      if (date.slice(0, 4) !== String(year)) {
        report(path, 'not_in_year', { date, year });
      } else if (earlier) {
        const code = earlier.list === list ? 'duplicate' : 'holiday_and_workday';
        report(path, code, { date, other: earlier.path });
      } else {
        seen.set(date, { list, path });
        if (list === 'holidays') holidayPaths.set(dayNumber(date), path);
        else if (!isWeekend(date)) report(path, 'workday_not_weekend', { date });
      }
    });
  }

  // Runs of consecutive holidays: a run of only Saturdays and Sundays gives no one a day off.
  const days = [...holidayPaths.keys()].sort((a, b) => a - b);
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] as number) + 1) j++;
    const run = days.slice(i, j + 1);
    if (run.every((d) => isWeekend(localDateOf(d)))) {
      const [first, last] = [run[0] as number, run.at(-1) as number];
      report(holidayPaths.get(first) as string, 'holiday_only_weekend', {
        from: localDateOf(first),
        to: localDateOf(last),
      });
    }
    i = j + 1;
  }
  return problems;
}

/** The working-hours problems as error details naming the period, in the caller's language. */
export function checkWorkingHoursBody(periods: readonly WorkingPeriod[], lang: Lang): ErrorDetail[] {
  return checkWorkingHours(periods).map((p) => ({
    path: p.path ? `body.periods.${p.path}` : 'body.periods',
    code: p.code,
    message: text(p.code, lang),
  }));
}
