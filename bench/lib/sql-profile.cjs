// Preloaded into the server by `npm run bench -- --sql-profile` (SQLite only): times every statement
// better-sqlite3 prepares and runs, and on exit writes the statements by total time to
// $SQL_PROFILE_OUT (JSON). A measuring aid; it changes nothing the server does.
const fs = require('node:fs');
const Database = require('better-sqlite3');

const stats = new Map();
const now = () => Number(process.hrtime.bigint()) / 1e6;
function record(sql, kind, ms) {
  const key = sql.replace(/\s+/g, ' ').trim();
  const s = stats.get(key) ?? { sql: key, prepares: 0, prepareMs: 0, runs: 0, runMs: 0, maxMs: 0 };
  if (kind === 'prepare') {
    s.prepares++;
    s.prepareMs += ms;
  } else {
    s.runs++;
    s.runMs += ms;
    s.maxMs = Math.max(s.maxMs, ms);
  }
  stats.set(key, s);
}

const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql, ...rest) {
  const t = now();
  const stmt = prepare.call(this, sql, ...rest);
  record(sql, 'prepare', now() - t);
  for (const method of ['run', 'get', 'all']) {
    const original = stmt[method];
    stmt[method] = function (...args) {
      const t0 = now();
      try {
        return original.apply(this, args);
      } finally {
        record(sql, 'run', now() - t0);
      }
    };
  }
  const iterate = stmt.iterate;
  stmt.iterate = function* (...args) {
    const t0 = now();
    try {
      yield* iterate.apply(this, args);
    } finally {
      record(sql, 'run', now() - t0);
    }
  };
  return stmt;
};
const exec = Database.prototype.exec;
Database.prototype.exec = function (sql) {
  const t = now();
  try {
    return exec.call(this, sql);
  } finally {
    record(sql, 'run', now() - t);
  }
};

process.on('exit', () => {
  const out = process.env.SQL_PROFILE_OUT;
  if (!out) return;
  const rows = [...stats.values()].sort((a, b) => b.runMs + b.prepareMs - (a.runMs + a.prepareMs));
  fs.writeFileSync(out, JSON.stringify(rows, null, 1));
});
