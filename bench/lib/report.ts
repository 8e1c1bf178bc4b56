import fs from 'node:fs';
import path from 'node:path';
import { sizeLabel } from './databases.ts';

interface ReportFigure {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  ratio: number | null;
  baseline: string;
  skipped?: string;
  notLoaded?: string;
  solo?: { p50: number; p95: number };
  non2xx: number;
  errors: number;
}

interface SizeRun {
  cases: number;
  database: string;
  figures: ReportFigure[];
  baselines: ReportFigure[];
  rss: { peakMb: number };
}

export interface Report {
  date: string;
  engine: string;
  commit?: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryGb: number };
  loadAverage: number[];
  loadAtStart?: number[];
  runs: SizeRun[];
}

const START =
  '<!-- results:start (bench/run.ts rebuilds this table from bench/results/*.json, newest first) -->';
const END = '<!-- results:end -->';

const n = (v: number | null | undefined, d = 1) =>
  v !== null && v !== undefined && Number.isFinite(v) ? v.toFixed(d) : '–';

/** Older result files marked a figure that was too slow to load as `skipped`. */
function notLoaded(f: ReportFigure): string | undefined {
  return f.notLoaded ?? (f.skipped?.startsWith('one request alone') ? f.skipped : undefined);
}

/** The rows of one run: every figure at every size, its baseline ratio and its growth to the largest size. */
function rows(report: Report, file: string): string[] {
  const date = `${report.date.slice(0, 16).replace('T', ' ')}${report.commit ? ` (${report.commit})` : ''}`;
  const cpu = report.machine.cpu
    .replace(/\(R\)|\(TM\)|CPU|Processor/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const load = report.loadAtStart ?? report.loadAverage;
  const machine = `${report.machine.cores}×${cpu}, load ${n(load[0], 2)}`;
  const first = report.runs[0];
  const last = report.runs.at(-1);
  const out: string[] = [];
  for (const run of report.runs) {
    for (const f of [...run.figures, ...run.baselines]) {
      const small =
        first && run === last && run !== first ? first.figures.find((g) => g.name === f.name) : undefined;
      const growth = small
        ? `alone ×${n((f.solo?.p95 ?? Number.NaN) / (small.solo?.p95 ?? Number.NaN), 2)}${
            notLoaded(f) || notLoaded(small) ? '' : `, loaded ×${n(f.p95 / small.p95, 2)}`
          }`
        : '';
      const bad = f.non2xx + f.errors;
      const slow = notLoaded(f);
      const skipped = f.skipped && !slow ? f.skipped : undefined;
      const loaded = skipped
        ? `skipped: ${skipped} | | | `
        : slow
          ? 'not loaded: one request takes longer than 500 ms alone | – | – | – '
          : `${n(f.requestsPerSecond, 0)} | ${n(f.p50)} | ${n(f.p95)} | ${n(f.p99)} `;
      out.push(
        `| ${date} | ${machine} | ${report.engine} | ${sizeLabel(run.cases)} | ${f.name}${bad ? ` (${bad} failed)` : ''} | ${loaded}| ${n(
          f.solo?.p50,
        )} | ${n(f.solo?.p95)} | ${f.ratio === null || slow ? '' : `${n(f.ratio * 100, 1)}% of ${f.baseline}`} | ${growth} | ${
          f.name === 'intake' ? n(run.rss.peakMb, 0) : ''
        } | [json](${file}) |`,
      );
    }
  }
  return out;
}

/** Rebuilds the table in bench/RESULTS.md from every full run recorded in bench/results/, newest first. */
export function updateResultsTable(mdFile: string, resultsDir: string): void {
  const header = [
    '| date (UTC) (commit) | machine | engine | cases | figure | req/s (50 conn.) | p50 ms | p95 ms | p99 ms | alone p50 ms | alone p95 ms | vs baseline | p95 growth to largest | server RSS peak MB | raw |',
    '| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
  ];
  const reports = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, r: JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as Report }))
    .filter(({ r }) => !r.quick)
    .sort((a, b) => b.r.date.localeCompare(a.r.date));
  const body = [...header, ...reports.flatMap(({ f, r }) => rows(r, `results/${f}`))].join('\n');
  let text = fs.existsSync(mdFile)
    ? fs.readFileSync(mdFile, 'utf8')
    : `# Benchmark results\n\n${START}\n${END}\n`;
  const startAt = text.indexOf('<!-- results:start');
  const endAt = text.indexOf(END);
  if (startAt < 0 || endAt < 0) text += `\n${START}\n${END}\n`;
  const s = text.indexOf('<!-- results:start');
  const e = text.indexOf(END);
  fs.writeFileSync(mdFile, `${text.slice(0, s)}${START}\n${body}\n${text.slice(e)}`);
}
