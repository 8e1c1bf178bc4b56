import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { DatabaseHandle } from '../../db/database.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { toTaxonomyDocument } from './categories.seed.ts';
import { exportTaxonomy, importTaxonomy } from './categories-import.ts';

type WithDatabase = <T>(run: (database: DatabaseHandle) => Promise<T>) => Promise<T>;

/** Prints which fields are wrong before the error itself ends the command. */
function reportDetails(err: unknown): never {
  if (err instanceof AppError) {
    for (const d of err.details?.slice(0, 50) ?? []) console.error(`  ${d.path}: ${d.message}`);
  }
  throw err;
}

/** `shequ category …`: the taxonomy as a file, out and in. */
export function categoryCommand(withDatabase: WithDatabase, ctx: AuditContext): Command {
  const category = new Command('category').description(
    'request categories: groups, routes, time limits, extra fields',
  );

  category
    .command('export')
    .description('write the whole taxonomy as JSON (the format of GET /api/categories/export)')
    .option('--file <file>', 'file to write (default: standard output)')
    .action((opts: { file?: string }) =>
      withDatabase(async (database) => {
        const text = `${JSON.stringify(await exportTaxonomy(database.db, ctx.actor), null, 2)}\n`;
        if (!opts.file) {
          process.stdout.write(text);
          return;
        }
        const file = path.resolve(opts.file);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        console.log(`Taxonomy written to ${file}.`);
      }),
    );

  category
    .command('import')
    .description(
      'create and update groups and categories by code, all or nothing (export format or seed format)',
    )
    .requiredOption('--file <file>', 'JSON file to import')
    .option('--dry-run', 'check and count, change nothing')
    .action((opts: { file: string; dryRun?: boolean }) =>
      withDatabase(async (database) => {
        const document: unknown = JSON.parse(fs.readFileSync(path.resolve(opts.file), 'utf8'));
        const dryRun = Boolean(opts.dryRun);
        const r = await Promise.resolve()
          .then(() => importTaxonomy(database.db, ctx, toTaxonomyDocument(document), { dryRun }))
          .catch(reportDetails);
        console.log(
          `Categories: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged; ` +
            `groups: ${r.groups.created} created, ${r.groups.updated} updated, ${r.groups.unchanged} unchanged` +
            `${r.dryRun ? ' (dry run: nothing was changed)' : ''}.`,
        );
      }),
    );

  return category;
}
