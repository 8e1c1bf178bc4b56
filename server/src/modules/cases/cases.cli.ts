import { Command } from 'commander';
import type { DatabaseHandle } from '../../db/database.ts';
import { sweepCases } from './case-sla.service.ts';

type WithDatabase = <T>(run: (database: DatabaseHandle) => Promise<T>) => Promise<T>;

/** `shequ cases …`: operator commands on the case engine. */
export function casesCommand(withDatabase: WithDatabase): Command {
  const cases = new Command('cases').description('the case engine');
  cases
    .command('sweep')
    .description(
      'run the deadline sweep once now (the server runs it every minute): due soon, overdue, escalation, auto-close',
    )
    .action(() =>
      withDatabase(async (database) => {
        const r = await sweepCases(database.db);
        console.log(
          `Due soon ${r.dueSoon}, overdue ${r.overdue}, escalated ${r.escalated}, auto-closed ${r.autoClosed}.`,
        );
      }),
    );
  return cases;
}
