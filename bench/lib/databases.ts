import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BIN, DATA_ROOT, REPO } from './paths.ts';

export type Engine = 'sqlite' | 'postgres';

/** Where one benchmark database lives, as the server's environment names it. */
export interface BenchDatabase {
  engine: Engine;
  cases: number;
  /** DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL) for the server. */
  env: Record<string, string>;
  label: string;
  reused: boolean;
  seedSeconds?: number;
}

const GENERATOR_FILES = path.join(REPO, 'server/src/modules/cases');

/**
 * A short hash of the demo generator's sources (cases.seed*.ts and seed/), so a database built by an
 * older generator is never mistaken for a current one.
 */
export function generatorVersion(): string {
  const files = [
    ...fs
      .readdirSync(GENERATOR_FILES)
      .filter((f) => f.startsWith('cases.seed') && !f.endsWith('.test.ts'))
      .map((f) => path.join(GENERATOR_FILES, f)),
    ...listFiles(path.join(GENERATOR_FILES, 'seed')),
    path.join(REPO, 'server/src/seed.ts'),
  ].sort();
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(path.relative(REPO, f)).update('\0').update(fs.readFileSync(f));
  return hash.digest('hex').slice(0, 8);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

export function sizeLabel(cases: number): string {
  return cases >= 1_000_000 && cases % 1_000_000 === 0
    ? `${cases / 1_000_000}m`
    : cases >= 1000 && cases % 1000 === 0
      ? `${cases / 1000}k`
      : String(cases);
}

/** Runs a `shequ` command with the given environment; resolves when it succeeded. */
function runCli(args: string[], env: Record<string, string>, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(`    ${args[0]}: ${line.trim()}`);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args[0]} exited ${code}:\n${tail}`)),
    );
  });
}

/** Runs `shequ seed --demo --cases N`. */
function seed(env: Record<string, string>, cases: number, log: (line: string) => void): Promise<void> {
  return runCli(['seed', '--demo', '--cases', String(cases), '--seed', '1'], env, log);
}

/**
 * Trains the routing model before the server starts, so its retraining job (which finds no model, or
 * one older than a day) does not train during the measurement.
 */
export function trainRouting(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  return runCli(['routing', 'train'], env, log);
}

export async function ensureDatabase(
  engine: Engine,
  cases: number,
  adminUrl: string | undefined,
  log: (line: string) => void,
  reuseStale = false,
): Promise<BenchDatabase> {
  const version = generatorVersion();
  const label = `${engine}-${sizeLabel(cases)}-${version}`;
  if (engine === 'sqlite') {
    const dir = path.join(DATA_ROOT, label);
    if (fs.existsSync(path.join(dir, 'ready.json'))) {
      return { engine, cases, env: { DATA_DIR: dir }, label, reused: true };
    }
    const stale = reuseStale ? newestReady(`${engine}-${sizeLabel(cases)}-`) : undefined;
    if (stale) {
      log(`  reusing ${stale}, built by another version of the demo generator (--reuse-stale)`);
      return { engine, cases, env: { DATA_DIR: path.join(DATA_ROOT, stale) }, label: stale, reused: true };
    }
    const building = `${dir}.building`;
    fs.rmSync(building, { recursive: true, force: true });
    fs.mkdirSync(building, { recursive: true });
    log(`  building ${label} (${cases.toLocaleString('en')} cases) …`);
    const started = Date.now();
    await seed({ DATA_DIR: building }, cases, log);
    const seedSeconds = (Date.now() - started) / 1000;
    fs.writeFileSync(path.join(building, 'ready.json'), JSON.stringify({ cases, version, seedSeconds }));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(building, dir);
    return { engine, cases, env: { DATA_DIR: dir }, label, reused: false, seedSeconds };
  }
  if (!adminUrl) throw new Error('PostgreSQL needs DATABASE_URL');
  const name = `shequ_bench_${sizeLabel(cases)}_${version}`;
  const url = withDatabase(adminUrl, name);
  const env = { DATABASE_URL: url, DATA_DIR: path.join(DATA_ROOT, `${label}-files`) };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount && (await isReady(url))) return { engine, cases, env, label, reused: true };
    if (reuseStale) {
      const others = await admin.query(
        'select datname from pg_database where datname like $1 order by datname',
        [`shequ_bench_${sizeLabel(cases)}_%`],
      );
      for (const { datname } of others.rows as { datname: string }[]) {
        const staleUrl = withDatabase(adminUrl, datname);
        if (!(await isReady(staleUrl))) continue;
        log(`  reusing ${datname}, built by another version of the demo generator (--reuse-stale)`);
        return { engine, cases, env: { ...env, DATABASE_URL: staleUrl }, label: datname, reused: true };
      }
    }
    log(`  building ${name} (${cases.toLocaleString('en')} cases) …`);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const started = Date.now();
  await seed(env, cases, log);
  const seedSeconds = (Date.now() - started) / 1000;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('create table bench_ready (cases integer, version text, seed_seconds real)');
  await c.query('insert into bench_ready values ($1, $2, $3)', [cases, version, seedSeconds]);
  await c.query('vacuum analyze');
  await c.end();
  return { engine, cases, env, label, reused: false, seedSeconds };
}

/** The most recently built SQLite database whose folder starts with `prefix`, if any. */
function newestReady(prefix: string): string | undefined {
  if (!fs.existsSync(DATA_ROOT)) return undefined;
  return fs
    .readdirSync(DATA_ROOT)
    .filter((d) => d.startsWith(prefix) && fs.existsSync(path.join(DATA_ROOT, d, 'ready.json')))
    .map((d) => ({ d, t: fs.statSync(path.join(DATA_ROOT, d, 'ready.json')).mtimeMs }))
    .sort((a, b) => b.t - a.t)[0]?.d;
}

async function isReady(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query("select 1 from information_schema.tables where table_name = 'bench_ready'");
    return (r.rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
}

export function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
