import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  DEMO_PASSWORD,
  openTestDatabase,
  signIn,
  type TestApp,
  testEngine,
} from '../../../test/helpers.ts';
import type { Db } from '../../db/database.ts';
import { seedDemo } from '../../seed.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import { sweepCases } from './case-sla.service.ts';
import { seedDemoCases } from './cases.seed.ts';
import { expectStatus, GL01_ADDRESS } from './cases.test-support.ts';

/**
 * The demo cases as a user meets them: well-formed tracking numbers, every case handled the way the
 * case services handle one (assignments, working-time deadlines, history in order), every status
 * present, new cases numbered after the seeded ones, figures in plausible ranges, and the same seed
 * writing the same cases.
 */

/** A Monday 08:45 in Beijing: the weekend's cases are still waiting to be signed or classified. */
const NOW = new Date('2026-11-16T00:45:00Z');
const OPTIONS = { count: 500, seed: 7, now: NOW, days: 30 };
const STATUSES = ['received', 'dispatched', 'accepted', 'resolved', 'closed', 'merged', 'withdrawn'];

/** Rows of the seeded cases and their history, for comparing two runs. */
async function snapshot(db: Db, lastId: number) {
  const cases = await db.selectFrom('cases').selectAll().where('id', '<=', lastId).orderBy('id').execute();
  const events = await db
    .selectFrom('case_events')
    .select(['case_id', 'at', 'actor_label', 'action', 'from_status', 'to_status', 'unit_id', 'note', 'data'])
    .where('case_id', '<=', lastId)
    .orderBy('id')
    .execute();
  const assignments = await db
    .selectFrom('case_assignments')
    .select([
      'case_id',
      'unit_id',
      'role',
      'round',
      'state',
      'dispatched_at',
      'sign_due_at',
      'signed_at',
      'ended_at',
    ])
    .where('case_id', '<=', lastId)
    .orderBy('id')
    .execute();
  return { cases, events, assignments };
}

describe(`demo cases seed on ${testEngine}`, () => {
  let t: TestApp;
  let db: Db;
  let lastSeededId: number;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.database.db;
    const result = await seedDemoCases(db, OPTIONS);
    expect(result.cases).toBe(500);
    const row = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    lastSeededId = Number(row.id);
  });
  afterAll(() => t.close());

  it('numbers every case HS<local date><6-digit sequence>, once, dated by its registration in Beijing', async () => {
    const rows = await db.selectFrom('cases').select(['tracking_no', 'registered_at']).execute();
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.tracking_no)).size).toBe(500);
    for (const r of rows) {
      expect(r.tracking_no).toMatch(/^HS\d{8}\d{6}$/);
      const local = new Date(Date.parse(r.registered_at) + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(r.tracking_no.slice(2, 10)).toBe(local.replaceAll('-', ''));
      expect(r.registered_at < NOW.toISOString()).toBe(true);
    }
  });

  it('gives every dispatched case a lead assignment and deadlines on the working calendar', async () => {
    const calendar = await getWorkCalendar(db);
    const rows = await db
      .selectFrom('cases as c')
      .innerJoin('categories as cat', 'cat.id', 'c.category_id')
      .select([
        'c.id',
        'c.status',
        'c.lead_unit_id',
        'c.dispatched_at',
        'c.sign_due_at',
        'c.resolve_due_at',
        'c.due_soon_at',
        'c.urgent',
        'c.extended_days',
        'cat.resolve_workdays',
      ])
      .where('c.status', 'in', ['dispatched', 'accepted', 'resolved', 'closed'])
      .where('c.answered_at_intake', '=', 0)
      .execute();
    const leads = await db
      .selectFrom('case_assignments')
      .select(['case_id', 'unit_id', 'round', 'dispatched_at'])
      .where('role', '=', 'lead')
      .execute();
    const latestLead = new Map<number, (typeof leads)[number]>();
    for (const a of leads)
      if ((latestLead.get(a.case_id)?.round ?? 0) < a.round) latestLead.set(a.case_id, a);
    expect(rows.length).toBeGreaterThan(300);
    for (const c of rows) {
      const lead = latestLead.get(c.id);
      expect(lead, `case ${c.id}`).toBeDefined();
      expect(lead?.unit_id).toBe(c.lead_unit_id);
      expect(lead?.dispatched_at).toBe(c.dispatched_at);
      const dispatched = c.dispatched_at as string;
      expect(c.resolve_due_at && c.resolve_due_at >= dispatched, `case ${c.id}`).toBe(true);
      expect(
        c.due_soon_at && c.due_soon_at >= dispatched && c.due_soon_at <= (c.resolve_due_at as string),
      ).toBe(true);
      if (c.urgent === 0) {
        expect(c.sign_due_at).toBe(calendar.addWorkingHours(dispatched, 2));
        if (c.extended_days === 0)
          expect(c.resolve_due_at).toBe(calendar.addWorkingDays(dispatched, c.resolve_workdays));
      }
    }
  });

  it('closes cases after registering them, and calls back only about resolved cases', async () => {
    const closed = await db
      .selectFrom('cases')
      .select(['id', 'registered_at', 'closed_at', 'ended_at'])
      .where('status', '=', 'closed')
      .execute();
    for (const c of closed) {
      expect(c.closed_at && c.closed_at >= c.registered_at, `case ${c.id}`).toBe(true);
      expect(c.ended_at).toBe(c.closed_at);
    }
    const called = await db
      .selectFrom('case_callbacks as b')
      .innerJoin('cases as c', 'c.id', 'b.case_id')
      .select(['c.id', 'c.status', 'c.reopen_count', 'c.resolved_at', 'b.at', 'b.reopened'])
      .execute();
    expect(called.length).toBeGreaterThan(100);
    for (const b of called) {
      expect(b.status === 'resolved' || b.status === 'closed' || b.reopen_count > 0, `case ${b.id}`).toBe(
        true,
      );
      if (b.reopened === 0 && b.reopen_count === 0) expect((b.resolved_at as string) <= b.at).toBe(true);
    }
  });

  it('writes each case’s history in order, ending in its status, with its version counting the actions', async () => {
    const cases = await db.selectFrom('cases').select(['id', 'status', 'version']).execute();
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'at', 'action', 'from_status', 'to_status'])
      .orderBy('id')
      .execute();
    const byCase = new Map<number, typeof events>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    for (const c of cases) {
      const history = byCase.get(c.id) ?? [];
      expect(history[0]?.action, `case ${c.id}`).toBe('register');
      let status = 'received';
      let at = '';
      for (const e of history) {
        expect(e.at >= at, `case ${c.id} ${e.action}`).toBe(true);
        at = e.at;
        if (e.action === 'merge_in') continue;
        expect(e.from_status, `case ${c.id} ${e.action}`).toBe(status);
        status = e.to_status as string;
      }
      expect(status, `case ${c.id}`).toBe(c.status);
      expect(c.version).toBe(
        1 + history.filter((e) => e.action !== 'register' && e.action !== 'merge_in').length,
      );
    }
  });

  it('covers every status, triage, returns, extensions, reopenings, repeats, ratings and overdue cases', async () => {
    const statuses = await db.selectFrom('cases').select('status').distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual([...STATUSES].sort());
    const triage = await db
      .selectFrom('cases')
      .select('triage_reason')
      .where('status', '=', 'received')
      .execute();
    for (const r of triage) expect(r.triage_reason).not.toBeNull();
    const counts = await db
      .selectFrom('cases')
      .select((eb) => [
        eb.fn.sum<number>('return_count').as('returns'),
        eb.fn.sum<number>('reopen_count').as('reopens'),
        eb.fn.sum<number>('repeated').as('repeated'),
        eb.fn.sum<number>('answered_at_intake').as('answered'),
        eb.fn.sum<number>(eb.case().when('extended_days', '>', 0).then(1).else(0).end()).as('extended'),
        eb.fn.sum<number>(eb.case().when('sla_state', '=', 'overdue').then(1).else(0).end()).as('overdue'),
        eb.fn.sum<number>(eb.case().when('reporter_id', 'is', null).then(1).else(0).end()).as('noReporter'),
      ])
      .executeTakeFirstOrThrow();
    for (const [name, n] of Object.entries(counts)) expect(Number(n), name).toBeGreaterThan(0);
    const ratings = await db.selectFrom('case_callbacks').select('rating').distinct().execute();
    expect(new Set(ratings.map((r) => r.rating))).toEqual(
      new Set(['satisfied', 'basically_satisfied', 'dissatisfied', null]),
    );
  });

  it('numbers a case registered through the API after the seeded ones, also on a day cases were seeded', async () => {
    // More cases, up to the real now, into the database that already has some.
    await seedDemoCases(db, { count: 60, seed: 8, days: 1 });
    const agent = await signIn(t.app, 'agent');
    const created = expectStatus(
      await agent.post('/api/cases', {
        categoryCode: 'UM01',
        description: '测试',
        location: { address: GL01_ADDRESS },
      }),
      201,
    );
    const day = created.trackingNo.slice(0, 10);
    const sameDay = await db
      .selectFrom('cases')
      .select('tracking_no')
      .where('tracking_no', 'like', `${day}%`)
      .execute();
    const numbers = sameDay.map((r) => r.tracking_no).filter((n) => n !== created.trackingNo);
    expect(numbers).not.toContain(created.trackingNo);
    for (const n of numbers) expect(n < created.trackingNo).toBe(true);
    const phones = await db.selectFrom('persons').select('phone').where('phone', 'is not', null).execute();
    expect(new Set(phones.map((p) => p.phone)).size).toBe(phones.length);
  });

  it('gives the figures over the seeded weeks plausible rates', async () => {
    const leader = await signIn(t.app, 'leader');
    const res = await leader.get('/api/figures/summary?from=2026-10-17&to=2026-11-16');
    const { rates } = expectStatus(res, 200).figures;
    const within = (name: string, min: number, max: number) => {
      expect(rates[name].rate, name).toBeGreaterThanOrEqual(min);
      expect(rates[name].rate, name).toBeLessThanOrEqual(max);
    };
    within('response', 0.85, 1);
    within('onTime', 0.8, 1);
    within('resolution', 0.75, 1);
    within('satisfaction', 0.82, 1);
    within('oneTimeResolution', 0.8, 1);
    within('firstContactResolution', 0.03, 0.18);
  });

  it('writes the same cases for the same seed', async () => {
    const other = await openTestDatabase();
    try {
      await seedDemo(other.handle.db, DEMO_PASSWORD);
      await seedDemoCases(other.handle.db, OPTIONS);
      expect(await snapshot(other.handle.db, lastSeededId)).toEqual(await snapshot(db, lastSeededId));
    } finally {
      await other.drop();
    }
  });

  it('leaves the deadline sweep nothing to catch up on at the moment it was seeded for', async () => {
    expect(await sweepCases(db, NOW)).toEqual({ dueSoon: 0, overdue: 0, escalated: 0, autoClosed: 0 });
  });
});
