import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../../../test/helpers.ts';
import { seedDemoOrganisation } from '../org/org.seed.ts';
import { buildHistory } from './figures.test-history.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/shequ.js');

describe(`shequ figures (${testEngine})`, () => {
  let url: string;
  let drop: () => Promise<void>;
  let workDir: string;
  beforeAll(async () => {
    const opened = await openTestDatabase();
    ({ url, drop } = opened);
    await seedDemoOrganisation(opened.handle.db);
    await buildHistory(opened.handle.db);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-figures-cli-'));
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

  it('prints the summary of a street for a period, as text and as JSON', async () => {
    // Street GL in March, worked out in figures.test.ts.
    const text = await shequ('figures', '--unit', 'GL', '--from', '2026-03-01', '--to', '2026-04-01');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('鼓楼街道 / Gulou Subdistrict (GL), 2026-03-01 – 2026-04-01');
    expect(text.out).toMatch(/Response rate\s+57\.14% \(4\/7\)/);
    expect(text.out).toMatch(/Satisfaction rate\s+66\.67% \(2\/3\)/);
    const json = await shequ(
      'figures',
      '--unit',
      'GL',
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-01',
      '--json',
    );
    const summary = JSON.parse(json.out);
    expect(summary.figures.volumes.registered).toBe(6);
    expect(summary.figures.rates.oneTimeResolution).toEqual({ numerator: 2, denominator: 3, rate: 0.6667 });
  });

  it('defaults to the whole district and refuses a bad date or an unknown unit', async () => {
    const district = await shequ('figures', '--from', '2026-03-01', '--to', '2026-04-01', '--json');
    expect(JSON.parse(district.out).figures.volumes.registered).toBe(7);
    const bad = await shequ('figures', '--from', '2026-02-30');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Invalid request: from');
    const unknown = await shequ('figures', '--unit', 'NOPE');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No unit with code NOPE');
  });
});
