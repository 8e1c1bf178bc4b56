import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
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
});
