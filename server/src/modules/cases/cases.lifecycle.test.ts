import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  signIn,
  type TestApp,
  testEngine,
  unitId,
} from '../../../test/helpers.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import { act, expectStatus, GL01_ADDRESS, register } from './cases.test-support.ts';

/**
 * The journey of the "done when", through the API: the demo agent registers a rubbish
 * complaint in 中山社区; it goes by itself to 鼓楼街道综合执法组, is signed, extended, resolved, called
 * back and closed; illegal actions are refused with a clear error.
 */
describe(`case lifecycle on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let handler: Client;
  let dispatcher: Client;
  let worker: Client;
  let id: number;
  let version: number;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    handler = await signIn(t.app, 'gl.handler');
    dispatcher = await signIn(t.app, 'dispatcher');
    worker = await signIn(t.app, 'gl01.worker');
  });
  afterAll(() => t.close());

  it('registers a hotline case and routes it to the street enforcement team with working-time deadlines', async () => {
    const c = await register(agent, {
      channel: 'hotline',
      kind: 'complaint',
      categoryCode: 'UM01',
      description: '小区门口垃圾桶三天没人清运，气味很大',
      location: { address: GL01_ADDRESS },
      reporter: { name: '王大爷', phone: '13805741234' },
    });
    id = c.id;
    version = c.version;
    expect(c.trackingNo).toMatch(/^HS\d{8}\d{6}$/);
    expect(c.status).toBe('dispatched');
    expect(c.leadUnit.code).toBe('GL-ENFORCEMENT');
    expect(c.street.code).toBe('GL');
    expect(c.community.code).toBe('GL01');
    expect(c.reporter).toMatchObject({ name: '王大爷', phone: '13805741234', masked: false });
    const calendar = await getWorkCalendar(t.database.db);
    const dispatchedAt = c.dispatchedAt as string;
    expect(c.signDueAt).toBe(calendar.addWorkingHours(dispatchedAt, 2));
    expect(c.resolveDueAt).toBe(calendar.addWorkingDays(dispatchedAt, 3));
    expect(c.abilities).toMatchObject({ callback: false, sign: false, withdraw: true });
    // The reporter is told their tracking number by SMS (a job).
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'sms.send')
      .execute();
    expect(jobs.some((j) => j.payload.includes(c.trackingNo))).toBe(true);
  });

  it('refuses to let a community worker sign a case sent to another unit, and to resolve an unsigned case', async () => {
    const seen = expectStatus(await worker.get(`/api/cases/${id}`), 200);
    expect(seen.abilities.sign).toBe(false);
    const sign = expectStatus(await worker.post(`/api/cases/${id}/sign`, {}), 403);
    expect(sign.error.code).toBe('case.not_your_unit');
    expect(sign.error.message).toContain('签收');
    const resolve = expectStatus(
      await handler.post(`/api/cases/${id}/resolve`, { outcome: 'solved', text: '已清运' }),
      409,
    );
    expect(resolve.error.code).toBe('case.invalid_state');
    expect(resolve.error.message).toBe('工单当前状态为「已派单」，不能办结');
    const jx = await signIn(t.app, 'jx.handler');
    expect(expectStatus(await jx.post(`/api/cases/${id}/sign`, {}), 404).error.code).toBe('record.not_found');
  });

  it('is in the unit inbox to sign, then signed with a stale version refused', async () => {
    const inbox = expectStatus(await handler.get('/api/cases?view=inbox&tab=to_sign'), 200);
    expect(inbox.items.map((c: { id: number }) => c.id)).toContain(id);
    const signed = await act(handler, id, 'sign', { version });
    expect(signed.status).toBe('accepted');
    expect(signed.abilities).toMatchObject({ resolve: true, requestExtension: true, sign: false });
    const stale = expectStatus(
      await handler.post(`/api/cases/${id}/resolve`, { version, outcome: 'solved', text: 'x' }),
      409,
    );
    expect(stale.error.code).toBe('case.conflict');
    version = signed.version;
  });

  it('extends the deadline by the approved working days', async () => {
    const asked = await act(handler, id, 'extensions', { version, days: 3, reason: '需协调物业更换垃圾桶' });
    const ext = asked.extensions[0];
    expect(ext).toMatchObject({ state: 'pending', days: 3 });
    const again = expectStatus(
      await handler.post(`/api/cases/${id}/extensions`, { days: 1, reason: '再延' }),
      409,
    );
    expect(again.error.code).toBe('case.extension_pending');
    expect(
      expectStatus(
        await handler.post(`/api/cases/${id}/extensions/${ext.id}/decision`, { approve: true }),
        403,
      ).error.code,
    ).toBe('access.denied');
    const decided = await act(dispatcher, id, `extensions/${ext.id}/decision`, {
      approve: true,
      days: 2,
      note: '同意延期两天',
    });
    const calendar = await getWorkCalendar(t.database.db);
    expect(decided.resolveDueAt).toBe(calendar.addWorkingDays(asked.resolveDueAt, 2));
    expect(decided.extendedDays).toBe(2);
    expect(decided.extensions[0]).toMatchObject({
      state: 'approved',
      approvedDays: 2,
      dueBefore: asked.resolveDueAt,
    });
    version = decided.version;
  });

  it('resolves, is called back satisfied and closes; the history tells the whole story', async () => {
    const resolved = await act(handler, id, 'resolve', {
      version,
      outcome: 'solved',
      text: '已协调环卫清运并增加清运频次',
    });
    expect(resolved.status).toBe('resolved');
    const queue = expectStatus(await agent.get('/api/cases?view=callback'), 200);
    expect(queue.items.map((c: { id: number }) => c.id)).toContain(id);
    const noAnswer = await act(agent, id, 'callback', { answered: false });
    expect(noAnswer.status).toBe('resolved');
    const closed = await act(agent, id, 'callback', { answered: true, solved: true, rating: 'satisfied' });
    expect(closed).toMatchObject({ status: 'closed', solved: true, rating: 'satisfied' });
    expect(closed.callbacks).toHaveLength(2);
    const events = expectStatus(await agent.get(`/api/cases/${id}/events`), 200);
    expect(events.items.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'dispatch',
      'sign',
      'request_extension',
      'approve_extension',
      'resolve',
      'callback',
      'callback',
    ]);
    expect(events.items[1]).toMatchObject({
      actor: 'auto-route',
      fromStatus: 'received',
      toStatus: 'dispatched',
    });
    // The district's figures count the journey: signed in time, resolved in time, solved, satisfied, closed in one go.
    const leader = await signIn(t.app, 'leader');
    const { figures } = expectStatus(await leader.get('/api/figures/summary'), 200);
    expect(figures.volumes).toMatchObject({
      registered: 1,
      dispatches: 1,
      resolved: 1,
      callbacksAnswered: 1,
      closed: 1,
      backlog: 0,
    });
    for (const rate of ['response', 'onTime', 'resolution', 'satisfaction', 'oneTimeResolution'])
      expect(figures.rates[rate], rate).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'case')
      .where('record_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('case.resolve');
  });

  it('sends a case whose category has no unit to triage, where a dispatcher routes it', async () => {
    // A category an administrator routes to a function no unit of the district has.
    const admin = await signIn(t.app, 'admin');
    expectStatus(
      await admin.post('/api/categories', {
        code: 'UM99',
        groupCode: 'UM',
        nameZh: '机场周边噪声',
        nameEn: 'Airport noise',
        route: 'district:AIRPORT',
        resolveWorkdays: 5,
        urgentHours: 24,
      }),
      201,
    );
    const c = await register(agent, {
      categoryCode: 'UM99',
      description: '夜间飞机噪声很大',
      location: { address: GL01_ADDRESS },
    });
    expect(c).toMatchObject({ status: 'received', triageReason: 'no_unit', leadUnit: null });
    const triage = expectStatus(await dispatcher.get('/api/cases?view=triage'), 200);
    expect(triage.items.map((x: { id: number }) => x.id)).toContain(c.id);
    expect(expectStatus(await handler.get('/api/cases?view=triage'), 403).error.code).toBe('access.denied');
    const uncategorised = await register(agent, {
      description: '想咨询一下',
      location: { address: GL01_ADDRESS },
    });
    expect(uncategorised.triageReason).toBe('unknown_category');
    const missing = expectStatus(
      await dispatcher.post(`/api/cases/${uncategorised.id}/dispatch`, {
        leadUnitId: await unitId(t, 'GL-ENFORCEMENT'),
      }),
      400,
    );
    expect(missing.error.details[0].path).toBe('body.categoryCode');
    const sent = await act(dispatcher, c.id, 'dispatch', {
      leadUnitId: await unitId(t, 'GL-ENFORCEMENT'),
      categoryCode: 'UM01',
      note: '先由街道处置',
    });
    expect(sent).toMatchObject({ status: 'dispatched', triageReason: null });
    expect(sent.leadUnit.code).toBe('GL-ENFORCEMENT');
    expect(sent.category.code).toBe('UM01');
    // A street route with no known place cannot be resolved either.
    const nowhere = await register(agent, { categoryCode: 'UM03', description: '有人占道摆摊' });
    expect(nowhere).toMatchObject({ status: 'received', triageReason: 'no_location', street: null });
  });

  it('answers an enquiry at intake: closed at once, first-contact resolution', async () => {
    const c = await register(agent, {
      kind: 'enquiry',
      categoryCode: 'GV01',
      description: '咨询居住证办理需要什么材料',
      answer: { text: '已告知所需材料及办理地点' },
    });
    expect(c).toMatchObject({ status: 'closed', answeredAtIntake: true });
  });
});
