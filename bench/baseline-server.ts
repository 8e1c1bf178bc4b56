// The baseline the product figures are divided by: a bare Fastify app on the same engine that inserts
// one row with a prepared statement (POST /insert) and reads one row by primary key (GET /read/:id).
// Same process model as the real server (one Node process, loopback, JSON in and out), none of its
// work (sessions, validation, routing, history, audit).
//
//   tsx bench/baseline-server.ts   env: PORT, and DATABASE_URL (PostgreSQL) or BASELINE_FILE (SQLite)
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

/** Rows the read endpoint picks from; the same number on both engines. */
export const BASELINE_ROWS = 100_000;

interface Store {
  insert(body: string, phone: string): Promise<number>;
  read(id: number): Promise<unknown>;
  close(): Promise<void>;
}

function openSqlite(file: string): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The same settings as server/src/db/database.ts.
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table if not exists bench_rows (
    id integer primary key, body text not null, phone text not null, created_at text not null)`);
  const count = (db.prepare('select count(*) as n from bench_rows').get() as { n: number }).n;
  const insert = db.prepare('insert into bench_rows (body, phone, created_at) values (?, ?, ?)');
  if (count < BASELINE_ROWS) {
    db.transaction(() => {
      for (let i = count; i < BASELINE_ROWS; i++)
        insert.run(`row ${i}`, `138${String(i).padStart(8, '0')}`, new Date().toISOString());
    })();
  }
  const read = db.prepare('select id, body, phone, created_at from bench_rows where id = ?');
  return {
    insert: async (body, phone) => Number(insert.run(body, phone, new Date().toISOString()).lastInsertRowid),
    read: async (id) => read.get(id),
    close: async () => {
      db.close();
    },
  };
}

async function openPostgres(url: string): Promise<Store> {
  // The same pool size as server/src/db/database.ts.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(`create table if not exists bench_rows (
    id bigserial primary key, body text not null, phone text not null, created_at timestamptz not null)`);
  const { rows } = await pool.query('select count(*)::int as n from bench_rows');
  if (rows[0].n < BASELINE_ROWS) {
    await pool.query(
      `insert into bench_rows (body, phone, created_at)
       select 'row ' || g, '138' || lpad(g::text, 8, '0'), now() from generate_series($1::int, $2::int) g`,
      [rows[0].n, BASELINE_ROWS - 1],
    );
    await pool.query('analyze bench_rows');
  }
  return {
    insert: async (body, phone) => {
      const r = await pool.query({
        name: 'bench_insert',
        text: 'insert into bench_rows (body, phone, created_at) values ($1, $2, now()) returning id',
        values: [body, phone],
      });
      return Number(r.rows[0].id);
    },
    read: async (id) => {
      const r = await pool.query({
        name: 'bench_read',
        text: 'select id, body, phone, created_at from bench_rows where id = $1',
        values: [id],
      });
      return r.rows[0];
    },
    close: () => pool.end(),
  };
}

const store = process.env.DATABASE_URL
  ? await openPostgres(process.env.DATABASE_URL)
  : openSqlite(process.env.BASELINE_FILE ?? path.resolve('bench/.data/baseline/baseline.sqlite'));

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ ok: true }));
app.post<{ Body: { description?: string; reporter?: { phone?: string } } }>(
  '/insert',
  async (request, reply) => {
    const id = await store.insert(
      String(request.body?.description ?? ''),
      String(request.body?.reporter?.phone ?? ''),
    );
    return reply.code(201).send({ id });
  },
);
app.get<{ Params: { id: string } }>('/read/:id', async (request, reply) => {
  const row = await store.read(Number(request.params.id));
  return row ? row : reply.code(404).send({ error: 'not found' });
});

const close = async () => {
  await app.close();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', close);
process.on('SIGINT', close);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3990) });
