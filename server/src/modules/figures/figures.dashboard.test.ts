import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO_PASSWORD, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import type {
  FiguresAreas,
  FiguresBreakdown,
  FiguresCases,
  FiguresSeries,
  FiguresSummary,
} from './figures.schema.ts';
import { APRIL, aprilDistrict, BOTH, buildHistory, MARCH, marchDistrict, R } from './figures.test-history.ts';
import { createFiguresTestApp, figuresTestKit, makeCase } from './figures.test-support.ts';

// What the leaders' dashboard adds to the figures: a category filter, the period before, handling
// time and what is being handled now, the hotspot areas and the lists of cases needing attention.
// The history and its figures worked out on paper are in figures.test-history.ts (cases C1…C14).
describe(`figures for the dashboard on ${testEngine}`, () => {
  let t: TestApp;
  const { get, ok } = figuresTestKit(() => t);
  const summary = (query: string, username = 'leader') =>
    ok<FiguresSummary>(username, `/api/figures/summary?${query}`);

  beforeAll(async () => {
    t = await createFiguresTestApp();
    await buildHistory(t.database.db);
  });
  afterAll(async () => t.close());

  describe('category filter', () => {
    it('narrows every figure to one leaf category (UM02 in March: C3 and C4)', async () => {
      const s = await summary(`${MARCH}&category=UM02`);
      expect(s.category).toEqual({
        code: 'UM02',
        nameZh: '违章搭建',
        nameEn: 'Illegal construction',
        group: false,
      });
      expect(s.figures).toEqual({
        volumes: {
          registered: 2,
          dispatches: 2,
          returns: 1,
          resolved: 1,
          callbacksAnswered: 0,
          ratings: 0,
          closed: 1,
          backlog: 1,
        },
        rates: {
          firstContactResolution: R(1, 2, 0.5), // C3 answered at intake
          response: R(1, 2, 0.5), // C4 to GL-ENF on time / + C4's misroute, never signed
          onTime: R(1, 1, 1), // C3, without a deadline
          resolution: R(0, 0, null),
          satisfaction: R(0, 0, null),
          oneTimeResolution: R(1, 1, 1), // C3
          routingAccuracy: R(1, 2, 0.5),
        },
        overdueNow: 1, // C4
      });
      // C4 is being handled; C3 was answered at intake, so no handled case was resolved.
      expect(s.handling).toEqual({ now: 1, supervisedNow: 0, resolved: 0, averageHours: null });
      expect(s.registeredBy.channel).toEqual({ walk_in: 1, hotline: 1 });
    });

    it('counts every leaf of a group: UM holds every categorised case', async () => {
      // Every case of March has a category of group UM, so the group's March is the district's.
      expect((await summary(`${MARCH}&category=UM`)).figures).toEqual(marchDistrict);
      // In April C12 has no category: the group counts the district less C12.
      const april = (await summary(`${APRIL}&category=UM`)).figures;
      expect(april.volumes.registered).toBe(aprilDistrict.volumes.registered - 1);
      expect(april.rates.satisfaction).toEqual(R(1, 1, 1)); // C6 only; C12's dissatisfied rating is out
      expect((await summary(`${APRIL}&category=UM`)).category).toMatchObject({ code: 'UM', group: true });
    });

    it('narrows breakdowns and series the same way', async () => {
      const b = await ok<FiguresBreakdown>(
        'leader',
        `/api/figures/breakdown?by=street&${BOTH}&category=UM02`,
      );
      expect(b.rows.map((r) => [r.key?.code ?? null, r.figures.volumes.registered])).toEqual([
        ['GL', 3], // C3 C4 C10
        ['JX', 2], // C7 C8
      ]);
      const series = await ok<FiguresSeries>(
        'leader',
        `/api/figures/series?interval=month&${BOTH}&category=UM02`,
      );
      expect(series.buckets.map((x) => x.figures.volumes.registered)).toEqual([2, 3]);
    });

    it('refuses an unknown category, naming the field in the caller’s language', async () => {
      const zh = await get('leader', `/api/figures/summary?category=ZZ99`);
      expect(zh.statusCode).toBe(400);
      expect(zh.json().error.details).toEqual([
        { path: 'querystring.category', code: 'invalid', message: '找不到该分类或已停用' },
      ]);
      const english = new Client(t.app, 'en');
      await english.post('/api/auth/login', { username: 'leader', password: DEMO_PASSWORD });
      const en = await english.get('/api/figures/breakdown?by=street&category=ZZ99');
      expect(en.statusCode).toBe(400);
      expect(en.json().error.details[0]).toMatchObject({
        path: 'querystring.category',
        message: 'no such active category',
      });
      const bad = await get('leader', '/api/figures/areas?category=not%20a%20code');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('querystring.category');
    });
  });

  describe('the period before and handling time', () => {
    it('compares March with the 31 days before it (29 January – 28 February: C13 only)', async () => {
      const s = await summary(`${MARCH}&compare=previous`);
      expect(s.figures).toEqual(marchDistrict);
      expect(s.previous?.period).toEqual({ from: '2026-01-29', to: '2026-03-01' });
      expect(s.previous?.figures.volumes).toEqual({
        registered: 1,
        dispatches: 1,
        returns: 0,
        resolved: 0,
        callbacksAnswered: 0,
        ratings: 0,
        closed: 0,
        backlog: 1, // C13, open until 7 March
      });
      expect(s.previous?.figures.rates.response).toEqual(R(1, 1, 1));
      expect(s.previous?.averageHandlingHours).toBeNull();
      // Without compare there is no previous period.
      expect((await summary(MARCH)).previous).toBeNull();
    });

    it('compares April with the 30 days before it (2–31 March, which hold all of March’s events)', async () => {
      const s = await summary(`${APRIL}&compare=previous`);
      expect(s.previous?.period).toEqual({ from: '2026-03-02', to: '2026-04-01' });
      const { overdueNow: _, ...march } = marchDistrict;
      expect(s.previous?.figures).toEqual(march);
      expect(s.previous?.averageHandlingHours).toBe(181.1);
    });

    it('averages the hours from registration to resolution of the cases a unit handled', async () => {
      // March: C1 54 h, C2 176 h (latest resolution), C5 278.5 h, C13 216 h; C3 answered at intake is out.
      const s = await summary(MARCH);
      expect(s.handling).toEqual({ now: 2, supervisedNow: 0, resolved: 4, averageHours: 181.1 }); // 724.5 / 4
      const b = await ok<FiguresBreakdown>('leader', `/api/figures/breakdown?by=street&${MARCH}`);
      const hoursOf = (code: string) => b.rows.find((r) => r.key?.code === code)?.handling;
      expect(hoursOf('GL')).toEqual({ now: 1, supervisedNow: 0, resolved: 3, averageHours: 169.5 }); // C4 now
      expect(hoursOf('JX')).toEqual({ now: 1, supervisedNow: 0, resolved: 1, averageHours: 216 }); // C11 now
    });

    it('recomputes a kept day of an older format rather than miss its handling time', async () => {
      const root = await unitId(t, 'HS');
      await summary(MARCH); // keeps March's days
      await t.database.db
        .updateTable('figure_days')
        .set({ counts: JSON.stringify({ counts: { registered: 99 }, by: [] }) })
        .where('unit_id', '=', root)
        .where('day', '=', '2026-03-04')
        .execute();
      const s = await summary(MARCH);
      expect(s.figures).toEqual(marchDistrict);
      expect(s.handling.averageHours).toBe(181.1);
      const kept = await t.database.db
        .selectFrom('figure_days')
        .select('counts')
        .where('unit_id', '=', root)
        .where('day', '=', '2026-03-04')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(kept.counts).v).toBe(2);
    });

    it('splits each bucket’s registrations by channel', async () => {
      const series = await ok<FiguresSeries>('leader', `/api/figures/series?interval=month&${BOTH}`);
      expect(series.buckets.map((b) => b.registeredByChannel)).toEqual([
        { hotline: 3, portal: 3, walk_in: 1 }, // C1 C4 C5 / C2 C6 C14 / C3
        { hotline: 4, walk_in: 1, portal: 1 }, // C7 C9 C11 C12 / C8 / C10
      ]);
    });
  });

  describe('hotspot areas', () => {
    it('draws the district’s streets with their rectangles and figures', async () => {
      const a = await ok<FiguresAreas>('leader', `/api/figures/areas?${BOTH}`);
      expect(a.unit).toMatchObject({ code: 'HS', kind: 'district' });
      expect(a.level).toBe('street');
      expect(a.areas.map((x) => x.unit.code)).toEqual(['BY', 'DT', 'GL', 'JX', 'NM', 'WC', 'XM', 'YH']);
      const gl = a.areas.find((x) => x.unit.code === 'GL');
      // haishu-org.json: GL covers [121.54, 29.874] – [121.556, 29.886].
      expect(gl?.area?.[0]).toEqual([
        [121.54, 29.874],
        [121.556, 29.874],
        [121.556, 29.886],
        [121.54, 29.886],
        [121.54, 29.874],
      ]);
      expect(gl?.figures.volumes.registered).toBe(8);
      expect(gl?.figures.overdueNow).toBe(1);
      expect(a.areas.find((x) => x.unit.code === 'JX')?.figures.volumes.registered).toBe(4);
      expect(a.areas.find((x) => x.unit.code === 'NM')?.figures.volumes.registered).toBe(0);
    });

    it('drills down to a street’s communities, and a community has no sub-areas', async () => {
      const street = await ok<FiguresAreas>(
        'leader',
        `/api/figures/areas?${BOTH}&unitId=${await unitId(t, 'GL')}`,
      );
      expect(street.level).toBe('community');
      expect(street.areas).toHaveLength(5);
      // C1 C2 C3 C5 C14 C9 C10 lie in GL01; C4 only in the street.
      expect(street.areas.find((x) => x.unit.code === 'GL01')?.figures.volumes.registered).toBe(7);
      const community = await ok<FiguresAreas>(
        'leader',
        `/api/figures/areas?${BOTH}&unitId=${await unitId(t, 'GL01')}`,
      );
      expect(community.level).toBeNull();
      expect(community.areas).toEqual([]);
      expect(community.area).not.toBeNull();
    });
  });

  describe('cases needing attention, and scope', () => {
    it('lists the overdue cases, most overdue first, without sensitive ones', async () => {
      const c4 = (await ok<FiguresCases>('leader', '/api/figures/cases?list=overdue')).items;
      expect(c4.map((c) => c.title)).toHaveLength(1);
      expect(c4[0]).toMatchObject({ status: 'accepted', street: { code: 'GL' }, category: { code: 'UM02' } });
      expect(c4[0]?.overdueMinutes).toBeGreaterThan(0);
      // A sensitive case overdue longer still: counted, never listed.
      const secret = await makeCase(t.database.db, {
        street: 'GL',
        community: 'GL02',
        category: 'UM01',
        status: 'accepted',
        registeredAt: '2026-02-01 09:00',
        lead: 'GL-ENFORCEMENT',
        resolveDueAt: '2026-02-05 18:00',
      });
      await t.database.db.updateTable('cases').set({ sensitive: 1 }).where('id', '=', secret).execute();
      const after = await ok<FiguresCases>('leader', '/api/figures/cases?list=overdue');
      expect(after.items.map((c) => c.id)).not.toContain(secret);
      expect(after.items).toHaveLength(1);
      expect((await summary(MARCH)).figures.overdueNow).toBe(2);
    });

    it('lists the supervised cases and counts them', async () => {
      const c11 = await t.database.db
        .selectFrom('cases')
        .select('id')
        .where('resolve_due_at', '>', '2098-01-01')
        .executeTakeFirstOrThrow();
      await t.database.db.updateTable('cases').set({ supervised: 1 }).where('id', '=', c11.id).execute();
      const list = await ok<FiguresCases>('leader', '/api/figures/cases?list=supervised');
      expect(list.items.map((c) => c.id)).toEqual([c11.id]);
      expect(list.items[0]).toMatchObject({ supervised: true, overdueMinutes: null });
      expect((await summary(MARCH)).handling.supervisedNow).toBe(1);
      // Narrowed to GL's cases, the JX case is gone.
      const gl = await ok<FiguresCases>(
        'leader',
        `/api/figures/cases?list=supervised&unitId=${await unitId(t, 'GL')}`,
      );
      expect(gl.items).toEqual([]);
    });

    it('keeps a street dispatcher to the street', async () => {
      const own = await ok<FiguresAreas>('gl.dispatcher', '/api/figures/areas');
      expect(own.unit.code).toBe('GL');
      const jx = await unitId(t, 'JX');
      for (const path of ['areas?', 'cases?list=overdue&', 'summary?compare=previous&']) {
        const res = await get('gl.dispatcher', `/api/figures/${path}unitId=${jx}`);
        expect(res.statusCode, path).toBe(404);
      }
      expect((await get('gl.handler', '/api/figures/areas')).statusCode).toBe(403);
      expect((await get('leader', '/api/figures/cases?list=late')).statusCode).toBe(400);
    });
  });
});
