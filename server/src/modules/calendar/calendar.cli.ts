import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { DatabaseHandle } from '../../db/database.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { describeIssues } from '../../platform/validation.ts';
import { ScheduleBody } from './calendar.schema.ts';
import { getCalendarStatus, publishYear } from './calendar.service.ts';

type WithDatabase = <T>(run: (database: DatabaseHandle) => Promise<T>) => Promise<T>;

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new InvalidArgumentError('a year, e.g. 2027');
  return year;
}

/** Consecutive years as ranges: 2004–2026, 2028. */
function yearRanges(years: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === (years[j] as number) + 1) j++;
    ranges.push(i === j ? `${years[i]}` : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return ranges.join(', ') || 'none';
}

/** `shequ calendar …`: check coverage and publish a year's schedule from a file. */
export function calendarCommand(withDatabase: WithDatabase, ctx: AuditContext): Command {
  const calendar = new Command('calendar').description(
    'the working calendar: holidays, make-up working days, hours',
  );

  calendar
    .command('status')
    .description('known years, working hours and the 60-day look-ahead; exits 1 when it is not covered')
    .option('--at <instant>', 'look ahead from this ISO instant instead of now')
    .action((opts: { at?: string }) =>
      withDatabase(async (database) => {
        const status = await getCalendarStatus(database.db, ctx.actor, 'en', opts.at);
        const bySource = (source: string) =>
          yearRanges(status.years.filter((y) => y.source === source).map((y) => y.year));
        console.log(`Library years: ${bySource('library')}`);
        console.log(`Published by administrators: ${bySource('admin')}`);
        const hours = status.workingHours;
        const periods = hours.periods.map((p) => `${p.start}–${p.end}`).join(', ');
        console.log(`Working hours: ${periods} (${hours.hoursPerDay} h a day, ${hours.source})`);
        const { from, to } = status.coverage;
        if (status.warning) {
          console.error(`${from} to ${to}: NOT covered. ${status.warning}`);
          process.exitCode = 1;
        } else {
          console.log(`${from} to ${to}: covered.`);
        }
      }),
    );

  calendar
    .command('import')
    .description(
      "publish a year's schedule from a JSON file ({ holidays: [{date, name}], workdays: [...], note })",
    )
    .requiredOption('--year <year>', 'the year the schedule is for', parseYear)
    .requiredOption('--file <file>', 'the schedule JSON file')
    .action((opts: { year: number; file: string }) =>
      withDatabase(async (database) => {
        const parsed = ScheduleBody.safeParse(JSON.parse(fs.readFileSync(path.resolve(opts.file), 'utf8')));
        if (!parsed.success) {
          for (const d of describeIssues(parsed.error.issues, 'body', 'en'))
            console.error(`  ${d.path}: ${d.message}`);
          throw new Error(`${opts.file} is not a valid schedule`);
        }
        try {
          const year = await publishYear(database.db, ctx, opts.year, parsed.data, 'en');
          const count = (kind: string) => year.days.filter((d) => d.kind === kind).length;
          console.log(
            `Schedule for ${opts.year} published (holidays: ${count('holiday')}, make-up working days: ${count('workday')}).`,
          );
        } catch (err) {
          if (err instanceof AppError)
            for (const d of err.details ?? []) console.error(`  ${d.path}: ${d.message}`);
          throw err;
        }
      }),
    );

  return calendar;
}
