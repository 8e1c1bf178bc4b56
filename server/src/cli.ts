import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startServer } from './main.ts';
import { provisionUser } from './modules/accounts/users.service.ts';
import { calendarCommand } from './modules/calendar/calendar.cli.ts';
import { casesCommand } from './modules/cases/cases.cli.ts';
import { progressPrinter, seedDemoCases } from './modules/cases/cases.seed.ts';
import { categoryCommand } from './modules/categories/categories.cli.ts';
import { figuresCommand } from './modules/figures/figures.cli.ts';
import { importOrganisation } from './modules/org/org-import.ts';
import { classifyCommand, routingCommand } from './modules/routing/routing.cli.ts';
import { ROLES, type Role } from './platform/access.ts';
import { type AuditContext, recordAudit, verifyAuditChain } from './platform/audit.ts';
import { generateApiKey } from './platform/auth/api-keys.ts';
import { randomToken } from './platform/auth/crypto.ts';
import { LogSmsSender } from './platform/auth/sms.ts';
import { AppError, errorMessage } from './platform/errors.ts';
import { nowIso } from './platform/time.ts';
import { isEmpty, seedDemo } from './seed.ts';

const CLI: AuditContext = { actor: { type: 'system', name: 'cli' }, ip: null, requestId: null };

async function withDatabase<T>(run: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

async function unitByCode(database: DatabaseHandle, code: string): Promise<number> {
  const unit = await database.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
  if (!unit) throw new Error(`No unit with code ${code}. List them with: npx shequ unit list`);
  return unit.id;
}

async function rootUnitCode(database: DatabaseHandle): Promise<string> {
  const root = await database.db
    .selectFrom('units')
    .select('code')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!root)
    throw new Error(
      'There is no organisation yet. Import one first: npx shequ seed --org <file.json> (or --demo)',
    );
  return root.code;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('a whole number, 0 or more');
  return n;
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
  return value as Role;
}

function printPassword(password: string, generated: boolean): void {
  if (generated) console.log(`Password (shown once, change it after first sign-in): ${password}`);
}

/** Builds the `shequ` command line; `main` runs it. */
/** The OpenAPI document, from the app built on a throw-away database (nothing listens). */
async function describeApi(): Promise<unknown> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-openapi-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' });
  const database = openDatabase(config.database);
  try {
    const app = await buildApp({ database, config, sms: new LogSmsSender({ info: () => undefined }) });
    await app.ready();
    const document = app.swagger();
    await app.close();
    return document;
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function buildCli(): Command {
  const program = new Command('shequ')
    .description(
      'Shequ (社区) — one-stop service and governance platform. Settings come from the environment (see README).',
    )
    .showHelpAfterError();

  program
    .command('start')
    .description('migrate and start the server (production refuses to start without an administrator)')
    .option('--demo', 'demo mode: seed the demo district and demo accounts on first start')
    .action(async (opts: { demo?: boolean }) => {
      await startServer(loadConfig(process.env, { demo: Boolean(opts.demo) }));
    });

  program
    .command('openapi')
    .description('write the OpenAPI document of the HTTP API (the web app generates its types from it)')
    .argument('[file]', 'where to write it (default: standard output)')
    .action(async (file?: string) => {
      const document = await describeApi();
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (file) fs.writeFileSync(file, text);
      else process.stdout.write(text);
    });

  program
    .command('migrate')
    .description('bring the database schema to the newest version')
    .action(() =>
      withDatabase(async () => {
        console.log('Database is up to date.');
      }),
    );

  program
    .command('seed')
    .description(
      'load an organisation (JSON export format) or the whole demo district into an empty database; add demo cases',
    )
    .option('--org <file>', 'organisation JSON file to import')
    .option('--demo', 'the demo district, demo accounts and demo persons')
    .option(
      '--cases <n>',
      'demo cases: a year of them (after --demo, or into a database holding a district)',
      parseCount,
    )
    .option('--seed <n>', 'random seed of the demo cases: the same seed writes the same cases', parseCount, 1)
    .action((opts: { org?: string; demo?: boolean; cases?: number; seed: number }) =>
      withDatabase(async (database) => {
        if (!opts.org && !opts.demo && opts.cases === undefined)
          throw new Error('Say what to seed: --org <file.json>, --demo, or --cases <n>');
        if (opts.demo) {
          if (!(await isEmpty(database.db)))
            throw new Error(
              `The database already holds an organisation; demo data goes into an empty one.${opts.cases === undefined ? '' : ' Add cases to it with: npx shequ seed --cases <n>'}`,
            );
          await seedDemo(database.db, loadConfig().demoPassword);
          console.log('Demo district seeded.');
        } else if (opts.org) {
          const document = JSON.parse(fs.readFileSync(path.resolve(opts.org), 'utf8'));
          const result = await importOrganisation(database.db, CLI, document);
          console.log(`Organisation imported: ${result.created} units created, ${result.updated} updated.`);
        }
        if (opts.cases !== undefined && opts.cases > 0) {
          console.log(`Seeding ${opts.cases.toLocaleString('en')} demo cases (seed ${opts.seed})…`);
          const result = await seedDemoCases(database.db, {
            count: opts.cases,
            seed: opts.seed,
            onProgress: progressPrinter(),
          });
          const seconds = result.elapsedMs / 1000;
          console.log(
            `${result.cases.toLocaleString('en')} demo cases seeded in ${seconds.toFixed(1)} s (${Math.round(result.cases / seconds).toLocaleString('en')} cases/s), ${result.persons.toLocaleString('en')} new reporters.`,
          );
        }
      }),
    );

  const unit = program.command('unit').description('the organisation');
  unit
    .command('list')
    .description('print unit codes, kinds and names')
    .option('--kind <kind>', 'only units of this kind, e.g. street or community')
    .action((opts: { kind?: string }) =>
      withDatabase(async (database) => {
        let query = database.db
          .selectFrom('units')
          .select(['code', 'kind', 'name_zh', 'name_en', 'depth', 'active']);
        if (opts.kind) query = query.where('kind', '=', opts.kind);
        for (const u of await query.orderBy('path').execute()) {
          const mark = u.active ? '' : ' (inactive)';
          console.log(
            `${'  '.repeat(u.depth)}${u.code.padEnd(24)} ${u.kind.padEnd(11)} ${u.name_zh} / ${u.name_en}${mark}`,
          );
        }
      }),
    );

  const admin = program.command('admin').description('administrators');
  admin
    .command('create')
    .description('create a district administrator (prints a generated password unless --password is given)')
    .requiredOption('--username <name>', 'sign-in name')
    .option('--name <display>', 'display name', '系统管理员')
    .option('--password <password>', 'password (otherwise generated)')
    .option('--unit <code>', 'unit code (default: the root of the organisation)')
    .action((opts: { username: string; name: string; password?: string; unit?: string }) =>
      withDatabase(async (database) => {
        const unitCode = opts.unit ?? (await rootUnitCode(database));
        const password = opts.password ?? randomToken(12);
        await provisionUser(database.db, CLI, {
          username: opts.username,
          displayName: opts.name,
          password,
          roles: [{ role: 'admin', unitId: await unitByCode(database, unitCode) }],
        });
        console.log(`Administrator ${opts.username} created at ${unitCode}.`);
        printPassword(password, !opts.password);
      }),
    );

  const user = program.command('user').description('staff accounts');
  user
    .command('add')
    .description('create a staff account holding one role at one unit')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .requiredOption('--unit <code>', 'unit code the role is bound to, e.g. GL or GL-ENFORCEMENT')
    .option('--name <display>', 'display name')
    .option('--password <password>', 'password (otherwise generated)')
    .action((opts: { username: string; role: Role; unit: string; name?: string; password?: string }) =>
      withDatabase(async (database) => {
        const password = opts.password ?? randomToken(12);
        await provisionUser(database.db, CLI, {
          username: opts.username,
          displayName: opts.name ?? opts.username,
          password,
          roles: [{ role: opts.role, unitId: await unitByCode(database, opts.unit) }],
        });
        console.log(`User ${opts.username} created: ${opts.role} at ${opts.unit}.`);
        printPassword(password, !opts.password);
      }),
    );

  const apikey = program.command('apikey').description('API keys for machine clients');
  apikey
    .command('create')
    .description('issue an API key owned by a unit; the key is printed once')
    .requiredOption('--name <name>', 'who uses the key, e.g. the app name')
    .requiredOption('--unit <code>', 'owning unit code')
    .option('--rate-limit <n>', 'requests per minute', (v) => Number.parseInt(v, 10), 60)
    .action((opts: { name: string; unit: string; rateLimit: number }) =>
      withDatabase(async (database) => {
        const unitId = await unitByCode(database, opts.unit);
        const key = generateApiKey();
        await database.db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('api_keys')
            .values({
              name: opts.name,
              prefix: key.prefix,
              key_hash: key.hash,
              unit_id: unitId,
              rate_limit_per_minute: opts.rateLimit,
              created_at: nowIso(),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await recordAudit(trx, CLI, {
            action: 'apikey.create',
            recordType: 'api_key',
            recordId: row.id,
            after: { name: opts.name, prefix: key.prefix, unitId },
          });
        });
        console.log(`API key for ${opts.name} (shown once): ${key.key}`);
      }),
    );

  program
    .command('backup')
    .description('SQLite: online backup to a file; PostgreSQL: print the pg_dump command to run')
    .requiredOption('--out <file>', 'backup file to write')
    .action(async (opts: { out: string }) => {
      const config = loadConfig();
      if (config.database.dialect === 'postgres') {
        console.log(`pg_dump --format=custom --file='${path.resolve(opts.out)}' "$DATABASE_URL"`);
        return;
      }
      const database = openDatabase(config.database);
      try {
        const out = path.resolve(opts.out);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        await database.sqlite?.backup(out);
        console.log(`Backup written to ${out} (${fs.statSync(out).size} bytes).`);
      } finally {
        await database.close();
      }
    });

  program.addCommand(calendarCommand(withDatabase, CLI));
  program.addCommand(categoryCommand(withDatabase, CLI));
  program.addCommand(figuresCommand(withDatabase));
  program.addCommand(casesCommand(withDatabase));
  program.addCommand(classifyCommand(withDatabase));
  program.addCommand(routingCommand(withDatabase));

  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('re-compute the hash chain; exits 1 if any entry was edited or deleted')
    .action(() =>
      withDatabase(async (database) => {
        const result = await verifyAuditChain(database.db);
        if (result.ok) {
          console.log(`Audit log intact: ${result.checked} entries checked.`);
          return;
        }
        console.error(
          `Audit log TAMPERED: ${result.problems.length} problem(s) in ${result.checked} entries.`,
        );
        for (const p of result.problems.slice(0, 50)) console.error(`  entry ${p.seq}: ${p.problem}`);
        process.exitCode = 1;
      }),
    );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    const message =
      err instanceof AppError ? errorMessage(err.code, 'en', err.params) : (err as Error).message;
    console.error(`shequ: ${message}`);
    process.exitCode = 1;
  }
}
