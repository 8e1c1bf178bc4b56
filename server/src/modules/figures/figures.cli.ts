import { Command } from 'commander';
import type { DatabaseHandle } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { summaryLines } from './figures.present.ts';
import { summaryForOperator } from './figures.service.ts';

type WithDatabase = <T>(run: (database: DatabaseHandle) => Promise<T>) => Promise<T>;

/** `shequ figures`: the summary of a unit's subtree for a period, for an operator at the console. */
export function figuresCommand(withDatabase: WithDatabase): Command {
  return new Command('figures')
    .description('print the figures (rates, volumes, backlog) of a unit subtree for a period of local dates')
    .option('--unit <code>', 'unit code, e.g. GL (default: the whole district)')
    .option('--from <date>', 'first local day, YYYY-MM-DD (default: first day of this month)')
    .option('--to <date>', 'first local day after the period, YYYY-MM-DD (default: first day of next month)')
    .option('--json', 'print the summary as JSON, as GET /api/figures/summary returns it')
    .action((opts: { unit?: string; from?: string; to?: string; json?: boolean }) =>
      withDatabase(async (database) => {
        const summary = await summaryForOperator(database.db, {
          unitCode: opts.unit,
          from: opts.from,
          to: opts.to,
        }).catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'record.not_found')
            throw new Error(`No unit with code ${opts.unit}. List them with: npx shequ unit list`);
          throw err;
        });
        if (opts.json) console.log(JSON.stringify(summary, null, 2));
        else for (const line of summaryLines(summary)) console.log(line);
      }),
    );
}
