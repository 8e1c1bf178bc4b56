import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { seedDemoTaxonomy } from './categories.seed.ts';
import { findCategoryByCode } from './categories.service.ts';

interface ListedCategory {
  code: string;
  route?: string | null;
  version?: number;
  attributes: { code: string; datatype: string; order: number; values?: unknown[] }[];
}
interface Listed {
  groups: { code: string; categories: ListedCategory[] }[];
}

/** A category with one attribute of every datatype. */
function everyDatatype(code: string) {
  const field = (c: string, datatype: string, extra: Record<string, unknown> = {}) => ({
    code: c,
    datatype,
    descriptionZh: `字段 ${c}`,
    descriptionEn: `Field ${c}`,
    ...extra,
  });
  const values = [
    { key: 'a', nameZh: '甲', nameEn: 'A' },
    { key: 'b', nameZh: '乙', nameEn: 'B' },
  ];
  return {
    code,
    groupCode: 'UM',
    nameZh: '共享充电桩损坏',
    nameEn: 'Broken shared charging post',
    route: 'street:ENFORCEMENT',
    resolveWorkdays: 4,
    urgentHours: 8,
    attributes: [
      field('post_id', 'string', { required: true, datatypeDescription: '桩身编号' }),
      field('count', 'number'),
      field('seen_at', 'datetime'),
      field('details', 'text'),
      field('kind', 'singlevaluelist', { values }),
      field('parts', 'multivaluelist', { values, required: true }),
    ],
  };
}

describe(`request categories (${testEngine})`, () => {
  let t: TestApp;
  let admin: Client;
  let anonymous: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
    anonymous = new Client(t.app, 'en');
  });
  afterAll(async () => t.close());

  const listed = async (client: Client, query = ''): Promise<Listed> =>
    (await client.get(`/api/categories${query}`)).json();
  const codes = (list: Listed) => list.groups.flatMap((g) => g.categories.map((c) => c.code));
  const count = async (table: 'categories' | 'category_groups') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('seeds the taxonomy: 12 groups, 51 categories with routes and limits, idempotently', async () => {
    expect(await count('category_groups')).toBe(12);
    expect(await count('categories')).toBe(51);
    expect(await findCategoryByCode(t.database.db, 'UM01')).toMatchObject({
      groupCode: 'UM',
      nameZh: '垃圾清运与环境卫生',
      route: { scope: 'street', function: 'ENFORCEMENT' },
      review: false,
      resolveWorkdays: 3,
      urgentHours: 24,
      sensitive: false,
      active: true,
      attributes: [],
    });
    expect(await findCategoryByCode(t.database.db, 'CM02')).toMatchObject({
      sensitive: true,
      route: { scope: 'street', function: 'SUNSHINE_HOME' },
    });
    expect((await findCategoryByCode(t.database.db, 'HO03'))?.attributes).toEqual([
      expect.objectContaining({ code: 'elevator_registration_number', datatype: 'string', required: false }),
    ]);
    expect(await findCategoryByCode(t.database.db, 'NOPE')).toBeNull();
    const again = await seedDemoTaxonomy(t.database.db);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 51, groups: { unchanged: 12 } });
  });

  it('lists active groups and categories to anyone, without routes', async () => {
    const list = await listed(anonymous);
    expect(list.groups).toHaveLength(12);
    expect(codes(list)).toHaveLength(51);
    const um = list.groups.find((g) => g.code === 'UM');
    expect(um?.categories.map((c) => c.code).slice(0, 3)).toEqual(['UM01', 'UM02', 'UM03']);
    const um05 = um?.categories.find((c) => c.code === 'UM05');
    expect(um05).toMatchObject({ urgentHours: 4, resolveWorkdays: 5, abilities: { manage: false } });
    expect(um05?.route).toBeUndefined();
    expect(um05?.attributes[0]).toMatchObject({ code: 'damage_type', datatype: 'singlevaluelist' });
    const one = await anonymous.get('/api/categories/CM02');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ code: 'CM02', sensitive: true, groupCode: 'CM' });
    expect((await anonymous.get('/api/categories/ZZ99')).statusCode).toBe(404);
    // Managers see routes and versions; the inactive entries only on request, and only they may ask.
    const forAdmin = await listed(admin, '?includeInactive=true');
    expect(forAdmin.groups.flatMap((g) => g.categories).find((c) => c.code === 'UM01')).toMatchObject({
      route: 'street:ENFORCEMENT',
      version: 1,
    });
    expect((await anonymous.get('/api/categories?includeInactive=true')).statusCode).toBe(401);
    const dispatcher = await signIn(t.app, 'dispatcher');
    expect((await dispatcher.get('/api/categories?includeInactive=true')).statusCode).toBe(403);
    expect(codes(await listed(dispatcher))).toHaveLength(51);
  });

  it('spells every group and category in pinyin, so pickers find 噪声 by typing zs', async () => {
    const list = (await anonymous.get('/api/categories')).json() as {
      groups: {
        code: string;
        pinyin: { full: string; initials: string };
        categories: { code: string; pinyin: { full: string; initials: string } }[];
      }[];
    };
    const en = list.groups.find((g) => g.code === 'EN');
    expect(en?.pinyin).toEqual({ full: 'shengtaihuanjing', initials: 'sthj' });
    expect(en?.categories.find((c) => c.code === 'EN01')?.pinyin).toEqual({
      full: 'jianzhushigongzaosheng',
      initials: 'jzsgzs',
    });
    const noise = list.groups
      .flatMap((g) => g.categories)
      .filter((c) => c.pinyin.initials.includes('zs'))
      .map((c) => c.code);
    expect(noise).toEqual(expect.arrayContaining(['EN01', 'EN02']));
    // ü is typed v on pinyin keyboards: 园林绿化 is yuanlinlvhua.
    expect(list.groups.flatMap((g) => g.categories).find((c) => c.code === 'UM07')?.pinyin.full).toBe(
      'yuanlinlvhuayushumu',
    );
    // A single category carries it too.
    expect((await anonymous.get('/api/categories/EN02')).json().pinyin.initials).toBe('shshzs');
  });

  it('lets an administrator create a category with every datatype of field', async () => {
    const res = await admin.post('/api/categories', everyDatatype('UM90'));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ code: 'UM90', version: 1, sort: 9, active: true, review: false });
    expect(created.attributes.map((a: { datatype: string }) => a.datatype)).toEqual([
      'string',
      'number',
      'datetime',
      'text',
      'singlevaluelist',
      'multivaluelist',
    ]);
    expect(created.attributes[0]).toEqual({
      code: 'post_id',
      datatype: 'string',
      required: true,
      variable: true,
      order: 1,
      descriptionZh: '字段 post_id',
      descriptionEn: 'Field post_id',
      datatypeDescription: '桩身编号',
    });
    expect(created.attributes[4].values).toHaveLength(2);
    const info = await findCategoryByCode(t.database.db, 'UM90');
    expect(info?.attributes.map((a) => a.code)).toEqual([
      'post_id',
      'count',
      'seen_at',
      'details',
      'kind',
      'parts',
    ]);
    expect(codes(await listed(anonymous))).toContain('UM90');
    const again = await admin.post('/api/categories', everyDatatype('UM90'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('record.duplicate');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'category.create')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ code: 'UM90', route: 'street:ENFORCEMENT' });
  });

  it('names the field of a bad definition, in the caller’s language', async () => {
    const english = new Client(t.app, 'en');
    english.cookies = admin.cookies;
    english.csrfToken = admin.csrfToken;
    const body = everyDatatype('UM91');
    const noValues = { ...body, attributes: [{ ...body.attributes[4], values: undefined }] };
    const res = await english.post('/api/categories', noValues);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'request.invalid',
      message: 'Invalid request: body.attributes.0.values',
      details: [expect.objectContaining({ path: 'body.attributes.0.values' })],
    });
    const emptyValues = { ...body, attributes: [{ ...body.attributes[5], values: [] }] };
    expect((await english.post('/api/categories', emptyValues)).json().error.details[0].path).toBe(
      'body.attributes.0.values',
    );
    const stray = {
      ...body,
      attributes: [{ ...body.attributes[0], values: [{ key: 'a', nameZh: '甲', nameEn: 'A' }] }],
    };
    expect((await english.post('/api/categories', stray)).json().error.details[0].path).toBe(
      'body.attributes.0.values',
    );
    const twice = { ...body, attributes: [body.attributes[0], body.attributes[0]] };
    expect((await english.post('/api/categories', twice)).json().error.details).toEqual([
      { path: 'body.attributes.1.code', code: 'custom', message: 'repeats an earlier entry' },
    ]);
    const badRoute = await admin.post('/api/categories', { ...body, route: 'town:ENFORCEMENT' });
    expect(badRoute.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.route', message: expect.stringContaining('范围') }),
    ]);
    const noGroup = await english.post('/api/categories', { ...body, groupCode: 'XX' });
    expect(noGroup.statusCode).toBe(400);
    expect(noGroup.json().error).toMatchObject({
      code: 'category.group_not_found',
      message: 'There is no category group XX',
      details: [expect.objectContaining({ path: 'body.groupCode' })],
    });
    expect(await findCategoryByCode(t.database.db, 'UM91')).toBeNull();
  });

  it('edits with optimistic concurrency: a stale version is a conflict', async () => {
    const first = await admin.patch('/api/categories/UM02', {
      version: 1,
      urgentHours: 36,
      route: null,
      review: true,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      version: 2,
      urgentHours: 36,
      route: null,
      review: true,
      resolveWorkdays: 10,
    });
    expect(await findCategoryByCode(t.database.db, 'UM02')).toMatchObject({ route: null, review: true });
    const stale = await admin.patch('/api/categories/UM02', { version: 1, nameEn: 'Too late' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('record.conflict');
    expect((await admin.patch('/api/categories/ZZ99', { version: 1 })).statusCode).toBe(404);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'category.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before ?? '{}')).toMatchObject({ urgentHours: 48, route: 'street:ENFORCEMENT' });
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ urgentHours: 36, route: null });
  });

  it('refuses changes to everyone but category managers', async () => {
    for (const username of ['dispatcher', 'agent', 'gl.dispatcher', 'leader']) {
      const staff = await signIn(t.app, username);
      expect((await staff.post('/api/categories', everyDatatype('UM92'))).statusCode, username).toBe(403);
      expect((await staff.patch('/api/categories/UM01', { version: 1 })).statusCode, username).toBe(403);
      expect((await staff.post('/api/categories/UM01/deactivate', { version: 1 })).statusCode).toBe(403);
      expect(
        (await staff.post('/api/categories/groups', { code: 'ZZ', nameZh: 'z', nameEn: 'z' })).statusCode,
      ).toBe(403);
      expect((await staff.get('/api/categories/export')).statusCode).toBe(403);
      expect((await staff.post('/api/categories/import', {})).statusCode).toBe(403);
    }
    expect((await anonymous.post('/api/categories', everyDatatype('UM92'))).statusCode).toBe(401);
    expect((await anonymous.get('/api/categories/export')).statusCode).toBe(401);
  });

  it('hides a deactivated category from the public list and brings it back', async () => {
    const res = await admin.post('/api/categories/UM08/deactivate', { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, version: 2 });
    expect(codes(await listed(anonymous))).not.toContain('UM08');
    expect((await anonymous.get('/api/categories/UM08')).statusCode).toBe(404);
    expect((await admin.get('/api/categories/UM08')).json()).toMatchObject({ active: false });
    expect(codes(await listed(admin))).not.toContain('UM08');
    expect(codes(await listed(admin, '?includeInactive=true'))).toContain('UM08');
    expect(await findCategoryByCode(t.database.db, 'UM08')).toMatchObject({ active: false });
    expect((await admin.post('/api/categories/UM08/activate', { version: 1 })).statusCode).toBe(409);
    expect((await admin.post('/api/categories/UM08/activate', { version: 2 })).json()).toMatchObject({
      active: true,
      version: 3,
    });
    expect(codes(await listed(anonymous))).toContain('UM08');
  });

  it('manages groups: create, rename, deactivate with all their categories', async () => {
    const created = await admin.post('/api/categories/groups', {
      code: 'TR',
      nameZh: '交通出行',
      nameEn: 'Transport',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      code: 'TR',
      nameZh: '交通出行',
      nameEn: 'Transport',
      sort: 13,
      active: true,
    });
    expect(
      (await admin.post('/api/categories/groups', { code: 'TR', nameZh: 'x', nameEn: 'x' })).statusCode,
    ).toBe(409);
    const category = { ...everyDatatype('TR01'), groupCode: 'TR', attributes: [] };
    expect((await admin.post('/api/categories', category)).json()).toMatchObject({
      sort: 0,
      groupCode: 'TR',
    });
    const off = await admin.patch('/api/categories/groups/TR', {
      active: false,
      nameEn: 'Transport and roads',
    });
    expect(off.json()).toMatchObject({ active: false, nameEn: 'Transport and roads' });
    const list = await listed(anonymous);
    expect(list.groups.map((g) => g.code)).not.toContain('TR');
    expect(codes(list)).not.toContain('TR01');
    expect((await anonymous.get('/api/categories/TR01')).statusCode).toBe(404);
    expect(await findCategoryByCode(t.database.db, 'TR01')).toMatchObject({ active: false });
    expect((await admin.patch('/api/categories/groups/NO', { active: true })).statusCode).toBe(404);
  });
});
