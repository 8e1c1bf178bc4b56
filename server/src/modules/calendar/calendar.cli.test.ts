import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../../../test/helpers.ts';
import type { DatabaseHandle } from '../../db/database.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/shequ.js');

/** An invented 2027 schedule (not the State Council's, which was not out when this was written). */
const SCHEDULE_2027 = {
  holidays: ['06', '07', '08', '09', '10', '11', '12'].map((d) => ({ date: `2027-02-${d}`, name: '春节' })),
  workdays: [{ date: '2027-02-20', name: '春节调休' }],
  note: 'test schedule',
};

describe(`shequ calendar (${testEngine})`, () => {
  let handle: DatabaseHandle;
  let url: string;
  let drop: () => Promise<void>;
  let workDir: string;
  beforeAll(async () => {
    ({ handle, url, drop } = await openTestDatabase());
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-calendar-cli-'));
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  function shequ(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const env = { ...process.env, DATABASE_URL: url, DATA_DIR: workDir, LOG_LEVEL: 'warn' };
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr });
      });
    });
  }

  function file(name: string, content: unknown): string {
    const p = path.join(workDir, name);
    fs.writeFileSync(p, JSON.stringify(content));
    return p;
  }

  it('reports the uncovered look-ahead with exit code 1', async () => {
    const res = await shequ('calendar', 'status', '--at', '2026-11-15T01:00:00Z');
    expect(res.code).toBe(1);
    expect(res.out).toContain('Library years: 2004–2026\nPublished by administrators: none\n');
    expect(res.out).toContain('Working hours: 08:30–12:00, 13:30–17:30 (7.5 h a day, default)');
    expect(res.err).toContain(
      '2026-11-15 to 2027-01-14: NOT covered. The holiday schedule for 2027 has not been entered',
    );
  });

  it('refuses a schedule with a weekday as make-up working day, naming the field, and changes nothing', async () => {
    const bad = { ...SCHEDULE_2027, workdays: [{ date: '2027-02-15', name: '春节调休' }] };
    const res = await shequ('calendar', 'import', '--year', '2027', '--file', file('bad.json', bad));
    expect(res.code).toBe(1);
    expect(res.err).toContain(
      'body.workdays.0.date: a make-up working day is a Saturday or Sunday; 2027-02-15 is a weekday already',
    );
    expect(res.err).toContain('shequ: The holiday schedule is invalid: body.workdays.0.date');
    expect(await handle.db.selectFrom('calendar_days').selectAll().execute()).toEqual([]);
  });

  it('imports a year from a file, audited as the CLI, after which the look-ahead is covered', async () => {
    const res = await shequ(
      'calendar',
      'import',
      '--year',
      '2027',
      '--file',
      file('2027.json', SCHEDULE_2027),
    );
    expect(res.err).toBe('');
    expect(res.out).toBe('Schedule for 2027 published (holidays: 7, make-up working days: 1).\n');
    const days = await handle.db
      .selectFrom('calendar_days')
      .select(['date', 'kind'])
      .orderBy('date')
      .execute();
    expect(days.map((d) => `${d.date} ${d.kind}`)).toEqual([
      ...SCHEDULE_2027.holidays.map((d) => `${d.date} holiday`),
      '2027-02-20 workday',
    ]);
    const audit = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar.publish')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_type: 'system', actor_label: 'cli', record_id: '2027' });

    const status = await shequ('calendar', 'status', '--at', '2026-11-15T01:00:00Z');
    expect(status.code).toBe(0);
    expect(status.out).toContain('Published by administrators: 2027\n');
    expect(status.out).toContain('2026-11-15 to 2027-01-14: covered.');
  });
});
