// `npm run bench [-- --quick] [-- --sizes 100000,1000000] [-- --seconds 10] [-- --only intake,...]`
// Loads the real server over HTTP next to a bare-Fastify baseline on the same engine; see bench/README.md.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Engine, ensureDatabase, sizeLabel, trainRouting, withDatabase } from './lib/databases.ts';
import { drain, type LoadResult, measure, measureSolo } from './lib/load.ts';
import { BIN, DATA_ROOT, REPO, RESULTS_DIR } from './lib/paths.ts';
import { updateResultsTable } from './lib/report.ts';
import { baselineScenarios, productScenarios, readFixture, type Scenario } from './lib/scenarios.ts';
import { type RunningServer, startProcess } from './lib/server.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (flag('help')) {
  console.log(`npm run bench [-- options]
  --quick              10,000 cases, 3 s per figure (day-to-day check)
  --sizes a,b          case counts (default 100000,1000000)
  --seconds n          measured seconds per figure (default 10; quick 3)
  --only a,b           only these figures (intake, case read, unit inbox, search, …; baselines always run)
  --reuse-stale        reuse a database built by an older demo generator rather than rebuilding it
  --sql-profile        SQLite: time every SQL statement the server runs (bench/.data/profiles/sql-*.json)
  --profile            start the server with --cpu-prof (profiles in bench/.data/profiles/)
  --no-write           print only; do not write bench/results or bench/RESULTS.md
  --write              with --quick: write them too (a quick run only prints by default)
PostgreSQL when DATABASE_URL is set (databases shequ_bench_<size>_<generator> are created on its server).`);
  process.exit(0);
}

const quick = flag('quick');
const sizes = (option('sizes') ?? (quick ? '10000' : '100000,1000000')).split(',').map(Number);
const seconds = Number(option('seconds') ?? (quick ? 3 : 10));
const warmupSeconds = quick ? 1 : 3;
const only = option('only')?.split(',');
const connections = 50;
const password = process.env.DEMO_PASSWORD ?? 'Shequ@demo2026';
const adminUrl = process.env.DATABASE_URL;
const engine: Engine = adminUrl ? 'postgres' : 'sqlite';
const log = (line: string) => console.log(line);

export interface Figure extends LoadResult {
  name: string;
  description: string;
  baseline: 'insert' | 'read';
  /** Throughput as a fraction of the matching baseline's, measured in the same run. */
  ratio: number | null;
  skipped?: string;
  /** Why the figure was timed alone only. */
  notLoaded?: string;
  /** One connection, one request at a time (service time without queueing). */
  solo?: { p50: number; p95: number; max: number; requests: number; firstMs: number; errorSample?: string };
}

/** A figure whose single request takes longer than this is not loaded with 50 connections: they would only queue. */
const SOLO_LIMIT_MS = 500;

export interface SizeRun {
  cases: number;
  database: string;
  reused: boolean;
  seedSeconds?: number;
  figures: Figure[];
  baselines: Figure[];
  rss: { idleMb: number; afterMb: number; peakMb: number };
}

function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

async function loadAll(server: RunningServer, scenarios: Scenario[], rss?: () => void): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const s of scenarios) {
    if (only && !s.name.startsWith('baseline') && !only.includes(s.name)) continue;
    if (s.skip) {
      log(`  ${s.name.padEnd(24)} skipped: ${s.skip}`);
      out.push({
        name: s.name,
        description: s.description,
        baseline: s.baseline,
        ratio: null,
        skipped: s.skip,
        ...emptyResult(),
      });
      continue;
    }
    const product = !s.name.startsWith('baseline');
    const solo = product ? await measureSolo(server.url, s.requests, quick ? 2 : 5, 50) : undefined;
    if (solo && solo.p50 > SOLO_LIMIT_MS) {
      const why = `one request alone takes ${fmt(solo.p50, 0)} ms (p50 of ${solo.requests}; the first took ${fmt(solo.firstMs, 0)} ms); ${connections} connections would only queue`;
      log(`  ${s.name.padEnd(24)} not loaded: ${why}`);
      out.push({
        name: s.name,
        description: s.description,
        baseline: s.baseline,
        ratio: null,
        notLoaded: why,
        solo,
        ...emptyResult(),
      });
      continue;
    }
    const r = await measure(server.url, s.requests, { connections, seconds, warmupSeconds });
    rss?.();
    const bad = r.non2xx + r.errors + r.timeouts;
    log(
      `  ${s.name.padEnd(24)} ${fmt(r.requestsPerSecond).padStart(8)} req/s  p50 ${fmt(r.p50).padStart(6)} ms  p95 ${fmt(r.p95).padStart(6)} ms  p99 ${fmt(r.p99).padStart(6)} ms  1st ≤${fmt(r.firstResponseMaxMs, 0).padStart(5)} ms${r.connected < connections ? ` (${r.connected}/${connections} conn.)` : ''}${solo ? `  alone p50 ${fmt(solo.p50)} p95 ${fmt(solo.p95)} ms (first ${fmt(solo.firstMs, 0)} ms)` : ''}${bad ? `  !! ${r.non2xx} non-2xx ${JSON.stringify(r.statuses)}, ${r.errors} errors, ${r.timeouts} timeouts` : ''}`,
    );
    out.push({ name: s.name, description: s.description, baseline: s.baseline, ratio: null, solo, ...r });
    if (solo?.errorSample) log(`    an error answer: ${solo.errorSample}`);
    const drained = await drain(server.url);
    if (drained > 1) log(`  (${fmt(drained, 0)} s for the server to finish the requests still queued)`);
  }
  return out;
}

function emptyResult(): LoadResult {
  const nan = Number.NaN;
  return {
    requestsPerSecond: nan,
    p50: nan,
    p95: nan,
    p99: nan,
    requests: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    load1: os.loadavg()[0] ?? nan,
    firstResponseMaxMs: nan,
    connected: 0,
    statuses: {},
  };
}

async function startBaseline(port: number): Promise<RunningServer> {
  const env: Record<string, string> = {};
  if (adminUrl) {
    const name = 'shequ_bench_baseline';
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`create database ${name}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(adminUrl, name);
  } else {
    env.BASELINE_FILE = path.join(DATA_ROOT, 'baseline', 'baseline.sqlite');
  }
  const tsx = path.join(REPO, 'node_modules/tsx/dist/cli.mjs');
  return startProcess([tsx, path.join(REPO, 'bench/baseline-server.ts')], env, port);
}

async function runSize(cases: number, port: number): Promise<SizeRun> {
  const db = await ensureDatabase(engine, cases, adminUrl, log, flag('reuse-stale'));
  log(
    `\n${engine}, ${cases.toLocaleString('en')} cases (${db.label}, ${db.reused ? 'reused' : `built in ${fmt(db.seedSeconds ?? 0, 0)} s`}); load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await trainRouting(db.env, log);
  const profiles = path.join(DATA_ROOT, 'profiles');
  const profile = flag('profile') ? ['--cpu-prof', '--cpu-prof-dir', profiles] : [];
  const sqlProfile = flag('sql-profile')
    ? path.join(profiles, `sql-${db.label}-${Date.now()}.json`)
    : undefined;
  if (sqlProfile) {
    fs.mkdirSync(profiles, { recursive: true });
    profile.push('--require', path.join(REPO, 'bench/lib/sql-profile.cjs'));
  }
  const server = await startProcess(
    [...profile, BIN, 'start', '--demo'],
    {
      ...db.env,
      LOG_LEVEL: 'warn',
      DEMO_CASES: '0',
      DEMO_PASSWORD: password,
      ...(sqlProfile && { SQL_PROFILE_OUT: sqlProfile }),
    },
    port,
  );
  let baseline: RunningServer | undefined;
  try {
    const idleMb = server.memory().rssMb;
    const fixture = await readFixture(server, password);
    let peakMb = 0;
    const figures = await loadAll(server, productScenarios(fixture), () => {
      peakMb = Math.max(peakMb, server.memory().peakRssMb);
    });
    const mem = server.memory();
    const rss = { idleMb, afterMb: mem.rssMb, peakMb: Math.max(peakMb, mem.peakRssMb) };
    log(
      `  server RSS: ${fmt(rss.idleMb, 0)} MB idle, ${fmt(rss.afterMb, 0)} MB after load, ${fmt(rss.peakMb, 0)} MB peak`,
    );
    await server.stop();
    // The baseline runs right after, on the same machine state, so the ratios compare like with like.
    baseline = await startBaseline(port + 1);
    const baselines = await loadAll(baseline, baselineScenarios(fixture, 100_000));
    const byKind = new Map(baselines.map((b) => [b.baseline, b.requestsPerSecond]));
    for (const f of figures) {
      const base = byKind.get(f.baseline);
      f.ratio = base && Number.isFinite(f.requestsPerSecond) ? f.requestsPerSecond / base : null;
    }
    log(
      `  ratios: ${figures
        .filter((f) => f.ratio !== null)
        .map((f) => `${f.name} ${fmt((f.ratio ?? 0) * 100)}% of ${f.baseline}`)
        .join('; ')}`,
    );
    return {
      cases,
      database: db.label,
      reused: db.reused,
      seedSeconds: db.seedSeconds,
      figures,
      baselines,
      rss,
    };
  } catch (err) {
    log(server.logTail());
    throw err;
  } finally {
    await server.stop();
    await baseline?.stop();
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    hostname: os.hostname(),
  };
}

function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: REPO }).toString().trim();
    const dirty = execSync('git status --porcelain -- server', { cwd: REPO }).toString().trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
const started = new Date();
const loadAtStart = os.loadavg();
// The server code measured is the tree at the start of the run (each size starts its own server).
const commitAtStart = gitCommit();
log(
  `Shequ benchmark: ${engine}, sizes ${sizes.map(sizeLabel).join(', ')}, ${connections} connections, ${seconds} s per figure after ${warmupSeconds} s warm-up`,
);
log(
  `machine: ${JSON.stringify(machine())}; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const runs: SizeRun[] = [];
let port = 3900 + Math.floor(Math.random() * 50) * 2;
for (const cases of sizes) {
  runs.push(await runSize(cases, port));
  port += 2;
}

// How each latency grows from the smallest to the largest database.
const growth: { name: string; p50: number; p95: number; p99: number; aloneP50: number; aloneP95: number }[] =
  [];
const first = runs[0];
const last = runs.at(-1);
if (first && last && runs.length > 1) {
  log(`\nlatency growth ${sizeLabel(first.cases)} → ${sizeLabel(last.cases)} (×, target ≤ 2):`);
  for (const f of last.figures) {
    const g = first.figures.find((x) => x.name === f.name);
    if (!g || f.skipped) continue;
    const row = {
      name: f.name,
      p50: f.p50 / g.p50,
      p95: f.p95 / g.p95,
      p99: f.p99 / g.p99,
      aloneP50: (f.solo?.p50 ?? Number.NaN) / (g.solo?.p50 ?? Number.NaN),
      aloneP95: (f.solo?.p95 ?? Number.NaN) / (g.solo?.p95 ?? Number.NaN),
    };
    growth.push(row);
    log(
      `  ${f.name.padEnd(24)} loaded p50 ×${fmt(row.p50, 2)} p95 ×${fmt(row.p95, 2)} p99 ×${fmt(row.p99, 2)}; alone p50 ×${fmt(row.aloneP50, 2)} p95 ×${fmt(row.aloneP95, 2)}`,
    );
  }
}

const report = {
  date: started.toISOString(),
  finished: new Date().toISOString(),
  engine,
  quick,
  connections,
  seconds,
  warmupSeconds,
  commit: commitAtStart,
  commitAtEnd: gitCommit(),
  machine: machine(),
  node: process.version,
  loadAtStart,
  loadAverage: os.loadavg(),
  runs,
  growth,
};
if (quick ? flag('write') : !flag('no-write')) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = started.toISOString().replace(/:/g, '').replace(/\..*/, 'Z');
  const file = path.join(RESULTS_DIR, `${stamp}-${engine}${quick ? '-quick' : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  updateResultsTable(path.join(REPO, 'bench/RESULTS.md'), RESULTS_DIR);
  log(`\nwrote ${path.relative(REPO, file)} and bench/RESULTS.md`);
}
