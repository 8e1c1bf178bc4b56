import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import type { FiguresSummary } from './figures.schema.ts';
import { APRIL, aprilDistrict, buildHistory, MARCH, marchDistrict, R } from './figures.test-history.ts';
import { createFiguresTestApp, figuresTestKit, makeCase } from './figures.test-support.ts';

// The history and its figures worked out on paper are in figures.test-history.ts (cases C1…C14).
describe(`figures: summary, access and validation on ${testEngine}`, () => {
  let t: TestApp;
  const { get, ok } = figuresTestKit(() => t);
  const summary = (username: string, query: string) =>
    ok<FiguresSummary>(username, `/api/figures/summary?${query}`);

  beforeAll(async () => {
    t = await createFiguresTestApp();
    await buildHistory(t.database.db);
  });
  afterAll(async () => t.close());

  describe('summary', () => {
    it('counts every figure of the district in March as on paper', async () => {
      const s = await summary('leader', MARCH);
      expect(s.unit.code).toBe('HS');
      expect(s.period).toEqual({ from: '2026-03-01', to: '2026-04-01' });
      expect(s.figures).toEqual(marchDistrict);
      expect(s.registeredBy).toEqual({
        channel: { hotline: 3, portal: 3, walk_in: 1 }, // C1 C4 C5 / C2 C6 C14 / C3
        kind: { complaint: 5, enquiry: 1, help: 1 },
        status: { closed: 4, accepted: 1, resolved: 1, merged: 1 }, // as of now: C6 closed in April
      });
    });

    it('counts every figure of the district in April as on paper', async () => {
      expect((await summary('leader', APRIL)).figures).toEqual(aprilDistrict);
    });

    it('keeps to the subtree: street GL and street JX in March', async () => {
      const gl = await summary('leader', `${MARCH}&unitId=${await unitId(t, 'GL')}`);
      expect(gl.figures).toEqual({
        // C1 C2 C3 C4 C5 C14; every March dispatch belongs to a GL case (C4's misroute to JX included).
        volumes: {
          registered: 6,
          dispatches: 7,
          returns: 1,
          resolved: 4,
          callbacksAnswered: 3,
          ratings: 3,
          closed: 3,
          backlog: 2,
        },
        rates: {
          firstContactResolution: R(1, 6, 0.1667),
          response: R(4, 7, 0.5714),
          onTime: R(4, 4, 1), // C1 C2 C3 C5
          resolution: R(2, 3, 0.6667), // C1, C2 2nd / + C2 1st
          satisfaction: R(2, 3, 0.6667),
          oneTimeResolution: R(2, 3, 0.6667), // C1 C3 / + C2
          routingAccuracy: R(6, 7, 0.8571),
        },
        overdueNow: 1, // C4
      });
      const jx = await summary('leader', `${MARCH}&unitId=${await unitId(t, 'JX')}`);
      expect(jx.figures).toEqual({
        // C6 registered; C13 resolved (late), called back and closed; C6 still open on 31 March.
        volumes: {
          registered: 1,
          dispatches: 0,
          returns: 0,
          resolved: 1,
          callbacksAnswered: 1,
          ratings: 0,
          closed: 1,
          backlog: 1,
        },
        rates: {
          firstContactResolution: R(0, 1, 0),
          response: R(0, 0, null),
          onTime: R(0, 1, 0),
          resolution: R(1, 1, 1),
          satisfaction: R(0, 0, null),
          oneTimeResolution: R(1, 1, 1),
          routingAccuracy: R(0, 0, null),
        },
        overdueNow: 0,
      });
      // A community below GL: C1 C2 C3 C5 C14 lie in GL01 (C4 only in the street).
      const gl01 = await summary('leader', `${MARCH}&unitId=${await unitId(t, 'GL01')}`);
      expect(gl01.figures.volumes.registered).toBe(5);
    });

    it('leaves out of the response rate a dispatch still unsigned with time left to sign', async () => {
      // makeCase takes Beijing wall-clock times, `YYYY-MM-DD HH:mm`.
      const wall = (ms: number) =>
        new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      const soon = wall(3600_000);
      const past = wall(-3600_000);
      const earlier = wall(-7200_000);
      const period = `from=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}`;
      const before = (await summary('leader', period)).figures.rates.response;
      // Unsigned, deadline ahead: unknown yet. Unsigned, deadline gone: late.
      await makeCase(t.database.db, {
        street: 'GL',
        community: 'GL01',
        status: 'dispatched',
        registeredAt: earlier,
        dispatches: [{ unit: 'GL-ENFORCEMENT', at: earlier, signDue: soon, state: 'dispatched' }],
      });
      await makeCase(t.database.db, {
        street: 'GL',
        community: 'GL01',
        status: 'dispatched',
        registeredAt: earlier,
        dispatches: [{ unit: 'GL-ENFORCEMENT', at: earlier, signDue: past, state: 'dispatched' }],
      });
      const after = (await summary('leader', period)).figures.rates.response;
      expect(after.denominator - before.denominator).toBe(1);
      expect(after.numerator - before.numerator).toBe(0);
    });

    it('answers an empty period with zeros and null rates, never NaN', async () => {
      const s = await summary('leader', 'from=2020-01-01&to=2020-02-01');
      expect(s.figures.volumes).toEqual({
        registered: 0,
        dispatches: 0,
        returns: 0,
        resolved: 0,
        callbacksAnswered: 0,
        ratings: 0,
        closed: 0,
        backlog: 0,
      });
      for (const rate of Object.values(s.figures.rates)) expect(rate).toEqual(R(0, 0, null));
      expect(s.registeredBy).toEqual({ channel: {}, kind: {}, status: {} });
    });

    it('defaults to the caller’s widest unit and the current local month', async () => {
      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      const s = await summary('leader', '');
      expect(s.unit.code).toBe('HS');
      expect(s.period.from).toBe(`${month}-01`);
      expect(s.period.to.endsWith('-01')).toBe(true);
      expect(s.period.to > s.period.from).toBe(true);
      expect((await summary('gl.dispatcher', MARCH)).unit.code).toBe('GL');
      expect((await summary('gl.head', MARCH)).figures).toEqual(
        (await summary('leader', `${MARCH}&unitId=${await unitId(t, 'GL')}`)).figures,
      );
      expect((await summary('dispatcher', MARCH)).unit.code).toBe('HS'); // command centre reaches the district
    });
  });

  describe('access and validation', () => {
    it('asks who is calling, and refuses a role without figures.read', async () => {
      expect((await get(null, `/api/figures/summary?${MARCH}`)).statusCode).toBe(401);
      const agent = await get('agent', `/api/figures/summary?${MARCH}`);
      expect(agent.statusCode).toBe(403);
      expect(agent.json().error.code).toBe('access.denied');
      expect((await get('gl.handler', `/api/figures/series?${MARCH}`)).statusCode).toBe(403);
    });

    it('answers a unit outside the caller’s reach exactly like a missing unit', async () => {
      const jx = await unitId(t, 'JX');
      for (const path of ['summary?', 'breakdown?by=street&', 'series?']) {
        const outside = await get('gl.dispatcher', `/api/figures/${path}unitId=${jx}&${MARCH}`);
        const missing = await get('gl.dispatcher', `/api/figures/${path}unitId=999999&${MARCH}`);
        expect(outside.statusCode).toBe(404);
        expect(outside.json()).toEqual(missing.json());
        expect(outside.json().error.code).toBe('record.not_found');
      }
      expect((await get('gl.head', `/api/figures/summary?unitId=${await unitId(t, 'HS')}`)).statusCode).toBe(
        404,
      );
      expect(
        (await get('gl.dispatcher', `/api/figures/summary?unitId=${await unitId(t, 'GL01')}`)).statusCode,
      ).toBe(200);
    });

    it('refuses bad dates, a backwards period and an over-long daily series, naming the field', async () => {
      const cases: [string, string][] = [
        ['summary?from=2026-02-30', 'querystring.from'],
        ['summary?from=2026-3-1', 'querystring.from'],
        ['summary?from=2026-04-01&to=2026-03-01', 'querystring.to'],
        ['summary?from=2026-04-01&to=2026-04-01', 'querystring.to'],
        ['summary?from=2099-01-01', 'querystring.from'], // after the default end (next month)
        ['series?interval=day&from=2020-01-01&to=2024-01-01', 'querystring.to'],
        ['series?interval=year', 'querystring.interval'],
        ['breakdown?by=district', 'querystring.by'],
        ['breakdown', 'querystring.by'],
        ['summary?unitId=GL', 'querystring.unitId'],
      ];
      for (const [query, field] of cases) {
        const res = await get('leader', `/api/figures/${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error.code).toBe('request.invalid');
        expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([field]);
        expect(res.json().error.message).toContain(field);
      }
      const en = await (await signIn(t.app, 'leader')).get('/api/figures/summary?from=2026-02-30', {
        'accept-language': 'en',
      });
      expect(en.json().error.message).toBe('Invalid request: querystring.from');
      // A monthly series may be longer than a daily one.
      expect(
        (await get('leader', '/api/figures/series?interval=month&from=2020-01-01&to=2024-01-01')).statusCode,
      ).toBe(200);
    });

    it('documents the endpoints and their responses in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      for (const path of ['/api/figures/summary', '/api/figures/breakdown', '/api/figures/series']) {
        expect(doc.paths[path]?.get?.responses?.['200'], path).toBeDefined();
      }
    });
  });
});
