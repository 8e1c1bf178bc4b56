import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import type { FiguresBreakdown, FiguresSeries } from './figures.schema.ts';
import { aprilDistrict, BOTH, buildHistory, MARCH, marchDistrict, R } from './figures.test-history.ts';
import { createFiguresTestApp, figuresTestKit } from './figures.test-support.ts';

// The history and its figures worked out on paper are in figures.test-history.ts (cases C1…C14).
describe(`figures: breakdowns and series on ${testEngine}`, () => {
  let t: TestApp;
  const { ok } = figuresTestKit(() => t);

  beforeAll(async () => {
    t = await createFiguresTestApp();
    await buildHistory(t.database.db);
  });
  afterAll(async () => t.close());

  describe('breakdown', () => {
    const breakdown = (by: string, query = BOTH) =>
      ok<FiguresBreakdown>('leader', `/api/figures/breakdown?by=${by}&${query}`);
    const row = (b: FiguresBreakdown, code: string | null) => {
      const found = b.rows.find((r) => (r.key?.code ?? null) === code);
      if (!found) throw new Error(`no row ${code} in ${JSON.stringify(b.rows.map((r) => r.key?.code))}`);
      return found.figures;
    };

    it('by street, March and April: GL, JX and the unlocated case, each figure as on paper', async () => {
      const b = await breakdown('street');
      expect(b.rows.map((r) => r.key?.code ?? null)).toEqual(['GL', 'JX', null]);
      expect(b.rows[0]?.key).toMatchObject({ code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou Subdistrict' });
      expect(row(b, 'GL')).toEqual({
        // C1 C2 C3 C4 C5 C14 + C9 C10; dispatches: March 7 + C9 (signed on time, then withdrawn).
        volumes: {
          registered: 8,
          dispatches: 8,
          returns: 1,
          resolved: 4,
          callbacksAnswered: 3,
          ratings: 3,
          closed: 3,
          backlog: 3,
        },
        rates: {
          firstContactResolution: R(1, 8, 0.125),
          response: R(5, 8, 0.625),
          onTime: R(4, 4, 1),
          resolution: R(2, 3, 0.6667),
          satisfaction: R(2, 3, 0.6667),
          oneTimeResolution: R(2, 3, 0.6667),
          routingAccuracy: R(7, 8, 0.875),
        },
        overdueNow: 1,
      });
      expect(row(b, 'JX')).toEqual({
        // C6 C7 C8 C11 registered; C13 acts in March; backlog C11.
        volumes: {
          registered: 4,
          dispatches: 2,
          returns: 0,
          resolved: 3,
          callbacksAnswered: 2,
          ratings: 1,
          closed: 3,
          backlog: 1,
        },
        rates: {
          firstContactResolution: R(1, 4, 0.25), // C7
          response: R(1, 2, 0.5), // C6 / + C11
          onTime: R(2, 3, 0.6667), // C6 C7 / + C13
          resolution: R(2, 2, 1), // C13 C6
          satisfaction: R(1, 1, 1), // C6
          oneTimeResolution: R(2, 3, 0.6667), // C13 C7 / + C6 repeated
          routingAccuracy: R(2, 2, 1),
        },
        overdueNow: 0,
      });
      expect(row(b, null)).toEqual({
        // C12 has no place.
        volumes: {
          registered: 1,
          dispatches: 1,
          returns: 0,
          resolved: 1,
          callbacksAnswered: 1,
          ratings: 1,
          closed: 1,
          backlog: 0,
        },
        rates: {
          firstContactResolution: R(0, 1, 0),
          response: R(1, 1, 1),
          onTime: R(0, 1, 0),
          resolution: R(1, 1, 1),
          satisfaction: R(0, 1, 0),
          oneTimeResolution: R(1, 1, 1),
          routingAccuracy: R(1, 1, 1),
        },
        overdueNow: 0,
      });
    });

    it('by community: GL01, JX01 and the cases located only in a street or nowhere', async () => {
      const b = await breakdown('community');
      expect(b.rows.map((r) => [r.key?.code ?? null, r.figures.volumes.registered])).toEqual([
        ['GL01', 7], // C1 C2 C3 C5 C9 C10 C14
        ['JX01', 4], // C6 C7 C8 C11
        [null, 2], // C4 (street only), C12
      ]);
    });

    it('by category: UM01, UM02 and the uncategorised case', async () => {
      const b = await breakdown('category');
      expect(b.rows.map((r) => r.key?.code ?? null)).toEqual(['UM01', 'UM02', null]);
      expect(b.rows[0]?.key).toMatchObject({ code: 'UM01', nameEn: 'Garbage collection and sanitation' });
      const um01 = row(b, 'UM01'); // C1 C2 C5 C6 C9 C11 C14 registered; C13 acts in March
      expect(um01.volumes).toEqual({
        registered: 7,
        dispatches: 8,
        returns: 0,
        resolved: 5,
        callbacksAnswered: 5,
        ratings: 4,
        closed: 4,
        backlog: 2,
      });
      expect(um01.rates).toMatchObject({
        firstContactResolution: R(0, 7, 0),
        response: R(5, 8, 0.625), // C1, C2 r2, C5 lead, C6, C9 / + C2 r1, C5 co, C11
        onTime: R(4, 5, 0.8), // C1 C2 C5 C6 / + C13
        resolution: R(4, 5, 0.8), // C1 C2 2nd C6 C13 / + C2 1st
        satisfaction: R(3, 4, 0.75),
        oneTimeResolution: R(2, 4, 0.5), // C1 C13 / + C2 reopened, C6 repeated
      });
      const um02 = row(b, 'UM02'); // C3 C4 C7 C8 C10
      expect(um02.volumes).toEqual({
        registered: 5,
        dispatches: 2,
        returns: 1,
        resolved: 2,
        callbacksAnswered: 0,
        ratings: 0,
        closed: 2,
        backlog: 2,
      });
      expect(um02.rates).toMatchObject({
        firstContactResolution: R(2, 5, 0.4),
        response: R(1, 2, 0.5),
        routingAccuracy: R(1, 2, 0.5),
      });
      expect(row(b, null).volumes.registered).toBe(1); // C12
    });

    it('by channel, with the channel names', async () => {
      const b = await breakdown('channel');
      expect(b.rows.map((r) => r.key?.code)).toEqual(['hotline', 'portal', 'walk_in']);
      expect(b.rows[0]?.key).toEqual({ id: null, code: 'hotline', nameZh: '热线电话', nameEn: 'Hotline' });
      const hotline = row(b, 'hotline'); // C1 C4 C5 C7 C9 C11 C12
      expect(hotline.volumes).toMatchObject({ registered: 7, dispatches: 8, returns: 1, resolved: 5 });
      expect(hotline.rates).toMatchObject({
        firstContactResolution: R(1, 7, 0.1429),
        response: R(5, 8, 0.625),
        onTime: R(3, 5, 0.6),
      });
      expect(row(b, 'portal').rates).toMatchObject({
        firstContactResolution: R(0, 4, 0),
        response: R(2, 3, 0.6667),
      });
      expect(row(b, 'walk_in').rates).toMatchObject({
        firstContactResolution: R(1, 2, 0.5),
        response: R(0, 0, null),
      });
    });

    it('by handling unit: dispatches go to the unit they were sent to, the rest to the lead unit', async () => {
      const b = await breakdown('unit');
      expect(b.rows.map((r) => r.key?.code ?? null).sort()).toEqual(
        ['GL-ENFORCEMENT', 'GL01', 'HS-HOUSING', 'JX-ENFORCEMENT', null].sort(),
      );
      const glEnf = row(b, 'GL-ENFORCEMENT'); // leads C1 C2 C4 C5; dispatches C1, C2 ×2, C4 2nd, C5 lead, C9
      expect(glEnf.volumes).toEqual({
        registered: 4,
        dispatches: 6,
        returns: 0,
        resolved: 3,
        callbacksAnswered: 3,
        ratings: 3,
        closed: 2,
        backlog: 2,
      });
      expect(glEnf.rates).toMatchObject({
        response: R(5, 6, 0.8333),
        onTime: R(3, 3, 1),
        oneTimeResolution: R(1, 2, 0.5),
      });
      expect(glEnf.overdueNow).toBe(1);
      const jxEnf = row(b, 'JX-ENFORCEMENT'); // leads C6 C11 C13; dispatches C4 1st (returned), C6, C11
      expect(jxEnf.volumes).toEqual({
        registered: 2,
        dispatches: 3,
        returns: 1,
        resolved: 2,
        callbacksAnswered: 2,
        ratings: 1,
        closed: 2,
        backlog: 1,
      });
      expect(jxEnf.rates).toMatchObject({
        response: R(1, 3, 0.3333),
        routingAccuracy: R(2, 3, 0.6667),
        onTime: R(1, 2, 0.5),
      });
      expect(row(b, 'GL01').volumes).toMatchObject({ registered: 0, dispatches: 1 }); // C5's co-unit, late
      expect(row(b, 'GL01').rates.response).toEqual(R(0, 1, 0));
      expect(row(b, 'HS-HOUSING').volumes).toMatchObject({
        registered: 1,
        dispatches: 1,
        resolved: 1,
        closed: 1,
      });
      // No lead: C3 C7 (answered at intake), C8 C9 (withdrawn), C10 (triage), C14 (merged).
      expect(row(b, null).volumes).toEqual({
        registered: 6,
        dispatches: 0,
        returns: 0,
        resolved: 2,
        callbacksAnswered: 0,
        ratings: 0,
        closed: 2,
        backlog: 1,
      });
    });

    it('keeps a street’s breakdown inside the street', async () => {
      const b = await breakdown('street', `${BOTH}&unitId=${await unitId(t, 'JX')}`);
      expect(b.rows.map((r) => r.key?.code ?? null)).toEqual(['JX']);
    });
  });

  describe('series', () => {
    const series = (query: string) => ok<FiguresSeries>('leader', `/api/figures/series?${query}`);
    const zeroVolumes = {
      registered: 0,
      dispatches: 0,
      returns: 0,
      resolved: 0,
      callbacksAnswered: 0,
      ratings: 0,
      closed: 0,
    };

    it('puts each item in the local day of its own event time, across the month boundary', async () => {
      const s = await series('interval=day&from=2026-03-30&to=2026-04-03');
      expect(s.buckets.map((b) => b.label)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02']);
      const [d30, d31, a1, a2] = s.buckets.map((b) => b.figures);
      expect(d30?.volumes).toEqual({ ...zeroVolumes, backlog: 2 }); // C4, C5 open
      expect(d30?.rates.onTime).toEqual(R(0, 0, null));
      // C6 registered and C5 resolved at 23:30 local on 31 March (15:30 UTC).
      expect(d31?.volumes).toEqual({ ...zeroVolumes, registered: 1, resolved: 1, backlog: 3 });
      expect(d31?.rates.onTime).toEqual(R(1, 1, 1));
      // C6 dispatched at 07:30 local on 1 April, 23:30 UTC on 31 March: it belongs to 1 April.
      expect(a1?.volumes).toEqual({ ...zeroVolumes, dispatches: 1, backlog: 3 });
      expect(a1?.rates.response).toEqual(R(1, 1, 1));
      // C7 registered, answered and closed at intake; C5's callback reached nobody.
      expect(a2?.volumes).toEqual({ ...zeroVolumes, registered: 1, resolved: 1, closed: 1, backlog: 3 });
      expect(a2?.rates).toMatchObject({
        firstContactResolution: R(1, 1, 1),
        oneTimeResolution: R(1, 1, 1),
        resolution: R(0, 0, null),
      });
    });

    it('folds days into ISO weeks labelled by their Monday, clipped to the period', async () => {
      const s = await series(`interval=week&${MARCH}`);
      expect(s.buckets.map((b) => [b.label, b.from, b.to])).toEqual([
        ['2026-02-23', '2026-03-01', '2026-03-02'], // 1 March 2026 is a Sunday
        ['2026-03-02', '2026-03-02', '2026-03-09'],
        ['2026-03-09', '2026-03-09', '2026-03-16'],
        ['2026-03-16', '2026-03-16', '2026-03-23'],
        ['2026-03-23', '2026-03-23', '2026-03-30'],
        ['2026-03-30', '2026-03-30', '2026-04-01'],
      ]);
      expect(s.buckets[0]?.figures.volumes).toEqual({ ...zeroVolumes, backlog: 1 }); // C13
      // 2–8 March: C1 C2 registered; dispatched C1, C2 r1 (late), C2 r2; resolved C1, C13 (late);
      // callbacks C1, C13, C2 1st; closed C1, C13; open on the 8th: C2.
      const week = s.buckets[1]?.figures;
      expect(week?.volumes).toEqual({
        registered: 2,
        dispatches: 3,
        returns: 0,
        resolved: 2,
        callbacksAnswered: 3,
        ratings: 2,
        closed: 2,
        backlog: 1,
      });
      expect(week?.rates).toMatchObject({
        response: R(2, 3, 0.6667),
        onTime: R(1, 2, 0.5),
        resolution: R(2, 3, 0.6667),
        satisfaction: R(1, 2, 0.5),
      });
      expect(s.buckets.reduce((n, b) => n + b.figures.volumes.registered, 0)).toBe(7);
    });

    it('gives the same months as the summaries, the backlog at each month’s end', async () => {
      const s = await series(`interval=month&${BOTH}`);
      expect(s.buckets.map((b) => [b.label, b.from, b.to])).toEqual([
        ['2026-03', '2026-03-01', '2026-04-01'],
        ['2026-04', '2026-04-01', '2026-05-01'],
      ]);
      const { overdueNow: _m, ...march } = marchDistrict;
      const { overdueNow: _a, ...april } = aprilDistrict;
      expect(s.buckets[0]?.figures).toEqual(march);
      expect(s.buckets[1]?.figures).toEqual(april);
    });

    it('counts only the subtree: JX by month', async () => {
      const s = await series(`interval=month&${MARCH}&unitId=${await unitId(t, 'JX')}`);
      expect(s.buckets[0]?.figures.volumes).toEqual({
        registered: 1,
        dispatches: 0,
        returns: 0,
        resolved: 1,
        callbacksAnswered: 1,
        ratings: 0,
        closed: 1,
        backlog: 1,
      });
    });
  });
});
