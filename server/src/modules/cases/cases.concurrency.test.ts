import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { GL01_ADDRESS, register } from './cases.test-support.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/shequ.js');

/** One running server process on the test database. */
interface Server {
  url: string;
  child: ChildProcess;
}

async function startServer(databaseUrl: string, port: number): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'start', '--demo'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD,
      DEMO_CASES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`server on port ${port} did not start`);
}

/** A signed-in user of one server process: session cookie plus CSRF header. */
async function session(server: Server, username: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return (urlPath: string, payload: unknown) =>
    fetch(`${server.url}${urlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': body.csrfToken },
      body: JSON.stringify(payload),
    });
}

/**
 * Two app processes on one database, two people of the same unit acting on the same cases at the
 * same moment: on every case exactly one wins and the other gets a clear 409, and nothing is
 * recorded twice.
 */
describe(`two app processes acting on one case at once on ${testEngine}`, () => {
  let t: TestApp;
  const servers: Server[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const databaseUrl = await databaseUrlOf(t);
    const base = 41000 + Math.floor(Math.random() * 2000);
    servers.push(
      ...(await Promise.all([startServer(databaseUrl, base), startServer(databaseUrl, base + 1)])),
    );
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    await t.close();
  });

  it('lets one of two simultaneous signatures win and refuses the other with a conflict', async () => {
    const agent = await signIn(t.app, 'agent');
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(
        (
          await register(agent, {
            categoryCode: 'UM01',
            description: `并发签收 ${i}`,
            location: { address: GL01_ADDRESS },
          })
        ).id,
      );
    }
    const [a, b] = servers as [Server, Server];
    const handler = await session(a, 'gl.handler');
    const head = await session(b, 'gl.head');
    for (const id of ids) {
      const results = await Promise.all([
        handler(`/api/cases/${id}/sign`, {}),
        head(`/api/cases/${id}/sign`, {}),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = (await results.find((r) => r.status === 409)?.json()) as {
        error: { code: string; message: string };
      };
      expect(['case.conflict', 'case.invalid_state']).toContain(loser.error.code);
      expect(loser.error.message).toMatch(/已签收|刚被他人处理/);
    }
    const signs = await t.database.db
      .selectFrom('case_events')
      .select((eb) => ['case_id', eb.fn.countAll<number>().as('n')])
      .where('action', '=', 'sign')
      .where('case_id', 'in', ids)
      .groupBy('case_id')
      .execute();
    expect(signs.map((s) => Number(s.n))).toEqual(ids.map(() => 1));
  }, 60_000);
});

/** The connection string of the test database the app uses. */
async function databaseUrlOf(t: TestApp): Promise<string> {
  if (t.database.dialect === 'postgres') {
    const row = await t.database.db
      .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
      .executeTakeFirstOrThrow();
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${row.name}`;
    return url.toString();
  }
  const file = t.database.sqlite?.name;
  if (!file) throw new Error('no SQLite file');
  return `sqlite:${file}`;
}
