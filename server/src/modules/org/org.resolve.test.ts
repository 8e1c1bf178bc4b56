import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import { resolveAddress } from './org-address.ts';
import { resolvePoint } from './org-resolve.ts';

// GL spans lng 121.540–121.556, lat 29.874–29.886; GL01 is its westmost strip, 121.540–121.5432.
const IN_GL01 = { lat: 29.88, lng: 121.5416 };
const square = (lng: number, lat: number, half: number) => [
  [
    [lng - half, lat - half],
    [lng + half, lat - half],
    [lng + half, lat + half],
    [lng - half, lat + half],
    [lng - half, lat - half],
  ],
];

describe(`resolving places to units (${testEngine})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
  });
  afterAll(async () => t.close());

  const codes = (r: Awaited<ReturnType<typeof resolvePoint>>) =>
    r && { unit: r.unit?.code, community: r.community?.code ?? null, street: r.street?.code ?? null };

  it('finds the community and street of a point', async () => {
    expect(codes(await resolvePoint(t.database.db, IN_GL01.lat, IN_GL01.lng))).toEqual({
      unit: 'GL01',
      community: 'GL01',
      street: 'GL',
    });
    expect(codes(await resolvePoint(t.database.db, 29.868, 121.564))).toEqual({
      unit: 'JX04',
      community: 'JX04',
      street: 'JX',
    });
  });

  it('answers null outside the district, and the district alone where no street lies', async () => {
    expect(await resolvePoint(t.database.db, 31.23, 121.47)).toBeNull();
    expect(codes(await resolvePoint(t.database.db, 29.85, 121.57))).toEqual({
      unit: 'HS',
      community: null,
      street: null,
    });
  });

  it('prefers the smallest area, and ignores inactive units', async () => {
    const created = await admin.post('/api/org/units', {
      code: 'GL01-G1',
      parentId: await unitId(t, 'GL01'),
      kind: 'grid',
      nameZh: '中山社区第一网格',
      nameEn: 'Zhongshan grid 1',
      area: square(IN_GL01.lng, IN_GL01.lat, 0.0005),
    });
    expect(created.statusCode).toBe(201);
    expect(codes(await resolvePoint(t.database.db, IN_GL01.lat, IN_GL01.lng))).toEqual({
      unit: 'GL01-G1',
      community: 'GL01',
      street: 'GL',
    });
    expect((await resolvePoint(t.database.db, IN_GL01.lat + 0.002, IN_GL01.lng))?.unit?.code).toBe('GL01');
    const grid = created.json();
    await admin.post(`/api/org/units/${grid.id}/deactivate`, { version: grid.version });
    expect((await resolvePoint(t.database.db, IN_GL01.lat, IN_GL01.lng))?.unit?.code).toBe('GL01');
  });

  it('serves point resolution to staff only', async () => {
    const url = `/api/org/resolve/point?lat=${IN_GL01.lat}&lng=${IN_GL01.lng}`;
    expect((await new Client(t.app).get(url)).statusCode).toBe(401);
    const dispatcher = await signIn(t.app, 'gl.dispatcher');
    const res = await dispatcher.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ community: { code: 'GL01' }, street: { code: 'GL' } });
    expect((await dispatcher.get('/api/org/resolve/point?lat=31.23&lng=121.47')).json()).toEqual({
      unit: null,
      community: null,
      street: null,
    });
    const bad = await dispatcher.get('/api/org/resolve/point?lat=95&lng=121.5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.lat');
  });

  const address = async (text: string) => {
    const r = await resolveAddress(t.database.db, text);
    return (
      r && { community: r.community?.code ?? null, street: r.street?.code ?? null, confidence: r.confidence }
    );
  };

  it('reads full names of street and community', async () => {
    expect(await address('浙江省宁波市海曙区鼓楼街道中山社区解放北路12号')).toEqual({
      community: 'GL01',
      street: 'GL',
      confidence: 'high',
    });
    expect(await address('孝闻社区3幢201室')).toEqual({
      community: 'GL02',
      street: 'GL',
      confidence: 'high',
    });
  });

  it('reads short names, with less confidence unless the street backs them', async () => {
    expect(await address('宁波和义大厦旁和义')).toMatchObject({
      community: 'JX03',
      street: 'JX',
      confidence: 'low',
    });
    expect(await address('江厦街道 天一 5号')).toEqual({
      community: 'JX01',
      street: 'JX',
      confidence: 'high',
    });
    expect(await address('江厦天一5号')).toEqual({ community: 'JX01', street: 'JX', confidence: 'medium' });
  });

  it('does not mistake a street for the community of the same name', async () => {
    expect(await address('鼓楼街道办事处')).toEqual({ community: null, street: 'GL', confidence: 'medium' });
    expect(await address('鼓楼社区')).toEqual({ community: 'GL03', street: 'GL', confidence: 'high' });
    expect(await address('鼓楼附近')).toEqual({ community: null, street: 'GL', confidence: 'low' });
  });

  it('does not read a road named after a community as the community', async () => {
    expect(await address('中山西路88号')).toBeNull();
    expect(await address('灵桥路与中山东路路口，灵桥社区')).toMatchObject({ community: 'JX04' });
  });

  it('flags a street and community that disagree', async () => {
    const r = await resolveAddress(t.database.db, '鼓楼街道天一社区');
    expect(r).toMatchObject({
      community: { code: 'JX01' },
      street: { code: 'JX' },
      conflict: true,
      confidence: 'low',
    });
    const two = await resolveAddress(t.database.db, '中山社区和天一社区之间');
    expect(two).toMatchObject({ community: { code: 'GL01' }, conflict: true, confidence: 'low' });
    const again = await resolveAddress(t.database.db, '中山社区 中山');
    expect(again).toMatchObject({ conflict: false, confidence: 'high' });
  });

  it('answers null when no known name occurs', async () => {
    expect(await resolveAddress(t.database.db, '上海市浦东新区世纪大道100号')).toBeNull();
  });

  it('knows compounds and sees renames at once', async () => {
    const compound = await admin.post('/api/org/units', {
      code: 'GL02-C1',
      parentId: await unitId(t, 'GL02'),
      kind: 'compound',
      nameZh: '银杏苑小区',
      nameEn: 'Yinxingyuan Compound',
      aliases: ['银杏苑'],
    });
    expect(compound.statusCode).toBe(201);
    expect(await address('银杏苑小区12幢')).toEqual({ community: 'GL02', street: 'GL', confidence: 'high' });
    expect(await address('银杏苑12幢')).toEqual({ community: 'GL02', street: 'GL', confidence: 'medium' });

    const gl05 = (await admin.get(`/api/org/units/${await unitId(t, 'GL05')}`)).json();
    const renamed = await admin.patch(`/api/org/units/${gl05.id}`, {
      version: gl05.version,
      nameZh: '月光社区',
      aliases: ['月光'],
    });
    expect(renamed.statusCode).toBe(200);
    expect(await address('月光社区')).toEqual({ community: 'GL05', street: 'GL', confidence: 'high' });
    expect(await address('公园社区')).toBeNull();
  });

  it('serves address resolution to staff only', async () => {
    const url = `/api/org/resolve/address?text=${encodeURIComponent('鼓楼街道中山社区')}`;
    expect((await new Client(t.app).get(url)).statusCode).toBe(401);
    const worker = await signIn(t.app, 'jx01.worker');
    const res = await worker.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatchObject({
      community: { code: 'GL01' },
      street: { code: 'GL' },
      confidence: 'high',
      conflict: false,
      matches: [
        { text: '鼓楼街道', via: 'name', unit: { code: 'GL', kind: 'street' } },
        { text: '中山社区', via: 'name', unit: { code: 'GL01', kind: 'community' } },
      ],
    });
    expect((await worker.get('/api/org/resolve/address?text=nowhere')).json()).toEqual({ result: null });
    expect((await worker.get('/api/org/resolve/address?text=')).statusCode).toBe(400);
  });
});
