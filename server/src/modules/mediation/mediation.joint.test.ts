import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  DEMO_PASSWORD,
  signIn,
  type TestApp,
  testEngine,
  unitId,
} from '../../../test/helpers.ts';
import { hashPassword } from '../../platform/auth/crypto.ts';
import { nowIso } from '../../platform/time.ts';
import { expectStatus, GL01_ADDRESS, type Json } from '../cases/cases.test-support.ts';

async function addMediator(t: TestApp, username: string, unitCode: string): Promise<number> {
  const now = nowIso();
  const user = await t.database.db
    .insertInto('users')
    .values({
      kind: 'staff',
      username,
      display_name: `${unitCode} 调解员`,
      password_hash: await hashPassword(DEMO_PASSWORD),
      is_demo: 1,
      active: 1,
      failed_logins: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('role_bindings')
    .values({ user_id: user.id, role: 'mediator', unit_id: await unitId(t, unitCode), created_at: now })
    .execute();
  return user.id;
}

const parties = [
  { role: 'applicant', person: { name: '赵工', phone: '13805740021' } },
  { role: 'respondent', person: { name: '某某餐饮有限公司', phone: '0574-87654321' } },
];

/** Mediator profiles, joint mediation by two rooms, the labour time limit, superseding and withdrawal. */
describe(`mediation organisations and mediators on ${testEngine}`, () => {
  let t: TestApp;
  let mediator: Client;
  let head: Client;
  let jx: Client;
  let jxId: number;
  let nmId: number;
  let gl01MediatorId: number;
  let m: Json;

  beforeAll(async () => {
    t = await createTestApp();
    mediator = await signIn(t.app, 'gl01.mediator');
    head = await signIn(t.app, 'gl.head');
    jxId = await addMediator(t, 'jx01.mediator', 'JX01-MEDIATION');
    nmId = await addMediator(t, 'nm01.mediator', 'NM01-MEDIATION');
    jx = await signIn(t.app, 'jx01.mediator');
  });
  afterAll(() => t.close());

  it("lets the street's head keep the profiles of its mediators, versioned", async () => {
    const list = expectStatus(await head.get('/api/mediation/mediators'), 200);
    expect(list.items.map((p: Json) => p.name)).toEqual(['中山和好屋调解员']);
    const mine = list.items[0];
    gl01MediatorId = mine.userId;
    expect(mine).toMatchObject({ employment: null, specialties: [], canEdit: true, version: null });
    const saved = expectStatus(
      await head.put(`/api/mediation/mediators/${mine.userId}`, {
        employment: 'part_time',
        specialties: ['邻里纠纷', '物业纠纷'],
      }),
      200,
    );
    expect(saved).toMatchObject({
      employment: 'part_time',
      specialties: ['邻里纠纷', '物业纠纷'],
      version: 1,
    });
    const again = { employment: 'full_time', specialties: ['邻里纠纷'], version: 1 };
    expect(expectStatus(await head.put(`/api/mediation/mediators/${mine.userId}`, again), 200).version).toBe(
      2,
    );
    expect(
      expectStatus(await head.put(`/api/mediation/mediators/${mine.userId}`, again), 409).error.code,
    ).toBe('record.conflict');
    const self = expectStatus(await mediator.put(`/api/mediation/mediators/${mine.userId}`, again), 403);
    expect(self.error.code).toBe('access.denied');
    expect(expectStatus(await head.put(`/api/mediation/mediators/${jxId}`, again), 404).error.code).toBe(
      'record.not_found',
    );
  });

  it('gives a labour dispute 15 days, after which the parties may go to arbitration', async () => {
    m = expectStatus(
      await mediator.post('/api/mediation', {
        leadUnitId: await unitId(t, 'GL01-MEDIATION'),
        disputeType: 'labour',
        facts: '餐馆拖欠厨师两个月工资',
        claims: '支付拖欠工资 12000 元',
        parties,
      }),
      201,
    );
    m = expectStatus(await mediator.post(`/api/mediation/${m.id}/accept`, { version: m.version }), 200);
    expect(Date.parse(m.dueAt) - Date.parse(m.acceptedAt)).toBe(15 * 86_400_000);
    expect(m).toMatchObject({ overdue: false, arbitrationOpen: false });
    await t.database.db
      .updateTable('mediation_cases')
      .set({ due_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', m.id)
      .execute();
    m = expectStatus(await mediator.get(`/api/mediation/${m.id}`), 200);
    expect(m).toMatchObject({ overdue: true, arbitrationOpen: true });
  });

  it('lets two rooms mediate jointly, one leading, with one lead mediator', async () => {
    const jxRoom = await unitId(t, 'JX01-MEDIATION');
    // The lead room's mediator finds the joint room's mediators to name them.
    const partners = expectStatus(await mediator.get(`/api/mediation/mediators?unitId=${jxRoom}`), 200);
    expect(partners.items.map((p: Json) => [p.userId, p.canEdit])).toEqual([[jxId, false]]);
    const notARoomList = await mediator.get(`/api/mediation/mediators?unitId=${await unitId(t, 'JX01')}`);
    expect(expectStatus(notARoomList, 200).items).toEqual([]);
    expect(expectStatus(await jx.get(`/api/mediation/${m.id}`), 404).error.code).toBe('record.not_found');
    const twoLeads = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/assign`, {
        version: m.version,
        mediators: [
          { userId: gl01MediatorId, lead: true },
          { userId: jxId, lead: true },
        ],
        jointUnitIds: [jxRoom],
      }),
      400,
    );
    expect(twoLeads.error.details.map((d: Json) => d.path)).toEqual(['body.mediators']);
    const outsider = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/assign`, {
        version: m.version,
        mediators: [
          { userId: gl01MediatorId, lead: true },
          { userId: nmId, lead: false },
        ],
        jointUnitIds: [jxRoom],
      }),
      400,
    );
    expect(outsider.error.details.map((d: Json) => d.path)).toEqual(['body.mediators.1.userId']);
    const notARoom = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/assign`, {
        version: m.version,
        mediators: [{ userId: gl01MediatorId, lead: true }],
        jointUnitIds: [await unitId(t, 'GL-ENFORCEMENT')],
      }),
      400,
    );
    expect(notARoom.error.details.map((d: Json) => d.path)).toEqual(['body.jointUnitIds.0']);
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/assign`, {
        version: m.version,
        mediators: [
          { userId: jxId, lead: true },
          { userId: gl01MediatorId, lead: false },
        ],
        jointUnitIds: [jxRoom],
      }),
      200,
    );
    expect(m.jointUnits.map((u: Json) => u.code)).toEqual(['JX01-MEDIATION']);
    expect(m.mediators.map((x: Json) => [x.userId, x.lead])).toEqual([
      [jxId, true],
      [gl01MediatorId, false],
    ]);
    // The joint room's mediator is told, sees the case and takes part in it.
    const inbox = expectStatus(await jx.get('/api/notifications'), 200);
    expect(inbox.items.map((n: Json) => n.message)).toEqual([
      `您已被指派参与调解案件 ${m.number}「劳动争议」（主办单位：中山社区和好屋）。`,
    ]);
    const seen = expectStatus(await jx.get(`/api/mediation/${m.id}`), 200);
    expect(seen.abilities.record).toBe(true);
    m = expectStatus(
      await jx.post(`/api/mediation/${m.id}/records`, {
        version: m.version,
        kind: 'session',
        heldAt: '2026-11-25T02:00:00Z',
        place: '天一社区和好屋',
        record: '双方同意分两期支付',
      }),
      200,
    );
    expect(m.status).toBe('in_progress');
    expect((await jx.get('/api/mediation')).json().items.map((x: Json) => x.id)).toEqual([m.id]);
  });

  it('supersedes a signed agreement with a new one, which leaves the first one as it was', async () => {
    const terms = {
      facts: '餐馆拖欠厨师两个月工资',
      issues: ['工资数额', '支付时间'],
      responsibilities: ['餐馆应按约支付工资'],
      performanceMethod: '银行转账',
      concludedOn: '2026-11-25',
    };
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements`, {
        version: m.version,
        ...terms,
        terms: ['12月5日前支付 6000 元', '12月20日前支付 6000 元'],
        performanceDueOn: '2026-12-20',
      }),
      200,
    );
    const first = m.agreements[0];
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${first.id}/sign`, { version: m.version }),
      200,
    );
    expect(m.agreements[0].followups.map((f: Json) => f.dueOn)).toEqual(['2026-12-20']);
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/outcome`, {
        version: m.version,
        outcome: 'agreed',
        note: '达成协议',
      }),
      200,
    );
    // A new agreement beside the signed one must say it replaces it: two would leave two to perform.
    const beside: Json = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements`, {
        version: m.version,
        ...terms,
        terms: ['另一份'],
        performanceDueOn: '2026-12-10',
      }),
      400,
    );
    expect(beside.error.details[0]).toMatchObject({ path: 'body.supersedesId' });
    expect(beside.error.details[0].message).toContain('替代');
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements`, {
        version: m.version,
        ...terms,
        terms: ['12月10日前一次性支付 12000 元'],
        performanceDueOn: '2026-12-10',
        supersedesId: first.id,
      }),
      200,
    );
    const second = m.agreements[1];
    // And only one draft at a time.
    expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements`, {
        version: m.version,
        ...terms,
        terms: ['第三份'],
        performanceDueOn: '2026-12-10',
        supersedesId: first.id,
      }),
      400,
    );
    expect(m.agreements[0].status).toBe('signed');
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${second.id}/sign`, { version: m.version }),
      200,
    );
    expect(m.agreements.map((a: Json) => [a.status, a.supersededById, a.supersedesId])).toEqual([
      ['superseded', second.id, null],
      ['signed', null, first.id],
    ]);
    expect(m.agreements[0].terms).toEqual(['12月5日前支付 6000 元', '12月20日前支付 6000 元']);
    const pdf = await mediator.get(`/api/mediation/${m.id}/agreements/${first.id}.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
  });

  it('lets one of two simultaneous acceptances win and refuses the other', async () => {
    const c = expectStatus(
      await mediator.post('/api/mediation', {
        leadUnitId: await unitId(t, 'GL01-MEDIATION'),
        disputeType: 'property',
        facts: '物业费争议',
        claims: '减免物业费',
        parties,
      }),
      201,
    );
    const colleague = await signIn(t.app, 'gl01.mediator');
    const results = await Promise.all([
      mediator.post(`/api/mediation/${c.id}/accept`, { version: c.version }),
      colleague.post(`/api/mediation/${c.id}/accept`, { version: c.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.statusCode === 409)?.json();
    expect(['mediation.conflict', 'mediation.invalid_state']).toContain(lost.error.code);
    const events = expectStatus(await mediator.get(`/api/mediation/${c.id}/events`), 200);
    expect(events.items.filter((e: Json) => e.action === 'accept')).toHaveLength(1);
  });

  it('refusing a mediation opened from a help-line case resolves the case as explained, with the reason', async () => {
    const agent = await signIn(t.app, 'agent');
    const c = expectStatus(
      await agent.post('/api/cases', {
        channel: 'hotline',
        kind: 'dispute',
        categoryCode: 'DI02',
        description: '夫妻因抚养费发生争执',
        location: { address: GL01_ADDRESS },
        reporter: { name: '陈女士', phone: '13805740031' },
      }),
      201,
    );
    const r = expectStatus(
      await mediator.post('/api/mediation/from-case', {
        caseId: c.id,
        disputeType: 'family',
        claims: '要求对方按月支付抚养费',
        parties: [{ role: 'applicant', caseReporter: true }],
      }),
      201,
    );
    const refused = expectStatus(
      await mediator.post(`/api/mediation/${r.id}/refuse`, {
        version: r.version,
        reason: '离婚诉讼正在法院审理中',
        otherRoutes: ['litigation'],
      }),
      200,
    );
    expect(refused.status).toBe('refused');
    const source = expectStatus(await agent.get(`/api/cases/${c.id}`), 200);
    expect(source).toMatchObject({ status: 'resolved', outcome: 'explained' });
    expect(source.resolution).toContain('离婚诉讼正在法院审理中');
  });

  it('opens one mediation from a case however many mediators try at once', async () => {
    const agent = await signIn(t.app, 'agent');
    const c = expectStatus(
      await agent.post('/api/cases', {
        channel: 'hotline',
        kind: 'dispute',
        categoryCode: 'DI01',
        description: '邻居在楼道堆放杂物',
        location: { address: GL01_ADDRESS },
        reporter: { name: '周先生', phone: '13805740041' },
      }),
      201,
    );
    expectStatus(await mediator.post(`/api/cases/${c.id}/sign`, {}), 200);
    const colleague = await signIn(t.app, 'gl01.mediator');
    const body = {
      caseId: c.id,
      disputeType: 'neighbour',
      claims: '清理楼道杂物',
      parties: [{ role: 'applicant', caseReporter: true }],
    };
    const results = await Promise.all([
      mediator.post('/api/mediation/from-case', body),
      colleague.post('/api/mediation/from-case', body),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    const lost = results.find((r) => r.statusCode === 400)?.json();
    expect(lost.error.details.map((d: Json) => d.path)).toEqual(['body.caseId']);
  });

  it('lets the applicant withdraw before acceptance', async () => {
    let w = expectStatus(
      await mediator.post('/api/mediation', {
        leadUnitId: await unitId(t, 'GL01-MEDIATION'),
        disputeType: 'consumer',
        facts: '网购家电质量问题',
        claims: '退货退款',
        parties,
      }),
      201,
    );
    const agreed = expectStatus(
      await mediator.post(`/api/mediation/${w.id}/outcome`, {
        version: w.version,
        outcome: 'agreed',
        note: '—',
      }),
      409,
    );
    expect(agreed.error.code).toBe('mediation.invalid_state');
    w = expectStatus(
      await mediator.post(`/api/mediation/${w.id}/outcome`, {
        version: w.version,
        outcome: 'withdrawn',
        note: '双方已自行和解',
      }),
      200,
    );
    expect(w).toMatchObject({ status: 'withdrawn', outcomeNote: '双方已自行和解' });
  });
});
