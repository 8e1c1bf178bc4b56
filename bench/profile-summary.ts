// Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): self and total time per function;
// or a sql-*.json (from `--sql-profile`): statements by total time.
//   tsx bench/profile-summary.ts bench/.data/profiles/CPU.….cpuprofile [top=30] [filter]
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg, filter] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile | sql-….json> [top] [filter]');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile | SqlStat[];
if (Array.isArray(parsed)) {
  printSql(parsed);
  process.exit(0);
}
const profile = parsed;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});

const key = (n: Node) => {
  const url = n.callFrame.url.replace(/^file:\/\/\/work\/main\//, '').replace(/.*node_modules\//, 'nm:');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const n = byId.get(id) as Node;
  self.set(key(n), (self.get(key(n)) ?? 0) + ms);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur) as Node);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + ms);
  }
}
const wall = (profile.endTime - profile.startTime) / 1000;
const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
console.log(`profile ${wall.toFixed(0)} ms wall, ${(wall - idle).toFixed(0)} ms busy`);
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  [...m]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, v]) => {
      console.log(
        `${v.toFixed(0).padStart(8)} ms ${((v / (wall - idle)) * 100).toFixed(1).padStart(5)}%  ${k}`,
      );
    });
};
// Self time by where the code lives: a package, a server folder, or Node/V8 itself.
const where = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const n = byId.get(id) as Node;
  const url = n.callFrame.url;
  const fn = n.callFrame.functionName;
  const group =
    fn === '(idle)' || fn === '(garbage collector)' || fn === '(program)'
      ? fn
      : /node_modules\/better-sqlite3|sqlite-driver\.js/.test(url)
        ? 'SQLite (better-sqlite3 + the statement itself)'
        : url.includes('node_modules/')
          ? `nm:${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]}`
          : url.includes('/server/src/')
            ? `server/src/${/server\/src\/((?:modules\/)?[^/]+)/.exec(url)?.[1]}`
            : url.startsWith('node:')
              ? 'node internals'
              : url === ''
                ? '(native, unattributed)'
                : url;
  where.set(group, (where.get(group) ?? 0) + ms);
}
show('self time by package', where);
show('self time', self);
show('total time', total);

interface SqlStat {
  sql: string;
  prepares: number;
  prepareMs: number;
  runs: number;
  runMs: number;
  maxMs: number;
}

function printSql(stats: SqlStat[]) {
  const total = stats.reduce((a, s) => a + s.runMs + s.prepareMs, 0);
  console.log(`${total.toFixed(0)} ms in SQL (prepare + run)`);
  for (const s of stats.filter((x) => !filter || x.sql.includes(filter)).slice(0, top)) {
    console.log(
      `${s.runMs.toFixed(0).padStart(8)} ms run ${s.prepareMs.toFixed(0).padStart(6)} ms prepare ${String(s.runs).padStart(7)}× avg ${(s.runMs / Math.max(1, s.runs)).toFixed(2).padStart(7)} max ${s.maxMs.toFixed(1).padStart(7)}  ${s.sql.slice(0, 300)}`,
    );
  }
}
