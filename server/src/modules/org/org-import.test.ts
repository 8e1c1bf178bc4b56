import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgDocument } from './org.schema.ts';
import { exportOrganisation, importOrganisation } from './org-import.ts';

const SYSTEM: AuditContext = { actor: { type: 'system', name: 'test' }, ip: null, requestId: null };

describe(`organisation import and export (${testEngine})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
  });
  afterAll(async () => t.close());

  const exported = async (): Promise<OrgDocument> => (await admin.get('/api/org/export')).json();
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('exports the whole organisation, parents first, and re-imports it unchanged', async () => {
    const doc = await exported();
    expect(doc.format).toBe('shequ.org');
    expect(doc.units[0]).toMatchObject({ code: 'HS', parentCode: null, kind: 'district' });
    const seen = new Set<string>();
    for (const u of doc.units) {
      if (u.parentCode) expect(seen.has(u.parentCode), u.code).toBe(true);
      seen.add(u.code);
    }
    expect(doc.units.find((u) => u.code === 'GL01')).toMatchObject({
      parentCode: 'GL',
      nameZh: '中山社区',
      aliases: ['中山'],
      active: true,
    });
    const before = await auditCount();
    const res = await admin.post('/api/org/import', doc);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: 0, unchanged: doc.units.length });
    expect(await auditCount()).toBe(before);
  });

  it('round-trips into an empty database', async () => {
    const doc = await exported();
    const empty = await createTestApp({ seed: false });
    try {
      expect(await importOrganisation(empty.database.db, SYSTEM, doc)).toEqual({
        created: doc.units.length,
        updated: 0,
        unchanged: 0,
      });
      const again = await exportOrganisation(empty.database.db, {
        type: 'staff',
        userId: 0,
        name: 'reader',
        roles: [{ role: 'leader', unitId: 1, unitPath: '/1/' }],
      });
      expect(again).toEqual(doc);
    } finally {
      await empty.close();
    }
  });

  it('creates, updates and moves by code, in one audited change', async () => {
    const doc = await exported();
    const gl02 = doc.units.find((u) => u.code === 'GL02');
    const team = doc.units.find((u) => u.code === 'JX01-SERVICE_TEAM-1');
    if (!gl02 || !team) throw new Error('demo units missing');
    gl02.nameZh = '孝闻社区（改）';
    team.parentCode = 'JX02';
    const res = await admin.post('/api/org/import', {
      format: 'shequ.org',
      version: 1,
      units: [
        gl02,
        team,
        {
          code: 'GL02-G1-A',
          parentCode: 'GL02-G1',
          kind: 'compound',
          nameZh: '甲小区',
          nameEn: 'Compound A',
        },
        { code: 'GL02-G1', parentCode: 'GL02', kind: 'grid', nameZh: '第一网格', nameEn: 'Grid 1' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 2, unchanged: 0 });
    const after = await exported();
    expect(after.units.find((u) => u.code === 'GL02')?.nameZh).toBe('孝闻社区（改）');
    expect(after.units.find((u) => u.code === 'JX01-SERVICE_TEAM-1')?.parentCode).toBe('JX02');
    expect(after.units.find((u) => u.code === 'GL02-G1-A')).toMatchObject({
      parentCode: 'GL02-G1',
      aliases: [],
      active: true,
    });
    const rows = await t.database.db.selectFrom('units').select(['code', 'path', 'depth', 'id']).execute();
    const row = (code: string) => rows.find((r) => r.code === code);
    expect(row('GL02-G1-A')?.path).toBe(`${row('GL02-G1')?.path}${row('GL02-G1-A')?.id}/`);
    expect(row('JX01-SERVICE_TEAM-1')?.path).toBe(`${row('JX02')?.path}${row('JX01-SERVICE_TEAM-1')?.id}/`);
    expect(row('GL02-G1-A')?.depth).toBe(4);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.import')
      .where('actor_type', '=', 'staff')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      created: 2,
      updated: 2,
      createdCodes: ['GL02-G1', 'GL02-G1-A'],
    });
  });

  it('reports every problem of a bad import and changes nothing', async () => {
    const before = await exported();
    const audits = await auditCount();
    const res = await admin.post('/api/org/import', {
      format: 'shequ.org',
      version: 1,
      units: [
        { code: 'NEW1', parentCode: 'NOWHERE', kind: 'grid', nameZh: 'a', nameEn: 'a' },
        { code: 'NEW2', parentCode: 'GL', kind: 'grid', nameZh: 'b', nameEn: 'b' },
        { code: 'NEW2', parentCode: 'GL', kind: 'grid', nameZh: 'c', nameEn: 'c' },
        { code: 'GL', parentCode: 'GL01', kind: 'street', nameZh: '鼓楼街道', nameEn: 'Gulou' },
        {
          code: 'JX',
          parentCode: 'HS',
          kind: 'street',
          nameZh: '江厦街道',
          nameEn: 'Jiangxia',
          active: false,
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('org.invalid_import');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.units.0.parentCode', code: 'unknown_parent' }),
        expect.objectContaining({ path: 'body.units.2.code', code: 'duplicate_code' }),
        expect.objectContaining({ path: 'body.units.3.parentCode', code: 'cycle' }),
        expect.objectContaining({ path: 'body.units.4.active', code: 'has_active_children' }),
      ]),
    );
    expect(error.message).toContain('body.units.0.parentCode');
    expect(await exported()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('validates the shape of every unit, naming the field', async () => {
    const res = await admin.post('/api/org/import', {
      format: 'shequ.org',
      version: 1,
      units: [
        { code: 'OK1', parentCode: 'GL', kind: 'grid', nameZh: 'a', nameEn: 'a' },
        { code: 'BAD', parentCode: 'GL', kind: 'moon', nameZh: 'a', nameEn: 'a', area: [[[1, 2]]] },
      ],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.units.1.kind', 'body.units.1.area.0']));
    await expect(importOrganisation(t.database.db, SYSTEM, { format: 'other' })).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it('lets only those who manage every touched place import', async () => {
    const dispatcher = await signIn(t.app, 'gl.dispatcher');
    const res = await dispatcher.post('/api/org/import', {
      format: 'shequ.org',
      version: 1,
      units: [{ code: 'GL-NEW', parentCode: 'GL', kind: 'grid', nameZh: 'a', nameEn: 'a' }],
    });
    expect(res.statusCode).toBe(403);
    expect((await new Client(t.app).post('/api/org/import', {})).statusCode).toBe(401);
    expect((await new Client(t.app).get('/api/org/export')).statusCode).toBe(401);
  });
});
