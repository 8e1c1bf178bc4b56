import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import { sweepCases } from './case-sla.service.ts';
import { act, expectStatus, GL01_ADDRESS, type Json, register } from './cases.test-support.ts';

const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

/** The deadline sweep, run at chosen instants instead of waiting for the clock. */
describe(`deadline sweep on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let handler: Client;
  let head: Client;
  let c: Json;

  const inbox = async (client: Client) =>
    expectStatus(await client.get('/api/notifications'), 200).items.filter(
      (n: { caseId: number }) => n.caseId === c.id,
    );

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    handler = await signIn(t.app, 'gl.handler');
    head = await signIn(t.app, 'gl.head');
    c = await register(agent, {
      categoryCode: 'UM01',
      description: '垃圾未清运',
      location: { address: GL01_ADDRESS },
    });
  });
  afterAll(() => t.close());

  it('tells the unit of a new dispatch', async () => {
    expect((await inbox(handler)).map((n: { kind: string }) => n.kind)).toEqual(['case.dispatched']);
  });

  it('marks a case due soon once 80% of its working time has gone, once only', async () => {
    const calendar = await getWorkCalendar(t.database.db);
    const dueSoonAt = calendar.dueSoonAt(c.dispatchedAt, c.resolveDueAt, 0.8);
    expect((await sweepCases(t.database.db, later(dueSoonAt, -1))).dueSoon).toBe(0);
    expect((await sweepCases(t.database.db, later(dueSoonAt, 1))).dueSoon).toBe(1);
    expect((await sweepCases(t.database.db, later(dueSoonAt, 2))).dueSoon).toBe(0);
    const due = expectStatus(await handler.get('/api/cases?view=inbox&tab=due_soon'), 200);
    expect(due.items.map((x: { id: number }) => x.id)).toEqual([c.id]);
    expect((await inbox(handler)).map((n: { kind: string }) => n.kind)).toContain('case.due_soon');
  });

  it('marks it overdue past the deadline, tells the unit head, then escalates a working day later', async () => {
    expect((await sweepCases(t.database.db, later(c.resolveDueAt, 1))).overdue).toBe(1);
    const now = expectStatus(await handler.get(`/api/cases/${c.id}`), 200);
    expect(now).toMatchObject({ slaState: 'overdue', escalationLevel: 1 });
    expect((await inbox(head)).map((n: { kind: string }) => n.kind)).toContain('case.overdue');
    const overdueList = expectStatus(await handler.get('/api/cases?view=inbox&tab=overdue'), 200);
    expect(overdueList.items.map((x: { id: number }) => x.id)).toEqual([c.id]);
    const calendar = await getWorkCalendar(t.database.db);
    const dayLater = calendar.addWorkingDays(c.resolveDueAt, 1);
    expect((await sweepCases(t.database.db, later(dayLater, -5))).escalated).toBe(0);
    expect((await sweepCases(t.database.db, later(dayLater, 5))).escalated).toBe(1);
    const supervisor = await signIn(t.app, 'supervisor');
    expect((await inbox(supervisor)).map((n: { kind: string }) => n.kind)).toContain('case.escalated');
    const watch = expectStatus(await supervisor.get('/api/cases?view=watch'), 200);
    expect(watch.items.map((x: { id: number }) => x.id)).toContain(c.id);
    const events = expectStatus(await agent.get(`/api/cases/${c.id}/events`), 200);
    expect(events.items.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'dispatch',
      'due_soon',
      'overdue',
      'escalate',
    ]);
  });

  it('closes a resolved case after 7 days without an answered callback', async () => {
    await act(handler, c.id, 'sign');
    const resolved = await act(handler, c.id, 'resolve', {
      outcome: 'explained',
      text: '已解释',
      reason: '需业主自行处理',
    });
    await act(agent, c.id, 'callback', { answered: false });
    expect((await sweepCases(t.database.db, later(resolved.resolvedAt, 6 * 24 * 60))).autoClosed).toBe(0);
    expect((await sweepCases(t.database.db, later(resolved.resolvedAt, 7 * 24 * 60 + 1))).autoClosed).toBe(1);
    const closed = expectStatus(await agent.get(`/api/cases/${c.id}`), 200);
    expect(closed.status).toBe('closed');
    expect(closed.rating).toBeNull();
  });

  it('lets a supervisor supervise and escalate an open case', async () => {
    const d = await register(agent, {
      categoryCode: 'UM01',
      description: '督办测试',
      location: { address: GL01_ADDRESS },
    });
    const supervisor = await signIn(t.app, 'supervisor');
    expect(
      expectStatus(await handler.post(`/api/cases/${d.id}/supervise`, { comment: 'x' }), 403).error.code,
    ).toBe('access.denied');
    const flagged = await act(supervisor, d.id, 'supervise', {
      comment: '群众多次反映，请加快办理',
      escalate: true,
    });
    expect(flagged).toMatchObject({ supervised: true, escalationLevel: 2 });
    const heads = expectStatus(await head.get('/api/notifications'), 200).items.filter(
      (n: { caseId: number }) => n.caseId === d.id,
    );
    expect(heads.map((n: { kind: string }) => n.kind)).toContain('case.escalated');
  });
});
