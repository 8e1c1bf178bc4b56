import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type AppDeps, buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { MemorySmsSender } from '../src/platform/auth/sms.ts';
import { seedDemo } from '../src/seed.ts';

export const DEMO_PASSWORD = 'Test@demo2026';

/** Which engine this run tests: PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file. */
export const testEngine: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database of its own for one test file: a new SQLite file in a temp folder, or a
 * new database on the PostgreSQL server of TEST_DATABASE_URL. `drop` removes it.
 */
export async function openTestDatabase(): Promise<{
  handle: DatabaseHandle;
  url: string;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `shequ_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = openDatabase({ dialect: 'postgres', url: url.toString() });
    await migrateToLatest(handle.db);
    return {
      handle,
      url: url.toString(),
      async drop() {
        await handle.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-test-'));
  const file = path.join(dir, 'test.sqlite');
  const handle = openDatabase({ dialect: 'sqlite', file });
  await migrateToLatest(handle.db);
  return {
    handle,
    url: `sqlite:${file}`,
    async drop() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  sms: MemorySmsSender;
  close(): Promise<void>;
}

/** A real app on a real database, seeded with the demo district unless `seed: false`. */
export async function createTestApp(
  options: { seed?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const { handle, drop } = await openTestDatabase();
  if (options.seed !== false) await seedDemo(handle.db, DEMO_PASSWORD);
  const config = loadConfig(
    { DATA_DIR: path.join(os.tmpdir(), 'shequ-test-data'), ...options.env },
    { demo: true },
  );
  const sms = new MemorySmsSender();
  const deps: AppDeps = { database: handle, config, sms };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    database: handle,
    config,
    sms,
    async close() {
      await app.close();
      await drop();
    },
  };
}

type Body = InjectOptions['payload'];

/** Talks to the app as one browser would: keeps the session cookie and sends the CSRF header. */
export class Client {
  cookies: Record<string, string> = {};
  csrfToken: string | undefined;

  constructor(
    readonly app: FastifyInstance,
    readonly lang = 'zh-CN',
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method,
      url,
      payload: body,
      cookies: this.cookies,
      headers: {
        'accept-language': this.lang,
        ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }
  put(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}

/** Signs a demo account in and returns a client carrying its session. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Client> {
  const client = new Client(app);
  const res = await client.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  client.csrfToken = res.json().csrfToken;
  return client;
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/** The id of a unit by its code, straight from the database (tests only). */
export async function unitId(t: TestApp, code: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('units')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}
