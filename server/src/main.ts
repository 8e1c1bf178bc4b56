import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_ACCOUNTS } from './modules/accounts/accounts.seed.ts';
import { getCalendarStatus } from './modules/calendar/calendar.service.ts';
import { seedDemoCases } from './modules/cases/cases.seed.ts';
import { retrain } from './modules/routing/training.ts';
import { LogSmsSender } from './platform/auth/sms.ts';
import { startJobWorker } from './platform/jobs.ts';
import { isEmpty, seedDemo } from './seed.ts';

/**
 * Starts the platform: migrate, seed the demo district on a demo's first start, listen, and shut
 * down gracefully on SIGTERM/SIGINT. A production start refuses to run without an administrator,
 * or with the demo accounts still active.
 */
export async function startServer(config: Config): Promise<void> {
  const logger = pino({ level: config.logLevel });
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);

  if (config.demo) {
    if (await isEmpty(database.db)) {
      logger.info('first start: seeding the demo district');
      await seedDemo(database.db, config.demoPassword);
      if (config.demoCases > 0) {
        const seeded = await seedDemoCases(database.db, { count: config.demoCases });
        logger.info(
          { cases: seeded.cases, ms: seeded.elapsedMs },
          'first start: seeded a year of demo cases',
        );
      }
      const trained = await retrain(
        database.db,
        { actor: { type: 'system', name: 'demo-seed' }, ip: null, requestId: null },
        'seed',
      );
      logger.info(
        { samples: trained.samples, cases: trained.caseSamples, ms: trained.ms, metrics: trained.metrics },
        'first start: trained the routing model',
      );
    }
  } else {
    const problem = await productionProblem(database.db);
    if (problem) {
      logger.fatal(problem);
      await database.close();
      process.exitCode = 1;
      return;
    }
  }

  const sms = new LogSmsSender(logger);
  const app = await buildApp({ database, config, sms }, logger);
  // Every process runs a worker; the queue's claims keep them from running one job twice.
  const worker = startJobWorker({ db: database.db, sms, log: logger }, { intervalMs: config.jobPollMs });
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await app.close();
    await worker.stop();
    await database.close();
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  printBanner(`http://${host}:${port}`, config);
  // Deadlines past the calendar's known years count plain weekends only: say so loudly at every start.
  const calendar = await getCalendarStatus(database.db, { type: 'system', name: 'startup' }, 'zh-CN');
  if (calendar.warning) logger.warn({ uncoveredYears: calendar.coverage.uncoveredYears }, calendar.warning);
}

async function productionProblem(db: ReturnType<typeof openDatabase>['db']): Promise<string | null> {
  const admin = await db
    .selectFrom('users as u')
    .innerJoin('role_bindings as rb', 'rb.user_id', 'u.id')
    .select('u.id')
    .where('rb.role', '=', 'admin')
    .where('u.active', '=', 1)
    .where('u.is_demo', '=', 0)
    .executeTakeFirst();
  if (!admin) {
    return 'No administrator exists. Create one first: npx shequ admin create --username <name> (needs an organisation: npx shequ seed --org <file.json>)';
  }
  const demo = await db
    .selectFrom('users')
    .select('id')
    .where('is_demo', '=', 1)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (demo)
    return 'Demo accounts with the public demo password are active; a production start refuses them. Use a fresh database, or deactivate them.';
  return null;
}

function printBanner(url: string, config: Config): void {
  const lines = [
    '',
    `  Shequ 社区 is running at ${url}`,
    `  Health: ${url}/healthz    API docs: ${url}/docs`,
    `  Database: ${config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL'}`,
  ];
  if (config.demo) {
    lines.push('', `  Demo accounts (password: ${config.demoPassword}):`);
    for (const a of DEMO_ACCOUNTS)
      lines.push(`    ${a.username.padEnd(18)} ${a.role.padEnd(19)} ${a.displayName}`);
    lines.push('  Residents sign in with any mobile number; the one-time code is written to this log.');
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}
