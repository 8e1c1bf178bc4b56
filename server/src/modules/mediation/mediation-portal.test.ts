import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  signIn,
  type TestApp,
  testEngine,
  unitId,
} from '../../../test/helpers.ts';
import { expectStatus, type Json, signInResident } from '../cases/cases.test-support.ts';

/**
 * "申请调解" on the resident portal: a signed-in resident's application becomes a mediation case in
 * status applied at the right organisation, and the resident follows its status among their requests.
 */
describe(`applying for mediation on the portal on ${testEngine}`, () => {
  let t: TestApp;
  let resident: Client;
  let neighbour: Client;
  let mediator: Client;
  let gl01: number;
  let application: Json;

  const neighbourDispute = () => ({
    disputeType: 'neighbour',
    communityId: gl01,
    otherParty: { name: '楼上301室住户', phone: '13805749902', address: '公园路3号301室' },
    facts: '楼上装修后卫生间漏水到我家，找过几次都说不是他们的问题',
    claims: '希望对方修好防水，赔偿天花板的损失',
  });

  beforeAll(async () => {
    t = await createTestApp();
    gl01 = await unitId(t, 'GL01');
    resident = await signInResident(t, '13805749901');
    neighbour = await signInResident(t, '13805749903');
    mediator = await signIn(t.app, 'gl01.mediator');
  });
  afterAll(() => t.close());

  it("sends a neighbour dispute to the community's reconciliation room as an application", async () => {
    application = expectStatus(await resident.post('/api/portal/mediations', neighbourDispute()), 201);
    expect(application).toMatchObject({
      status: 'applied',
      disputeType: 'neighbour',
      organisation: { code: 'GL01-MEDIATION', nameZh: '中山社区和好屋' },
      community: { code: 'GL01' },
      claims: '希望对方修好防水，赔偿天花板的损失',
      acceptedAt: null,
      refusalReason: null,
      routesTold: [],
    });
    expect(application.number).toMatch(/^HSM\d{4}\d{6}$/);
    expect(application.facts).toContain('漏水');
    expect(application.facts).toContain('楼上301室住户');

    const mine = expectStatus(await resident.get('/api/portal/mediations'), 200);
    expect(mine.items.map((m: Json) => [m.id, m.status])).toEqual([[application.id, 'applied']]);
  });

  it('reaches the mediators of the room with the resident as the applicant, recorded in the history and audit', async () => {
    const list = expectStatus(await mediator.get('/api/mediation?status=applied'), 200);
    expect(list.items.map((m: Json) => m.id)).toContain(application.id);
    const seen = expectStatus(await mediator.get(`/api/mediation/${application.id}`), 200);
    expect(seen).toMatchObject({ channel: 'portal', status: 'applied', sourceCase: null });
    // The other party is a respondent, found by the phone the resident gave, which stays out of the facts.
    expect(seen.parties).toEqual([
      expect.objectContaining({ role: 'applicant', phone: '13805749901' }),
      expect.objectContaining({ role: 'respondent', name: '楼上301室住户', phone: '13805749902' }),
    ]);
    expect(seen.facts).toContain('对方当事人（申请人所述）：楼上301室住户；地址 公园路3号301室');
    expect(seen.facts).not.toContain('13805749902');
    const events = expectStatus(await mediator.get(`/api/mediation/${application.id}/events`), 200);
    expect(events.items.map((e: Json) => e.action)).toEqual(['register']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('record_type', '=', 'mediation_case')
      .where('record_id', '=', String(application.id))
      .execute();
    expect(audit).toEqual([{ action: 'mediation.register', actor_type: 'resident' }]);
    const inbox = expectStatus(await mediator.get('/api/notifications'), 200);
    expect(inbox.items.map((n: Json) => n.message)).toContain(
      `居民通过门户申请调解：${application.number}「邻里纠纷」，请及时决定是否受理。`,
    );
  });

  it('shows the resident the status as the room accepts it', async () => {
    expectStatus(await mediator.post(`/api/mediation/${application.id}/accept`, { version: 1 }), 200);
    const mine = expectStatus(await resident.get(`/api/portal/mediations/${application.id}`), 200);
    expect(mine.status).toBe('accepted');
    expect(mine.acceptedAt).not.toBeNull();
  });

  it('sends labour and commercial disputes to the district centres, and tells of a refusal with the other routes', async () => {
    const labour = expectStatus(
      await resident.post('/api/portal/mediations', {
        ...neighbourDispute(),
        disputeType: 'labour',
        otherParty: { name: '某餐饮公司' },
        facts: '干了三个月，老板拖欠工资不给',
        claims: '要回拖欠的工资 12000 元',
      }),
      201,
    );
    expect(labour.organisation.code).toBe('HS-LABOUR_MEDIATION');
    // Without a phone the other party stays in the facts only: no Person is made from a name.
    const parties = await t.database.db
      .selectFrom('mediation_parties')
      .select('role')
      .where('mediation_case_id', '=', labour.id)
      .execute();
    expect(parties).toEqual([{ role: 'applicant' }]);
    const commercial = expectStatus(
      await resident.post('/api/portal/mediations', {
        ...neighbourDispute(),
        disputeType: 'commercial',
        otherParty: { name: '天一广场某服装店' },
      }),
      201,
    );
    expect(commercial.organisation.code).toBe('HS-COMMERCIAL_MEDIATION');

    const mine = expectStatus(await resident.get('/api/portal/mediations'), 200);
    expect(mine.items.map((m: Json) => m.id)).toEqual([commercial.id, labour.id, application.id]);

    // The room refuses another application; the resident reads why and where else to go.
    const family = expectStatus(
      await resident.post('/api/portal/mediations', {
        ...neighbourDispute(),
        disputeType: 'family',
        otherParty: { name: '我弟弟' },
      }),
      201,
    );
    expectStatus(
      await mediator.post(`/api/mediation/${family.id}/refuse`, {
        version: 1,
        reason: '该纠纷已由法院受理',
        otherRoutes: ['litigation'],
      }),
      200,
    );
    const refused = expectStatus(await resident.get(`/api/portal/mediations/${family.id}`), 200);
    expect(refused).toMatchObject({
      status: 'refused',
      refusalReason: '该纠纷已由法院受理',
      routesTold: ['litigation'],
    });
  });

  it("keeps each resident's applications to themselves; staff and strangers cannot apply here", async () => {
    expect(expectStatus(await neighbour.get('/api/portal/mediations'), 200).items).toEqual([]);
    expect(
      expectStatus(await neighbour.get(`/api/portal/mediations/${application.id}`), 404).error.code,
    ).toBe('record.not_found');
    expect(
      expectStatus(await mediator.post('/api/portal/mediations', neighbourDispute()), 403).error.code,
    ).toBe('access.denied');
    expect(expectStatus(await mediator.get('/api/portal/mediations'), 403).error.code).toBe('access.denied');
    const stranger = await resident.app.inject({ method: 'GET', url: '/api/portal/mediations' });
    expect(stranger.statusCode).toBe(401);
  });

  it('answers bad input with 400 naming the field', async () => {
    const street = await unitId(t, 'GL');
    const notCommunity = expectStatus(
      await resident.post('/api/portal/mediations', { ...neighbourDispute(), communityId: street }),
      400,
    );
    expect(notCommunity.error.details.map((d: Json) => d.path)).toEqual(['body.communityId']);
    const bad = expectStatus(
      await resident.post('/api/portal/mediations', {
        disputeType: 'quarrel',
        communityId: gl01,
        otherParty: { name: '', phone: '123' },
        facts: '吵架',
      }),
      400,
    );
    expect(bad.error.details.map((d: Json) => d.path)).toEqual(
      expect.arrayContaining([
        'body.disputeType',
        'body.otherParty.name',
        'body.otherParty.phone',
        'body.claims',
      ]),
    );
    expect(bad.error.message).toContain('body.claims');
  });
});
