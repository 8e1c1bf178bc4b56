import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';

interface Unit {
  id: number;
  code: string;
  parentId: number | null;
  path: string;
  depth: number;
  version: number;
  active: boolean;
  nameZh: string;
  abilities: { manage: boolean };
}

describe(`organisation admin API (${testEngine})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
  });
  afterAll(async () => t.close());

  const unit = async (code: string): Promise<Unit> =>
    (await admin.get(`/api/org/units/${await unitId(t, code)}`)).json();
  const create = (code: string, parentId: number, extra: Record<string, unknown> = {}) =>
    admin.post('/api/org/units', { code, parentId, kind: 'grid', nameZh: code, nameEn: code, ...extra });
  const auditOf = (action: string) =>
    t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('lists units by kind, parent and text, a page at a time', async () => {
    const streets = (await admin.get('/api/org/units?kind=street')).json();
    expect(streets.items.map((u: Unit) => u.code).sort()).toEqual([
      'BY',
      'DT',
      'GL',
      'JX',
      'NM',
      'WC',
      'XM',
      'YH',
    ]);
    expect(streets.nextAfter).toBeNull();
    const gl = await unitId(t, 'GL');
    const kids = (await admin.get(`/api/org/units?parentId=${gl}&kind=community`)).json();
    expect(kids.items.map((u: Unit) => u.code)).toEqual(['GL01', 'GL02', 'GL03', 'GL04', 'GL05']);
    expect((await admin.get('/api/org/units?q=zhongshan')).json().items.map((u: Unit) => u.code)).toContain(
      'GL01',
    );
    expect(
      (await admin.get(`/api/org/units?q=${encodeURIComponent('中山')}&kind=community`)).json().items,
    ).toHaveLength(1);
    const first = (await admin.get('/api/org/units?limit=10')).json();
    expect(first.items).toHaveLength(10);
    const second = (await admin.get(`/api/org/units?limit=10&after=${first.nextAfter}`)).json();
    expect(second.items[0].id).toBeGreaterThan(first.items[9].id);
  });

  it('reads one unit with its parent, area and counts, and the tree', async () => {
    const gl = await unit('GL');
    expect(gl).toMatchObject({
      code: 'GL',
      kind: 'street',
      parent: { code: 'HS' },
      childCount: 10,
      activeChildCount: 10,
      aliases: ['鼓楼'],
      abilities: { manage: true },
    });
    expect((gl as unknown as { area: unknown }).area).toEqual([
      [
        [121.54, 29.874],
        [121.556, 29.874],
        [121.556, 29.886],
        [121.54, 29.886],
        [121.54, 29.874],
      ],
    ]);
    const tree = (await admin.get(`/api/org/tree?rootId=${gl.id}`)).json();
    expect(tree.roots).toHaveLength(1);
    expect(tree.roots[0].children.map((c: { code: string }) => c.code)).toContain('GL01');
    const gl01 = tree.roots[0].children.find((c: { code: string }) => c.code === 'GL01');
    expect(gl01.children.map((c: { code: string }) => c.code)).toContain('GL01-MEDIATION');
    const whole = (await admin.get('/api/org/tree')).json();
    expect(whole.roots.map((r: { code: string }) => r.code)).toEqual(['HS']);
    expect((await admin.get('/api/org/units/999999')).statusCode).toBe(404);
  });

  it('creates a unit under a parent, audited, and refuses a taken code', async () => {
    const gl02 = await unit('GL02');
    const res = await create('GL02-G1', gl02.id, { function: 'GRID', aliases: ['一网格'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'GL02-G1',
      parentId: gl02.id,
      path: `${gl02.path}${res.json().id}/`,
      depth: gl02.depth + 1,
      function: 'GRID',
      version: 1,
      active: true,
    });
    const audit = await auditOf('unit.create');
    expect(audit.some((a) => a.record_id === String(res.json().id))).toBe(true);
    const dup = await create('GL02-G1', gl02.id);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('record.duplicate');
    const orphan = await create('NOPE', 999999);
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error).toMatchObject({
      code: 'org.parent_not_found',
      details: [{ path: 'body.parentId' }],
    });
  });

  it('rejects bad input, naming the field', async () => {
    const gl = await unitId(t, 'GL');
    const open = await create('GL-X', gl, {
      area: [
        [
          [121.54, 29.87],
          [121.55, 29.87],
          [121.55, 29.88],
        ],
      ],
    });
    expect(open.statusCode).toBe(400);
    expect(open.json().error.code).toBe('request.invalid');
    expect(open.json().error.details[0]).toMatchObject({ path: 'body.area.0', code: 'custom' });
    expect(open.json().error.details[0].message).toBe('区域必须是闭合的多边形坐标');
    const far = await create('GL-Y', gl, {
      area: [
        [
          [200, 29.87],
          [121.55, 29.87],
          [121.55, 29.88],
          [200, 29.87],
        ],
      ],
    });
    expect(far.json().error.details[0].path).toBe('body.area.0');
    const kind = await create('GL-Z', gl, { kind: 'planet' });
    expect(kind.json().error.details[0].path).toBe('body.kind');
    const code = await create('has space', gl);
    expect(code.json().error.details[0].path).toBe('body.code');
    const fn = await create('GL-W', gl, { function: 'lower' });
    expect(fn.json().error.details[0].path).toBe('body.function');
    expect((await admin.get('/api/org/units?kind=planet')).json().error.details[0].path).toBe(
      'querystring.kind',
    );
  });

  it('renames with the version, and answers 409 to a stale version', async () => {
    const gl03 = await unit('GL03');
    const res = await admin.patch(`/api/org/units/${gl03.id}`, {
      version: gl03.version,
      nameZh: '鼓楼社区（新）',
      nameEn: 'Gulou Community (new)',
      aliases: ['鼓楼', '老鼓楼'],
      function: 'COMMUNITY',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      nameZh: '鼓楼社区（新）',
      aliases: ['鼓楼', '老鼓楼'],
      version: gl03.version + 1,
    });
    const stale = await admin.patch(`/api/org/units/${gl03.id}`, { version: gl03.version, nameZh: '又改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('record.conflict');
    expect((await unit('GL03')).nameZh).toBe('鼓楼社区（新）');
    const audit = await auditOf('unit.update');
    const entry = audit.find((a) => a.record_id === String(gl03.id));
    expect(JSON.parse(entry?.before ?? '{}').nameZh).toBe('鼓楼社区');
    expect(JSON.parse(entry?.after ?? '{}').nameZh).toBe('鼓楼社区（新）');
  });

  it('moves a unit with its whole subtree, and refuses a cycle', async () => {
    const gl04 = await unit('GL04');
    const grid = (await create('GL04-G1', gl04.id)).json() as Unit;
    const cell = (await create('GL04-G1-A', grid.id, { kind: 'compound' })).json() as Unit;
    const jx = await unit('JX');
    const moved = await admin.post(`/api/org/units/${gl04.id}/move`, {
      version: gl04.version,
      parentId: jx.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: jx.id, path: `${jx.path}${gl04.id}/`, depth: 2 });
    const movedCell = (await admin.get(`/api/org/units/${cell.id}`)).json();
    expect(movedCell).toMatchObject({ path: `${jx.path}${gl04.id}/${grid.id}/${cell.id}/`, depth: 4 });
    const committee = await unit('GL04-COMMITTEE');
    expect(committee.path).toBe(`${jx.path}${gl04.id}/${committee.id}/`);

    const current = await unit('GL04');
    const cycle = await admin.post(`/api/org/units/${current.id}/move`, {
      version: current.version,
      parentId: grid.id,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('org.cycle');
    const self = await admin.post(`/api/org/units/${current.id}/move`, {
      version: current.version,
      parentId: current.id,
    });
    expect(self.json().error.code).toBe('org.cycle');
    const stale = await admin.post(`/api/org/units/${current.id}/move`, {
      version: gl04.version,
      parentId: jx.id,
    });
    expect(stale.statusCode).toBe(409);
    expect((await auditOf('unit.move')).length).toBe(1);
  });

  it('deactivates only units without active children, and reactivates under an active parent', async () => {
    const gl05 = await unit('GL05');
    const blocked = await admin.post(`/api/org/units/${gl05.id}/deactivate`, { version: gl05.version });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('org.has_active_children');

    const grid = (await create('GL05-G1', gl05.id)).json() as Unit;
    const leaf = (await create('GL05-G1-A', grid.id)).json() as Unit;
    const off = await admin.post(`/api/org/units/${leaf.id}/deactivate`, { version: leaf.version });
    expect(off.json()).toMatchObject({ active: false, version: leaf.version + 1 });
    const gridOff = (
      await admin.post(`/api/org/units/${grid.id}/deactivate`, { version: grid.version })
    ).json();
    expect(gridOff.active).toBe(false);
    const leafOn = await admin.post(`/api/org/units/${leaf.id}/reactivate`, { version: leaf.version + 1 });
    expect(leafOn.statusCode).toBe(400);
    expect(leafOn.json().error.code).toBe('org.parent_inactive');
    const under = await create('GL05-G1-B', grid.id);
    expect(under.json().error.code).toBe('org.parent_inactive');
    const gridOn = await admin.post(`/api/org/units/${grid.id}/reactivate`, { version: gridOff.version });
    expect(gridOn.json()).toMatchObject({ active: true });

    const inactive = (await admin.get(`/api/org/units?parentId=${grid.id}&active=false`)).json();
    expect(inactive.items.map((u: Unit) => u.code)).toEqual(['GL05-G1-A']);
    const tree = (await admin.get(`/api/org/tree?rootId=${grid.id}`)).json();
    expect(tree.roots[0].children).toEqual([]);
    const full = (await admin.get(`/api/org/tree?rootId=${grid.id}&includeInactive=true`)).json();
    expect(full.roots[0].children[0]).toMatchObject({ code: 'GL05-G1-A', active: false });
  });

  it('asks anonymous callers to sign in and lets a street dispatcher read but not manage', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/api/org/units')).statusCode).toBe(401);
    expect((await anonymous.get('/api/org/tree')).json().error.code).toBe('auth.required');
    expect((await anonymous.post('/api/org/units', {})).statusCode).toBe(401);

    const dispatcher = await signIn(t.app, 'gl.dispatcher');
    const jx01 = (await dispatcher.get(`/api/org/units/${await unitId(t, 'JX01')}`)).json();
    expect(jx01).toMatchObject({ code: 'JX01', abilities: { manage: false } });
    const gl = await unitId(t, 'GL');
    const denied = await dispatcher.post('/api/org/units', {
      code: 'GL-D1',
      parentId: gl,
      kind: 'grid',
      nameZh: 'x',
      nameEn: 'x',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('access.denied');
    const rename = await dispatcher.patch(`/api/org/units/${jx01.id}`, {
      version: jx01.version,
      nameZh: 'x',
    });
    expect(rename.statusCode).toBe(403);
  });

  it('lets a street administrator manage only inside the street', async () => {
    const res = await admin.post('/api/users', {
      username: 'gl.orgadmin',
      displayName: '鼓楼组织管理员',
      password: 'Good-pass-42',
      roles: [{ role: 'admin', unitId: await unitId(t, 'GL') }],
    });
    expect(res.statusCode).toBe(201);
    const street = await signIn(t.app, 'gl.orgadmin', 'Good-pass-42');
    const gl01 = await unitId(t, 'GL01');
    const made = await street.post('/api/org/units', {
      code: 'GL01-G9',
      parentId: gl01,
      kind: 'grid',
      nameZh: 'g',
      nameEn: 'g',
    });
    expect(made.statusCode).toBe(201);
    const outside = await street.post('/api/org/units', {
      code: 'JX01-G9',
      parentId: await unitId(t, 'JX01'),
      kind: 'grid',
      nameZh: 'g',
      nameEn: 'g',
    });
    expect(outside.statusCode).toBe(403);
    const grid = made.json();
    const away = await street.post(`/api/org/units/${grid.id}/move`, {
      version: grid.version,
      parentId: await unitId(t, 'JX01'),
    });
    expect(away.statusCode).toBe(403);
    const within = await street.post(`/api/org/units/${grid.id}/move`, {
      version: grid.version,
      parentId: await unitId(t, 'GL02'),
    });
    expect(within.statusCode).toBe(200);
  });

  it('lists streets and communities publicly, with their pinyin, without internals', async () => {
    const res = await new Client(t.app).get('/api/org/public/communities');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.streets).toHaveLength(8);
    const jx = body.streets.find((s: { code: string }) => s.code === 'JX');
    expect(Object.keys(jx).sort()).toEqual(['code', 'communities', 'id', 'nameEn', 'nameZh', 'pinyin']);
    expect(jx.pinyin).toEqual({ full: 'jiangxiajiedao', initials: 'jxjd' });
    expect(jx.communities).toContainEqual({
      id: await unitId(t, 'JX01'),
      code: 'JX01',
      nameZh: '天一社区',
      nameEn: 'Tianyi Community',
      pinyin: { full: 'tianyishequ', initials: 'tysq' },
    });
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    for (const p of [
      '/api/org/units',
      '/api/org/units/{id}',
      '/api/org/tree',
      '/api/org/import',
      '/api/org/resolve/point',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
