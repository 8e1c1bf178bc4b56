import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
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
import {
  expectStatus,
  GL01_ADDRESS,
  type Json,
  register,
  signInResident,
} from '../cases/cases.test-support.ts';
import { sweepMediationReminders } from './mediation-reminders.service.ts';

/** A 1×1 PNG: the smallest real image the type check accepts. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart body of one file and a description field, as the staff app sends evidence. */
function evidenceUpload(name: string, content: Buffer, description: string) {
  const boundary = '----shequmediation';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${description}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function pdfText(body: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(body), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n');
}

/** A staff account made for the test: a mediator of another room. */
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
 * The issue's path through the API: a neighbour dispute phoned into the help line goes to 中山社区和好屋,
 * becomes a mediation case there, is accepted, goes through two sessions to a signed agreement whose
 * judicial-confirmation window and reminders exist, and the help-line case ends resolved with the outcome.
 */
describe(`mediation on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let mediator: Client;
  let other: Client;
  let head: Client;
  let m: Json;
  let caseId: number;
  /** A follow-up after the confirmation window closes, so the reminders below come one kind at a time. */
  const followupOn = addLocalDays(localDateOf(new Date()), 40);

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    mediator = await signIn(t.app, 'gl01.mediator');
    head = await signIn(t.app, 'gl.head');
    await addMediator(t, 'jx01.mediator', 'JX01-MEDIATION');
    other = await signIn(t.app, 'jx01.mediator');
  });
  afterAll(() => t.close());

  const act = async (path: string, body: Record<string, unknown>, status = 200) => {
    const res = expectStatus(await mediator.post(`/api/mediation/${m.id}/${path}`, body), status);
    if (status === 200) m = res;
    return res;
  };

  it('opens a mediation at the community room from a neighbour dispute phoned into the help line', async () => {
    const c = await register(agent, {
      channel: 'hotline',
      kind: 'dispute',
      categoryCode: 'DI01',
      description: '楼上住户装修后卫生间漏水到楼下，多次协商未果',
      location: { address: GL01_ADDRESS },
      reporter: { name: '王秀英', phone: '13805740001' },
    });
    caseId = c.id;
    expect(c.leadUnit.code).toBe('GL01-MEDIATION');
    expect(c.status).toBe('dispatched');

    m = expectStatus(
      await mediator.post('/api/mediation/from-case', {
        caseId,
        disputeType: 'neighbour',
        claims: '请求楼上住户修复防水层并赔偿损失 3000 元',
        parties: [
          {
            role: 'applicant',
            caseReporter: true,
            sex: 'female',
            age: 56,
            ethnicity: '汉族',
            occupation: '退休',
          },
          { role: 'respondent', person: { name: '李建国', phone: '13805740002' }, sex: 'male', age: 40 },
          { role: 'agent', person: { name: '李明', phone: '13805740003' }, represents: 1, relation: '之子' },
        ],
      }),
      201,
    );
    expect(m.number).toMatch(/^HSM\d{4}\d{6}$/);
    expect(m.status).toBe('applied');
    expect(m.channel).toBe('case');
    expect(m.leadUnit.code).toBe('GL01-MEDIATION');
    expect(m.facts).toContain('漏水');
    expect(m.sourceCase).toMatchObject({ id: caseId, status: 'accepted' });
    expect(m.parties.map((p: Json) => [p.role, p.name])).toEqual([
      ['applicant', '王秀英'],
      ['respondent', '李建国'],
      ['agent', '李明'],
    ]);
    // The applicant is the person who phoned the help line: one Person, not a copy.
    expect(m.parties[0].phone).toBe('13805740001');
    const reporter = await t.database.db
      .selectFrom('cases')
      .select('reporter_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(m.parties[0].personId).toBe(reporter.reporter_id);
    expect(m.parties[2].representsId).toBe(m.parties[1].id);
    // The room signed for the help-line case by taking it on.
    const source = expectStatus(await agent.get(`/api/cases/${caseId}`), 200);
    expect(source.status).toBe('accepted');
    // The same case cannot go to mediation twice.
    const again = expectStatus(
      await mediator.post('/api/mediation/from-case', {
        caseId,
        disputeType: 'neighbour',
        claims: '再次申请',
        parties: [{ role: 'applicant', caseReporter: true }],
      }),
      400,
    );
    expect(again.error.details[0].path).toBe('body.caseId');
  });

  it('accepts it with a 30-day time limit and the accepting mediator leading', async () => {
    await act('accept', { version: m.version });
    expect(m.status).toBe('accepted');
    expect(Date.parse(m.dueAt) - Date.parse(m.acceptedAt)).toBe(30 * 86_400_000);
    expect(m.mediators).toEqual([expect.objectContaining({ name: '中山和好屋调解员', lead: true })]);
    expect(m.abilities).toMatchObject({ accept: false, record: true, outcome: true });
  });

  it('records an investigation and two sessions', async () => {
    await act('records', {
      version: m.version,
      kind: 'investigation',
      heldAt: '2026-11-20T02:00:00Z',
      place: '公园路3号201室、301室',
      subject: '现场查看漏水情况',
      record: '201室卫生间顶部有明显水渍，301室卫生间防水层老化',
    });
    expect(m.status).toBe('in_progress');
    for (const [i, heldAt] of ['2026-11-21T06:00:00Z', '2026-11-24T06:00:00Z'].entries()) {
      await act('records', {
        version: m.version,
        kind: 'session',
        heldAt,
        place: '中山社区和好屋调解室',
        attendees: ['王秀英（申请人）', '李建国（被申请人）', '李明（代理人）'],
        record: i === 0 ? '双方陈述，分歧在赔偿金额' : '双方同意修复防水并赔偿 2000 元',
      });
    }
    expect(m.records.map((r: Json) => r.kind)).toEqual(['investigation', 'session', 'session']);
  });

  it('drafts, edits and signs an agreement; a signed agreement cannot be edited', async () => {
    await act('agreements', {
      version: m.version,
      facts: '301室卫生间防水层老化，致201室卫生间顶部渗水',
      issues: ['漏水责任', '赔偿金额'],
      responsibilities: ['李建国对漏水负全部责任'],
      terms: ['李建国于12月10日前修复防水层', '李建国赔偿王秀英 1500 元'],
      performanceMethod: '现金当面支付，和好屋见证',
      performanceDueOn: '2026-12-10',
      concludedOn: '2026-11-24',
      place: '中山社区和好屋调解室',
    });
    const draft = m.agreements[0];
    expect(draft).toMatchObject({ status: 'draft', form: 'written', editable: true });
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${draft.id}`, {
        version: m.version,
        terms: ['李建国于12月10日前修复防水层', '李建国赔偿王秀英 2000 元'],
      }),
      200,
    );
    expect(m.agreements[0].terms[1]).toContain('2000');
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${draft.id}/sign`, {
        version: m.version,
        followups: [{ dueOn: followupOn, what: '核实防水修复和赔偿支付' }],
      }),
      200,
    );
    const signed = m.agreements[0];
    expect(signed.status).toBe('signed');
    expect(signed.editable).toBe(false);
    expect(signed.confirmationDueOn).toBe(addLocalDays(localDateOf(signed.signedAt), 30));
    expect(signed.followups).toEqual([expect.objectContaining({ dueOn: followupOn, doneAt: null })]);
    const edit = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${draft.id}`, {
        version: m.version,
        terms: ['改了'],
      }),
      409,
    );
    expect(edit.error.code).toBe('mediation.agreement_signed');
    const resign = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${draft.id}/sign`, { version: m.version }),
      409,
    );
    expect(resign.error.code).toBe('mediation.agreement_signed');
    // The database holds to it too, whatever code tries.
    await expect(
      t.database.db
        .updateTable('mediation_agreements')
        .set({ terms: '["改了"]' })
        .where('id', '=', draft.id)
        .execute(),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('ends as agreed and resolves the help-line case with the outcome', async () => {
    await act('outcome', { version: m.version, outcome: 'agreed', note: '双方达成调解协议并当场签字' });
    expect(m.status).toBe('agreed');
    expect(m.outcomeAt).not.toBeNull();
    const source = expectStatus(await agent.get(`/api/cases/${caseId}`), 200);
    expect(source.status).toBe('resolved');
    expect(source.outcome).toBe('solved');
    expect(source.resolution).toContain(m.number);
    const events = expectStatus(await mediator.get(`/api/mediation/${m.id}/events`), 200);
    expect(events.items.map((e: Json) => e.action)).toEqual([
      'open_from_case',
      'accept',
      'investigation',
      'session',
      'session',
      'agreement_draft',
      'agreement_edit',
      'agreement_sign',
      'agreed',
    ]);
    expect(events.items.at(-1).data.sourceCaseResolved).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'mediation_case')
      .where('record_id', '=', String(m.id))
      .execute();
    expect(audit).toHaveLength(9);
  });

  it('reminds the lead mediator of the confirmation window 7 and 2 days before it closes, and of follow-ups', async () => {
    const agreement = m.agreements[0];
    const dueOn = agreement.confirmationDueOn as string;
    const at = (day: string) => new Date(`${day}T02:00:00Z`);
    expect(await sweepMediationReminders(t.database.db, at(addLocalDays(dueOn, -10)))).toEqual({
      followups: 0,
      confirmations: 0,
    });
    expect((await sweepMediationReminders(t.database.db, at(addLocalDays(dueOn, -7)))).confirmations).toBe(1);
    expect((await sweepMediationReminders(t.database.db, at(addLocalDays(dueOn, -6)))).confirmations).toBe(0);
    expect((await sweepMediationReminders(t.database.db, at(addLocalDays(dueOn, -2)))).confirmations).toBe(1);
    expect((await sweepMediationReminders(t.database.db, at(addLocalDays(dueOn, -1)))).confirmations).toBe(0);
    expect((await sweepMediationReminders(t.database.db, at(addLocalDays(followupOn, -2)))).followups).toBe(
      0,
    );
    expect((await sweepMediationReminders(t.database.db, at(addLocalDays(followupOn, -1)))).followups).toBe(
      1,
    );
    const inbox = expectStatus(await mediator.get('/api/notifications'), 200);
    const texts = inbox.items.map((n: Json) => n.message as string);
    expect(texts.filter((x: string) => x.includes('司法确认') && x.includes(m.number))).toHaveLength(2);
    expect(texts.some((x: string) => x.includes('回访') && x.includes(m.number))).toBe(true);
  });

  it('records the follow-up and the judicial confirmation; a stale version gets 409', async () => {
    const agreement = m.agreements[0];
    const stale = m.version;
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/followups/${agreement.followups[0].id}`, {
        version: m.version,
        method: '上门',
        result: 'performed',
        note: '防水已修复，赔偿已付清',
      }),
      200,
    );
    const conflict = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${agreement.id}/confirmation`, {
        version: stale,
        court: '海曙区人民法院',
        appliedAt: '2026-12-01T02:00:00Z',
      }),
      409,
    );
    expect(conflict.error.code).toBe('mediation.conflict');
    m = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/agreements/${agreement.id}/confirmation`, {
        version: m.version,
        court: '海曙区人民法院',
        appliedAt: '2026-12-01T02:00:00Z',
        answer: 'confirmed',
        answeredAt: '2026-12-05T02:00:00Z',
        reference: '（2026）浙0203民特123号',
      }),
      200,
    );
    expect(m.agreements[0].confirmation).toMatchObject({ court: '海曙区人民法院', answer: 'confirmed' });
    expect(m.agreements[0].followups[0]).toMatchObject({ result: 'performed', method: '上门' });
  });

  it('keeps evidence and gives the agreement and the case file as PDFs in Chinese', async () => {
    const upload = evidenceUpload('漏水照片.png', PNG, '201室卫生间顶部水渍照片');
    m = expectStatus(
      await mediator.request('POST', `/api/mediation/${m.id}/attachments`, upload.payload, upload.headers),
      200,
    );
    expect(m.attachments).toEqual([
      expect.objectContaining({ fileName: '漏水照片.png', description: '201室卫生间顶部水渍照片' }),
    ]);
    const file = await mediator.get(`/api/mediation/${m.id}/attachments/${m.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);

    const agreement = await mediator.get(`/api/mediation/${m.id}/agreements/${m.agreements[0].id}.pdf`);
    expect(agreement.statusCode, agreement.body).toBe(200);
    expect(agreement.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(agreement.rawPayload);
    for (const expected of [
      '人 民 调 解 协 议 书',
      '司法确认',
      '王秀英',
      '李建国',
      '李明',
      '赔偿王秀英',
      '现金当面支付',
      m.number,
    ])
      expect(text).toContain(expected);

    const caseFile = await mediator.get(`/api/mediation/${m.id}/file.pdf`);
    expect(caseFile.statusCode, caseFile.body).toBe(200);
    const all = await pdfText(caseFile.rawPayload);
    for (const expected of [m.number, '中山社区和好屋', '双方同意修复防水', '漏水照片.png', '海曙区人民法院'])
      expect(all).toContain(expected);
    expect(expectStatus(await other.get(`/api/mediation/${m.id}/file.pdf`), 404).error.code).toBe(
      'record.not_found',
    );
  });

  it('registers an oral walk-in application and refuses it with the reason and other routes', async () => {
    const room = await unitId(t, 'GL01-MEDIATION');
    const bad = expectStatus(
      await mediator.post('/api/mediation', {
        leadUnitId: room,
        disputeType: 'family',
        facts: '兄弟二人因父母房产分割发生争执',
        claims: '请求调解房产分割',
        oralApplication: true,
        parties: [{ role: 'applicant', person: { name: '张大', phone: '13805740011' } }],
      }),
      400,
    );
    expect(bad.error.details.map((d: Json) => d.path)).toEqual(['body.oralRecord']);
    m = expectStatus(
      await mediator.post('/api/mediation', {
        leadUnitId: room,
        disputeType: 'family',
        facts: '兄弟二人因父母房产分割发生争执',
        claims: '请求调解房产分割',
        oralApplication: true,
        oralRecord: '张大口头申请：父母去世后房产由其弟居住，要求分割',
        parties: [
          { role: 'applicant', person: { name: '张大', phone: '13805740011' } },
          { role: 'respondent', person: { name: '张二', phone: '13805740012' } },
        ],
      }),
      201,
    );
    expect(m).toMatchObject({
      channel: 'walk_in',
      oralApplication: true,
      status: 'applied',
      sourceCase: null,
    });
    const noRoutes = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/refuse`, { version: m.version, reason: '已起诉' }),
      400,
    );
    expect(noRoutes.error.details.map((d: Json) => d.path)).toEqual(['body.otherRoutes']);
    await act('refuse', {
      version: m.version,
      reason: '一方已向法院起诉，法院已受理',
      otherRoutes: ['litigation'],
    });
    expect(m).toMatchObject({ status: 'refused', refusalReason: '一方已向法院起诉，法院已受理' });
    expect(m.routesTold).toEqual(['litigation']);
    const accept = expectStatus(
      await mediator.post(`/api/mediation/${m.id}/accept`, { version: m.version }),
      409,
    );
    expect(accept.error.code).toBe('mediation.invalid_state');
    expect(accept.error.message).toBe('调解案件当前状态为「不予受理」，不能受理');
  });

  it("hides the cases from another room's mediator and from residents; the street sees them masked", async () => {
    const mine = expectStatus(await mediator.get('/api/mediation'), 200);
    expect(mine.items).toHaveLength(2);
    const theirs = expectStatus(await other.get('/api/mediation'), 200);
    expect(theirs.items).toHaveLength(0);
    const id = mine.items[1].id;
    expect(expectStatus(await other.get(`/api/mediation/${id}`), 404).error.code).toBe('record.not_found');
    expect(expectStatus(await other.post(`/api/mediation/${id}/accept`, {}), 404).error.code).toBe(
      'record.not_found',
    );
    const resident = await signInResident(t, '13805740001');
    expect(expectStatus(await resident.get(`/api/mediation/${id}`), 404).error.code).toBe('record.not_found');
    expect(expectStatus(await resident.get('/api/mediation'), 403).error.code).toBe('access.denied');
    const street = expectStatus(await head.get('/api/mediation'), 200);
    expect(street.items).toHaveLength(2);
    const seen = expectStatus(await head.get(`/api/mediation/${id}`), 200);
    expect(seen.parties[0].phone).toBe('138****0001');
    expect(seen.abilities.outcome).toBe(false);
    expect(expectStatus(await head.post(`/api/mediation/${id}/records`, {}), 400).error.code).toBe(
      'request.invalid',
    );
  });

  it('answers bad input with 400 naming the field', async () => {
    const res = expectStatus(
      await mediator.post('/api/mediation/from-case', {
        caseId,
        disputeType: 'quarrel',
        parties: [{ role: 'respondent', person: { name: '某某' } }],
      }),
      400,
    );
    const paths = res.error.details.map((d: Json) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.disputeType', 'body.claims', 'body.parties']));
    expect(res.error.message).toContain('body.disputeType');
  });
});
