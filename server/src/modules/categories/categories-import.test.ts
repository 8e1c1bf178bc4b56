import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { TaxonomyDocument } from './categories.schema.ts';
import { seedTaxonomy } from './categories.seed.ts';
import { exportTaxonomy, importTaxonomy } from './categories-import.ts';

const SYSTEM: AuditContext = { actor: { type: 'system', name: 'test' }, ip: null, requestId: null };

describe(`taxonomy import and export (${testEngine})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
  });
  afterAll(async () => t.close());

  const exported = async (): Promise<TaxonomyDocument> => (await admin.get('/api/categories/export')).json();
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('exports everything, groups first in order, and re-imports it unchanged', async () => {
    const doc = await exported();
    expect(doc).toMatchObject({ format: 'shequ.taxonomy', version: 1 });
    expect(doc.groups).toHaveLength(12);
    expect(doc.categories).toHaveLength(51);
    expect(doc.groups[0]).toEqual({
      code: 'UM',
      nameZh: '城市管理',
      nameEn: 'Urban management',
      sort: 1,
      active: true,
    });
    expect(doc.categories[0]).toMatchObject({
      code: 'UM01',
      groupCode: 'UM',
      route: 'street:ENFORCEMENT',
      review: false,
      resolveWorkdays: 3,
      urgentHours: 24,
      sensitive: false,
      attributes: [],
      active: true,
    });
    expect(doc.categories.find((c) => c.code === 'UM05')?.attributes[0]?.values).toHaveLength(4);
    expect(doc.categories.at(-1)?.code).toBe('CM02');
    const before = await auditCount();
    const res = await admin.post('/api/categories/import', doc);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 51,
      groups: { created: 0, updated: 0, unchanged: 12 },
      dryRun: false,
    });
    expect(await auditCount()).toBe(before);
  });

  it('round-trips into an empty database, and takes the seed file format too', async () => {
    const doc = await exported();
    const empty = await createTestApp({ seed: false });
    try {
      expect(await importTaxonomy(empty.database.db, SYSTEM, doc)).toMatchObject({
        created: 51,
        groups: { created: 12 },
      });
      expect(await exportTaxonomy(empty.database.db, SYSTEM.actor)).toEqual(doc);
      const seedFormat = {
        groups: [{ code: 'AA', zh: '甲', en: 'A' }],
        categories: [
          {
            code: 'AA01',
            group: 'AA',
            zh: '甲一',
            en: 'A one',
            route: null,
            resolveWorkdays: 1,
            urgentHours: 2,
          },
        ],
      };
      expect(await seedTaxonomy(empty.database.db, seedFormat)).toMatchObject({
        created: 1,
        groups: { created: 1 },
      });
      expect(await seedTaxonomy(empty.database.db, seedFormat)).toMatchObject({ created: 0, unchanged: 1 });
    } finally {
      await empty.close();
    }
  });

  it('creates and updates by code in one audited change; a dry run only counts', async () => {
    const doc = await exported();
    const um03 = doc.categories.find((c) => c.code === 'UM03');
    if (!um03) throw new Error('UM03 missing');
    um03.urgentHours = 12;
    um03.attributes = [
      {
        code: 'stall_count',
        datatype: 'number',
        required: false,
        variable: true,
        order: 1,
        descriptionZh: '摊位数',
        descriptionEn: 'Stalls',
      },
    ];
    const body = {
      format: 'shequ.taxonomy',
      version: 1,
      groups: [{ code: 'NG', nameZh: '新组', nameEn: 'New group' }],
      categories: [
        um03,
        {
          code: 'NG01',
          groupCode: 'NG',
          nameZh: '新分类',
          nameEn: 'New category',
          route: 'community:COMMITTEE',
          resolveWorkdays: 5,
          urgentHours: 24,
        },
      ],
    };
    const audits = await auditCount();
    const dry = await admin.post('/api/categories/import?dryRun=true', body);
    expect(dry.json()).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      groups: { created: 1, updated: 0, unchanged: 0 },
      dryRun: true,
    });
    expect((await exported()).categories.find((c) => c.code === 'NG01')).toBeUndefined();
    expect(await auditCount()).toBe(audits);

    const res = await admin.post('/api/categories/import', body);
    expect(res.json()).toMatchObject({ created: 1, updated: 1, dryRun: false });
    expect(await auditCount()).toBe(audits + 1);
    const after = await exported();
    expect(after.categories.find((c) => c.code === 'UM03')).toMatchObject({
      urgentHours: 12,
      attributes: [{ code: 'stall_count' }],
    });
    expect(after.categories.find((c) => c.code === 'NG01')).toMatchObject({
      groupCode: 'NG',
      active: true,
      review: false,
    });
    // The import moved UM03 to version 2: an editor still holding version 1 must reload.
    expect((await admin.patch('/api/categories/UM03', { version: 1, urgentHours: 6 })).statusCode).toBe(409);
    expect((await admin.get('/api/categories/UM03')).json().version).toBe(2);
  });

  it('changes nothing when one row is bad, and names the row and field', async () => {
    const before = await exported();
    const audits = await auditCount();
    const doc = structuredClone(before);
    const third = doc.categories[3];
    if (!third || !doc.categories[0]) throw new Error('demo categories missing');
    doc.categories[0].nameEn = 'Changed but must not stick';
    third.route = 'street';
    const res = await admin.post('/api/categories/import', doc);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'request.invalid',
      details: [expect.objectContaining({ path: 'body.categories.3.route' })],
    });

    const orphan = structuredClone(before);
    if (!orphan.categories[0] || !orphan.categories[5]) throw new Error('demo categories missing');
    orphan.categories[0].nameEn = 'Changed but must not stick';
    orphan.categories[5].groupCode = 'QQ';
    const res2 = await admin.post('/api/categories/import', orphan);
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error).toMatchObject({
      code: 'category.group_not_found',
      details: [{ path: 'body.categories.5.groupCode', code: 'not_found', message: 'QQ' }],
    });

    const twice = structuredClone(before);
    twice.categories.push({ ...twice.categories[0], code: 'UM02' } as TaxonomyDocument['categories'][number]);
    const res3 = await admin.post('/api/categories/import', twice);
    expect(res3.json().error.details).toEqual([
      expect.objectContaining({ path: `body.categories.${twice.categories.length - 1}.code` }),
    ]);

    expect(await exported()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    await expect(importTaxonomy(t.database.db, SYSTEM, { format: 'other' })).rejects.toBeInstanceOf(AppError);
  });
});
