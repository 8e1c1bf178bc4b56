import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.ts';
import { seedDemoOrganisation } from '../src/modules/org/org.seed.ts';
import { openTestDatabase, testEngine } from './helpers.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/shequ.js');

describe(`the shequ command line (${testEngine})`, () => {
  let handle: DatabaseHandle;
  let url: string;
  let drop: () => Promise<void>;
  let workDir: string;
  beforeAll(async () => {
    ({ handle, url, drop } = await openTestDatabase());
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-cli-'));
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...process.env, DATABASE_URL: url, DATA_DIR: workDir, LOG_LEVEL: 'warn', ...extra };
  }

  function shequ(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    return shequWithin(30_000, ...args);
  }

  /** A command that trains a model first (classify on a database without a district builds the demo one). */
  function shequWithin(ms: number, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { env: env(), timeout: ms }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr });
      });
    });
  }

  function startProduction(): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, [bin, 'start'], { env: env({ HOST: '127.0.0.1', PORT: '0' }) });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    return { child, output: () => output };
  }

  function exitOf(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  it('refuses a production start without an administrator', async () => {
    const { child, output } = startProduction();
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain('No administrator exists');
  });

  it('creates an administrator, then starts in production, serves /healthz and stops on SIGTERM', async () => {
    expect((await shequ('admin', 'create', '--username', 'root')).code).toBe(1); // no organisation yet
    await seedDemoOrganisation(handle.db);
    const created = await shequ('admin', 'create', '--username', 'root');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Administrator root created at HS/);
    expect(created.out).toMatch(/Password \(shown once/);

    const { child, output } = startProduction();
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${output()}`)), 20_000);
      const check = setInterval(() => {
        const m = /running at (http:\/\/\S+)/.exec(output());
        if (m?.[1]) {
          clearTimeout(timer);
          clearInterval(check);
          resolve(m[1]);
        }
      }, 50);
    });
    expect(output()).not.toContain('Demo accounts');
    const health = await fetch(`${address}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', database: testEngine });
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('adds users and API keys, and rejects a role that does not exist', async () => {
    const added = await shequ('user', 'add', '--username', 'li', '--role', 'dispatcher', '--unit', 'GL');
    expect(added.code).toBe(0);
    const bad = await shequ('user', 'add', '--username', 'wang', '--role', 'emperor', '--unit', 'GL');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('dispatcher');
    const key = await shequ('apikey', 'create', '--name', 'app', '--unit', 'HS');
    expect(key.out).toMatch(/shq_\w+/);
  });

  it('verifies the audit chain and reports tampering with exit code 1', async () => {
    const ok = await shequ('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: \d+ entries/);
    if (handle.dialect === 'postgres')
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(handle.db);
    else await sql`drop trigger audit_log_no_update`.execute(handle.db);
    await handle.db
      .updateTable('audit_log')
      .set({ actor_label: 'someone else' })
      .where('seq', '=', 1)
      .execute();
    const tampered = await shequ('audit', 'verify');
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain('entry 1: edited');
  });

  it('backs up SQLite online, or prints the pg_dump command for PostgreSQL', async () => {
    const out = path.join(workDir, 'backup', 'copy.sqlite');
    const res = await shequ('backup', '--out', out);
    expect(res.code).toBe(0);
    if (testEngine === 'postgres') {
      expect(res.out).toContain('pg_dump --format=custom');
      return;
    }
    const copy = new Database(out, { readonly: true });
    const row = copy.prepare("select count(*) as n from units where kind = 'street'").get() as { n: number };
    copy.close();
    expect(row.n).toBe(8);
  });

  it('classifies a file of texts (a byte-order mark and CRLF lines too), and measures labelled ones', async () => {
    const input = path.join(workDir, 'texts.jsonl');
    fs.writeFileSync(
      input,
      '\uFEFF{"id":"a","text":"楼上天天半夜拖椅子，吵得睡不着，天一社区","category":"EN02","street":"JX"}\r\n' +
        '{"id":2,"text":"路灯坏了好几天","category":"UM06","street":null}\r\n',
    );
    const plain = await shequWithin(90_000, 'classify', '--in', input);
    expect(plain.code).toBe(0);
    const lines = plain.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 2]);
    expect(lines[0].categories).toHaveLength(3);
    expect(lines[0].categories[0].code).toBe('EN02');
    expect(lines[0].street).toBe('JX');
    expect(lines[1]).toMatchObject({ street: null });

    const measured = await shequWithin(90_000, 'classify', '--in', input, '--eval');
    expect(measured.code).toBe(0);
    expect(measured.out).toContain('Top-1 accuracy:  100.0% (2/2)');
    expect(measured.out).toContain('Street accuracy: 100.0% (1/1)');

    fs.writeFileSync(input, '{"text":"没有编号"}\n');
    const bad = await shequ('classify', '--in', input);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('line 1');
  }, 240_000);
});
