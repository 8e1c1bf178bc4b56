import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  signIn,
  type TestApp,
  testEngine,
  unitId,
} from '../../../test/helpers.ts';
import {
  act,
  expectStatus,
  GL01_ADDRESS,
  JX01_ADDRESS,
  register,
  signInResident,
} from './cases.test-support.ts';

/** Joint handling, returns, reopening, merging and withdrawal. */
describe(`joint handling and side paths on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let dispatcher: Client;
  let glHandler: Client;
  let housing: Client;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    dispatcher = await signIn(t.app, 'dispatcher');
    glHandler = await signIn(t.app, 'gl.handler');
    housing = await signIn(t.app, 'housing.handler');
  });
  afterAll(() => t.close());

  it('lets the lead unit resolve only after every co-unit has reported its part', async () => {
    const c = await register(agent, {
      description: '小区违建同时占用消防通道',
      location: { address: GL01_ADDRESS },
    });
    const sent = await act(dispatcher, c.id, 'dispatch', {
      leadUnitId: await unitId(t, 'GL-ENFORCEMENT'),
      coUnitIds: [await unitId(t, 'HS-HOUSING')],
      categoryCode: 'UM02',
    });
    expect(
      sent.assignments.map((a: { role: string; unit: { code: string } }) => `${a.role}:${a.unit.code}`),
    ).toEqual(['lead:GL-ENFORCEMENT', 'co:HS-HOUSING']);
    // The co-unit sees the case in its inbox and may report but not resolve.
    const coView = expectStatus(await housing.get(`/api/cases/${c.id}`), 200);
    expect(coView.abilities).toMatchObject({ sign: true, reportPart: true, resolve: false, return: false });
    await act(glHandler, c.id, 'sign');
    const early = expectStatus(
      await glHandler.post(`/api/cases/${c.id}/resolve`, { outcome: 'solved', text: '已拆除' }),
      409,
    );
    expect(early.error.code).toBe('case.co_units_pending');
    expect(early.error.message).toContain('区住房和建设局');
    const reported = await act(housing, c.id, 'report', { text: '已约谈物业，清理消防通道' });
    expect(reported.assignments.find((a: { role: string }) => a.role === 'co').state).toBe('reported');
    const resolved = await act(glHandler, c.id, 'resolve', { outcome: 'solved', text: '违建已拆除' });
    expect(resolved.status).toBe('resolved');
  });

  it("lets a dispatcher re-route a case already signed for, ending the first unit's assignment", async () => {
    const c = await register(agent, {
      categoryCode: 'UM01',
      description: '改派测试',
      location: { address: GL01_ADDRESS },
    });
    await act(glHandler, c.id, 'sign');
    const moved = await act(dispatcher, c.id, 'dispatch', {
      leadUnitId: await unitId(t, 'HS-HOUSING'),
      categoryCode: 'HO01',
    });
    expect(moved).toMatchObject({ status: 'dispatched', signedAt: null });
    expect(moved.leadUnit.code).toBe('HS-HOUSING');
    expect(moved.assignments.map((a: { round: number; state: string }) => `${a.round}:${a.state}`)).toEqual([
      '2:dispatched',
      '1:cancelled',
    ]);
    const stale = expectStatus(
      await glHandler.post(`/api/cases/${c.id}/resolve`, { outcome: 'solved', text: '已处理' }),
      409,
    );
    expect(stale.error.code).toBe('case.invalid_state');
  });

  it('pages through a worklist with a cursor, newest first, without repeats or gaps', async () => {
    for (const n of [1, 2, 3])
      await register(agent, { description: `分页 ${n}`, location: { address: GL01_ADDRESS } });
    const all = expectStatus(await dispatcher.get('/api/cases?limit=200'), 200).items.map(
      (x: { id: number }) => x.id,
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = expectStatus(
        await dispatcher.get(`/api/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        200,
      );
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(3);
    expect(expectStatus(await dispatcher.get('/api/cases?cursor=garbage'), 400).error.details[0].path).toBe(
      'querystring.cursor',
    );
  });

  it('returns a misrouted case to triage with its reason, and counts the return', async () => {
    const c = await register(agent, {
      categoryCode: 'UM03',
      description: '菜场门口流动摊贩',
      location: { address: GL01_ADDRESS },
    });
    const noReason = expectStatus(await glHandler.post(`/api/cases/${c.id}/return`, {}), 400);
    expect(noReason.error.details[0].path).toBe('body.reason');
    const back = await act(glHandler, c.id, 'return', { reason: '该点位属市场内部，归市场监管' });
    expect(back).toMatchObject({
      status: 'received',
      triageReason: 'returned',
      returnCount: 1,
      leadUnit: null,
    });
    expect(back.assignments[0]).toMatchObject({
      state: 'returned',
      returnReason: '该点位属市场内部，归市场监管',
    });
    const triage = expectStatus(await dispatcher.get('/api/cases?view=triage'), 200);
    expect(triage.items.map((x: { id: number }) => x.id)).toContain(c.id);
    // The unit keeps sight of a case it handled, but can no longer act on it.
    const after = expectStatus(await glHandler.get(`/api/cases/${c.id}`), 200);
    expect(after.abilities).toMatchObject({ sign: false, resolve: false, return: false });
  });

  it('reopens a case whose reporter is dissatisfied and unsolved, with fresh deadlines', async () => {
    const c = await register(agent, {
      categoryCode: 'UM01',
      description: '垃圾房周边污水横流',
      location: { address: GL01_ADDRESS },
      reporter: { name: '李阿姨', phone: '13905749876' },
    });
    await act(glHandler, c.id, 'sign');
    await act(glHandler, c.id, 'resolve', { outcome: 'solved', text: '已冲洗' });
    const reopened = await act(agent, c.id, 'callback', {
      answered: true,
      solved: false,
      rating: 'dissatisfied',
      comment: '第二天又脏了',
    });
    expect(reopened).toMatchObject({ status: 'dispatched', reopenCount: 1, resolvedAt: null });
    expect(reopened.assignments.filter((a: { round: number }) => a.round === 2)).toHaveLength(1);
    expect(reopened.callbacks[0]).toMatchObject({ reopened: true, rating: 'dissatisfied' });
    const sms = await t.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'sms.send')
      .execute();
    expect(sms.filter((j) => j.payload.includes('13905749876')).length).toBeGreaterThanOrEqual(3);
  });

  it('merges a duplicate into the open case, keeping both reporters', async () => {
    const first = await register(agent, {
      categoryCode: 'UM01',
      description: '垃圾桶满溢',
      location: { address: GL01_ADDRESS },
      reporter: { phone: '13700000001' },
    });
    const dup = await register(agent, {
      description: '同一处垃圾桶满溢，第二位居民反映',
      location: { address: GL01_ADDRESS },
      reporter: { phone: '13700000002' },
    });
    expect(dup.status).toBe('received');
    const self = expectStatus(
      await dispatcher.post(`/api/cases/${dup.id}/merge`, { intoCaseId: dup.id }),
      400,
    );
    expect(self.error.details[0].path).toBe('body.intoCaseId');
    expect(self.error.details[0].message).toBe('工单不能合并到自身');
    const merged = await act(dispatcher, dup.id, 'merge', { intoCaseId: first.id });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: first.id });
    const target = expectStatus(await dispatcher.get(`/api/cases/${first.id}`), 200);
    expect(target.otherReporters).toBe(1);
    const told = (
      await t.database.db.selectFrom('jobs').select('payload').where('kind', '=', 'sms.send').execute()
    )
      .map((j) => JSON.parse(j.payload) as { phone: string; kind: string })
      .filter((m) => m.kind === 'reporter.merged');
    expect(told.map((m) => m.phone).sort()).toEqual(['13700000001', '13700000002']);
    const byPhone = expectStatus(await agent.get('/api/cases?reporterPhone=13700000002'), 200);
    expect(byPhone.items.map((x: { id: number }) => x.id).sort()).toEqual([first.id, dup.id].sort());
  });

  it('lets a resident report on the portal, see only their own cases and withdraw one', async () => {
    const resident = await signInResident(t, '13600001111');
    const mine = await register(resident, {
      categoryCode: 'EN02',
      description: '楼上每晚十一点后跳绳',
      location: { address: JX01_ADDRESS },
    });
    expect(mine).toMatchObject({ channel: 'portal', status: 'dispatched' });
    expect(mine.reporter).toMatchObject({ phone: '13600001111', masked: false });
    const other = await register(agent, {
      categoryCode: 'EN02',
      description: '别人的案件',
      location: { address: JX01_ADDRESS },
    });
    expect((await resident.get(`/api/cases/${other.id}`)).statusCode).toBe(404);
    const list = expectStatus(await resident.get('/api/cases?view=mine'), 200);
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([mine.id]);
    const hotline = expectStatus(
      await resident.post('/api/cases', { channel: 'hotline', description: '冒充热线' }),
      403,
    );
    expect(hotline.error.code).toBe('case.channel_not_allowed');
    const withdrawn = await act(resident, mine.id, 'withdraw', { reason: '已和邻居协商好了' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.assignments.every((a: { state: string }) => a.state === 'cancelled')).toBe(true);
  });
});
