import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../../../test/helpers.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { TaxonomyDocument } from './categories.schema.ts';
import { seedDemoTaxonomy } from './categories.seed.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../../../bin/shequ.js');

describe(`shequ category export|import (${testEngine})`, () => {
  let handle: DatabaseHandle;
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    ({ handle, url, drop } = await openTestDatabase());
    await seedDemoTaxonomy(handle.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-category-cli-'));
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function shequ(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const env = { ...process.env, DATABASE_URL: url, DATA_DIR: dir, LOG_LEVEL: 'warn' };
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr });
      });
    });
  }

  it('exports to a file and imports it back, with a dry run first', async () => {
    const file = path.join(dir, 'taxonomy.json');
    const exported = await shequ('category', 'export', '--file', file);
    expect(exported.code, exported.err).toBe(0);
    const doc: TaxonomyDocument = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.categories).toHaveLength(51);
    const um01 = doc.categories[0];
    if (!um01) throw new Error('UM01 missing');
    um01.resolveWorkdays = 2;
    fs.writeFileSync(file, JSON.stringify(doc));

    const dry = await shequ('category', 'import', '--file', file, '--dry-run');
    expect(dry.out).toContain('Categories: 0 created, 1 updated, 50 unchanged');
    expect(dry.out).toContain('dry run');
    const real = await shequ('category', 'import', '--file', file);
    expect(real.code, real.err).toBe(0);
    const row = await handle.db
      .selectFrom('categories')
      .select(['resolve_workdays', 'version'])
      .where('code', '=', 'UM01')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ resolve_workdays: 2, version: 2 });
  });

  it('takes the seed format too, and reports a bad file field by field', async () => {
    // The plain seed file has no example fields, so UM05 and HO03 lose theirs and UM01 gets its 3 days back.
    const seedFile = path.resolve(here, 'seed/taxonomy.json');
    const seeded = await shequ('category', 'import', '--file', seedFile);
    expect(seeded.out).toContain('Categories: 0 created, 3 updated, 48 unchanged');

    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        format: 'shequ.taxonomy',
        version: 1,
        groups: [],
        categories: [
          {
            code: 'UM01',
            groupCode: 'UM',
            nameZh: 'x',
            nameEn: 'x',
            route: 'x',
            resolveWorkdays: 1,
            urgentHours: 1,
          },
        ],
      }),
    );
    const refused = await shequ('category', 'import', '--file', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('body.categories.0.route');
  });
});
