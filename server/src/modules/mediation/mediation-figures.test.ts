import ExcelJS from 'exceljs';
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
import { addLocalDays, localDateOf, nowIso } from '../../platform/time.ts';
import { expectStatus, type Json } from '../cases/cases.test-support.ts';

const DAY_MS = 86_400_000;

/** A staff account made for the test: a mediator at another organisation. */
async function addMediator(t: TestApp, username: string, unitCode: string): Promise<void> {
  const now = nowIso();
  const user = await t.database.db
    .insertInto('users')
    .values({
      kind: 'staff',
      username,
      display_name: username,
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
}

/**
 * The figures of people's mediation, from cases driven through the API: a room's mediator sees their
 * room, the street head the street (cases at the district centre about a place in it included), a
 * district leader everything; success rate, average duration and disputes kept from escalating.
 */
describe(`mediation figures on ${testEngine}`, () => {
  let t: TestApp;
  let room: Client;
  let labour: Client;
  let jx: Client;
  let head: Client;
  let leader: Client;
  const ids: Record<string, number> = {};
  const today = localDateOf(new Date());
  const month = today.slice(0, 7);

  const post = async (client: Client, path: string, body: Record<string, unknown>, status = 200) =>
    expectStatus(await client.post(path, body), status);

  async function register(
    client: Client,
    unitCode: string,
    disputeType: string,
    parties: Json[],
    place = 'GL01',
  ) {
    const m = await post(
      client,
      '/api/mediation',
      {
        leadUnitId: await unitId(t, unitCode),
        disputeType,
        facts: `${disputeType} 纠纷的事实`,
        claims: '请求调解',
        placeUnitId: await unitId(t, place),
        parties,
      },
      201,
    );
    return m;
  }

  const person = (name: string, phone?: string) => ({ name, ...(phone ? { phone } : {}) });

  /** Accepts, holds a session, signs an agreement (with follow-ups) and ends the case as agreed. */
  async function settle(client: Client, m: Json, followups: Json[] = []): Promise<Json> {
    let c = await post(client, `/api/mediation/${m.id}/accept`, { version: m.version });
    c = await post(client, `/api/mediation/${m.id}/records`, {
      version: c.version,
      kind: 'session',
      heldAt: new Date().toISOString(),
      place: '调解室',
      record: '双方达成一致',
    });
    c = await post(client, `/api/mediation/${m.id}/agreements`, {
      version: c.version,
      facts: '事实',
      issues: ['争议'],
      responsibilities: ['责任'],
      terms: ['条款'],
      performanceMethod: '当面履行',
      performanceDueOn: addLocalDays(today, 10),
      concludedOn: today,
    });
    c = await post(client, `/api/mediation/${m.id}/agreements/${c.agreements[0].id}/sign`, {
      version: c.version,
      followups,
    });
    return post(client, `/api/mediation/${m.id}/outcome`, {
      version: c.version,
      outcome: 'agreed',
      note: '达成协议',
    });
  }

  /** Moves a case's acceptance back so its duration is a known number of days. */
  async function acceptedDaysBeforeOutcome(id: number, days: number) {
    const row = await t.database.db
      .selectFrom('mediation_cases')
      .select('outcome_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('mediation_cases')
      .set({ accepted_at: new Date(Date.parse(row.outcome_at as string) - days * DAY_MS).toISOString() })
      .where('id', '=', id)
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    await addMediator(t, 'hs.labour.mediator', 'HS-LABOUR_MEDIATION');
    await addMediator(t, 'jx01.mediator', 'JX01-MEDIATION');
    room = await signIn(t.app, 'gl01.mediator');
    labour = await signIn(t.app, 'hs.labour.mediator');
    jx = await signIn(t.app, 'jx01.mediator');
    head = await signIn(t.app, 'gl.head');
    leader = await signIn(t.app, 'leader');

    // At 中山社区和好屋: agreed, failed, refused, and one still open.
    const agreed = await register(room, 'GL01-MEDIATION', 'neighbour', [
      { role: 'applicant', person: person('王一', '13805741001') },
      { role: 'respondent', person: person('李一') },
    ]);
    ids.agreed = (await settle(room, agreed)).id;
    const failed = await register(room, 'GL01-MEDIATION', 'family', [
      { role: 'applicant', person: person('张二', '13805741002') },
    ]);
    const f = await post(room, `/api/mediation/${failed.id}/accept`, { version: failed.version });
    ids.failed = (
      await post(room, `/api/mediation/${failed.id}/outcome`, {
        version: f.version,
        outcome: 'failed',
        note: '双方分歧太大',
        otherRoutes: ['litigation'],
      })
    ).id;
    const refused = await register(room, 'GL01-MEDIATION', 'neighbour', [
      { role: 'applicant', person: person('赵三', '13805741003') },
    ]);
    ids.refused = (
      await post(room, `/api/mediation/${refused.id}/refuse`, {
        version: refused.version,
        reason: '已起诉',
        otherRoutes: ['litigation'],
      })
    ).id;
    ids.open = (
      await register(room, 'GL01-MEDIATION', 'property', [
        { role: 'applicant', person: person('钱四', '13805741004') },
      ])
    ).id;

    // At the district's labour centre, about a dispute in 中山社区: agreed, then the same worker back.
    const wages = await register(labour, 'HS-LABOUR_MEDIATION', 'labour', [
      { role: 'applicant', person: person('孙五', '13805741005') },
      { role: 'respondent', person: person('某餐饮公司') },
    ]);
    const settled = await settle(labour, wages);
    ids.cameBack = settled.id;
    ids.again = (
      await register(labour, 'HS-LABOUR_MEDIATION', 'labour', [
        { role: 'applicant', personId: settled.parties[0].personId },
      ])
    ).id;

    // At 天一社区和好屋 (another street): agreed, but the follow-up found it not performed.
    const shop = await register(
      jx,
      'JX01-MEDIATION',
      'consumer',
      [{ role: 'applicant', person: person('周六', '13805741006') }],
      'JX01',
    );
    const broken = await settle(jx, shop, [{ dueOn: addLocalDays(today, 20), what: '核实退款' }]);
    ids.broken = broken.id;
    await post(jx, `/api/mediation/${broken.id}/followups/${broken.agreements[0].followups[0].id}`, {
      version: broken.version,
      method: '电话',
      result: 'not_performed',
      note: '商家未退款',
    });

    await acceptedDaysBeforeOutcome(ids.agreed as number, 10);
    await acceptedDaysBeforeOutcome(ids.failed as number, 4);
    await acceptedDaysBeforeOutcome(ids.cameBack as number, 1);
  });
  afterAll(() => t.close());

  it("counts a room's cases by outcome for its mediator, with success rate and average duration", async () => {
    const f = expectStatus(await room.get('/api/mediation-figures'), 200);
    expect(f.unit.code).toBe('GL01-MEDIATION');
    expect(f.period).toEqual({ from: `${month}-01`, to: expect.any(String) });
    expect(f.total).toMatchObject({
      received: 4,
      agreed: 1,
      failed: 1,
      withdrawn: 0,
      refused: 1,
      success: { numerator: 1, denominator: 2, rate: 0.5 },
      averageDays: 7,
      keptFromEscalating: 1,
    });
    expect(f.openAtEnd).toBe(1);
    expect(f.byOrganisation.map((r: Json) => r.organisation.code)).toEqual(['GL01-MEDIATION']);
    const byType = Object.fromEntries(f.byDisputeType.map((r: Json) => [r.disputeType, r]));
    expect(Object.keys(byType)).toHaveLength(7);
    expect(byType.neighbour).toMatchObject({ nameZh: '邻里纠纷', received: 2, agreed: 1, refused: 1 });
    expect(byType.family).toMatchObject({ received: 1, failed: 1, success: { rate: 0 } });
    expect(byType.labour.received).toBe(0);
  });

  it("counts the street's disputes wherever they were mediated; a dispute that came back was not kept from escalating", async () => {
    const f = expectStatus(await head.get('/api/mediation-figures'), 200);
    expect(f.unit.code).toBe('GL');
    expect(f.total).toMatchObject({
      received: 6,
      agreed: 2,
      failed: 1,
      refused: 1,
      success: { numerator: 2, denominator: 3, rate: 0.6667 },
      averageDays: 5,
      keptFromEscalating: 1,
    });
    expect(f.openAtEnd).toBe(2);
    const orgs = f.byOrganisation.map((r: Json) => r.organisation.code);
    expect(orgs).toEqual(expect.arrayContaining(['GL01-MEDIATION', 'GL02-MEDIATION', 'HS-LABOUR_MEDIATION']));
    expect(orgs).not.toContain('JX01-MEDIATION');
    const centre = f.byOrganisation.find((r: Json) => r.organisation.code === 'HS-LABOUR_MEDIATION');
    expect(centre).toMatchObject({ received: 2, agreed: 1, keptFromEscalating: 0, averageDays: 1 });
    // One organisation of the street, asked for by id.
    const one = expectStatus(
      await head.get(`/api/mediation-figures?unitId=${await unitId(t, 'GL01-MEDIATION')}`),
      200,
    );
    expect(one.total.received).toBe(4);
  });

  it('counts the whole district for a district leader; an agreement not performed was not kept', async () => {
    const f = expectStatus(await leader.get('/api/mediation-figures'), 200);
    expect(f.unit.code).toBe('HS');
    expect(f.total).toMatchObject({
      received: 7,
      agreed: 3,
      success: { numerator: 3, denominator: 4, rate: 0.75 },
      keptFromEscalating: 1,
    });
    const jx01 = f.byOrganisation.find((r: Json) => r.organisation.code === 'JX01-MEDIATION');
    expect(jx01).toMatchObject({ received: 1, agreed: 1, keptFromEscalating: 0 });
    // A period before any of it counts nothing, and still lists every type and organisation.
    const before = expectStatus(
      await leader.get('/api/mediation-figures?from=2020-01-01&to=2020-02-01'),
      200,
    );
    expect(before.total).toMatchObject({ received: 0, success: { rate: null }, averageDays: null });
    expect(before.byDisputeType).toHaveLength(7);
  });

  it('gives the monthly report as an Excel workbook of the same figures', async () => {
    const res = await head.get(`/api/mediation-figures/monthly.xlsx?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`mediation-report-GL-${month}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    expect(String(summary.getCell('A1').value)).toContain('鼓楼街道人民调解工作月报');
    const figure = (name: string) => {
      let value: unknown;
      summary.eachRow((r) => {
        if (r.getCell(1).value === name) value = r.getCell(2).value;
      });
      return value;
    };
    expect(figure('受理纠纷（件）')).toBe(6);
    expect(figure('调解成功（件）')).toBe(2);
    expect(figure('调解成功率')).toBe(0.6667);
    expect(figure('防止纠纷激化（件）')).toBe(1);
    expect(figure('月末在办（件）')).toBe(2);
    const orgs = wb.getWorksheet('按调解组织') as ExcelJS.Worksheet;
    const names: unknown[] = [];
    orgs.eachRow((r) => {
      names.push(r.getCell(1).value);
    });
    expect(names).toEqual(expect.arrayContaining(['中山社区和好屋', '区劳动争议联合调解中心', '合计']));
  });

  it('is for those who may read the mediation cases, and names a bad period or month', async () => {
    const worker = await signIn(t.app, 'jx01.worker');
    expect(expectStatus(await worker.get('/api/mediation-figures'), 403).error.code).toBe('access.denied');
    const resident = await t.app.inject({ method: 'GET', url: '/api/mediation-figures' });
    expect(resident.statusCode).toBe(401);
    const street = await unitId(t, 'JX');
    expect(expectStatus(await room.get(`/api/mediation-figures?unitId=${street}`), 404).error.code).toBe(
      'record.not_found',
    );
    expect(
      expectStatus(await room.get(`/api/mediation-figures/monthly.xlsx?unitId=${street}`), 404).error.code,
    ).toBe('record.not_found');
    const order = expectStatus(await head.get('/api/mediation-figures?from=2026-11-10&to=2026-11-01'), 400);
    expect(order.error.details.map((d: Json) => d.path)).toEqual(['querystring.to']);
    const bad = expectStatus(await head.get('/api/mediation-figures/monthly.xlsx?month=2026-13'), 400);
    expect(bad.error.details.map((d: Json) => d.path)).toEqual(['querystring.month']);
  });
});
