import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { forgetAllFigureDays } from './figures.cache.ts';
import { addDays, localDateOf } from './figures.period.ts';
import type { FiguresSummary } from './figures.schema.ts';
import { figuresTestKit, makeCase } from './figures.test-support.ts';

/**
 * Settled days are computed once and kept; an action on an older case forgets the days it moves, so
 * the figures never go stale. The history is written at dates relative to today.
 */
describe(`kept daily figures on ${testEngine}`, () => {
  let t: TestApp;
  const { ok } = figuresTestKit(() => t);
  const today = localDateOf(new Date());
  const day40 = addDays(today, -40);
  const period = `from=${addDays(today, -60)}&to=${addDays(today, 1)}`;
  const summary = async () => (await ok<FiguresSummary>('leader', `/api/figures/summary?${period}`)).figures;
  let oldCase: number;

  beforeAll(async () => {
    t = await createTestApp();
    oldCase = await makeCase(t.database.db, {
      street: 'GL',
      community: 'GL01',
      category: 'UM01',
      status: 'received',
      registeredAt: `${day40} 10:00`,
    });
  });
  afterAll(() => t.close());

  it('keeps the settled days it computed', async () => {
    const first = await summary();
    expect(first.rates.firstContactResolution).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    const kept = await t.database.db.selectFrom('figure_days').select('day').execute();
    expect(kept.map((r) => r.day)).toContain(day40);
    expect(kept.map((r) => r.day)).not.toContain(today);
    // Read again: the same answer, now from the kept days.
    expect((await summary()).rates.firstContactResolution).toEqual(first.rates.firstContactResolution);
  });

  it('forgets a kept day when an action on an older case moves it', async () => {
    const agent = await signIn(t.app, 'agent');
    const answered = await agent.post(`/api/cases/${oldCase}/answer`, { text: '已电话答复' });
    expect(answered.statusCode, answered.body).toBe(200);
    const kept = await t.database.db
      .selectFrom('figure_days')
      .select('day')
      .where('day', '=', day40)
      .execute();
    expect(kept).toEqual([]);
    expect((await summary()).rates.firstContactResolution).toEqual({ numerator: 1, denominator: 1, rate: 1 });
  });

  it('keeps no day from an unsigned dispatch whose sign deadline has not passed', async () => {
    // Sent three days ago across a long holiday: its "signed on time" is not known yet.
    const day3 = addDays(today, -3);
    await makeCase(t.database.db, {
      street: 'GL',
      community: 'GL01',
      category: 'UM01',
      status: 'dispatched',
      registeredAt: `${day3} 09:00`,
      lead: 'GL-ENFORCEMENT',
      dispatches: [
        {
          unit: 'GL-ENFORCEMENT',
          at: `${day3} 09:30`,
          signDue: `${addDays(today, 1)} 12:00`,
          state: 'dispatched',
        },
      ],
    });
    await forgetAllFigureDays(t.database.db); // written behind the engine's back, as the demo generator does
    await summary();
    const kept = (await t.database.db.selectFrom('figure_days').select('day').execute()).map((r) => r.day);
    expect(kept).toContain(addDays(today, -4));
    expect(kept).not.toContain(day3);
    expect(kept).not.toContain(addDays(today, -1));
  });
});
