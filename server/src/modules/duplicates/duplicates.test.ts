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
  type Json,
  register,
  signInResident,
} from '../cases/cases.test-support.ts';

const POTHOLE = '公园路3号门口人行道上的井盖松动了，走上去哐当响，晚上很危险';
const POTHOLE_AGAIN = '公园路3号那里井盖松了，踩上去会响，怕有人摔倒';

describe(`duplicate detection on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let dispatcher: Client;
  let pothole: Json;
  let rubbish: Json;
  let elsewhere: Json;

  const ids = (list: { items: Array<{ id: number }> }) => list.items.map((c) => c.id);
  const countCases = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    dispatcher = await signIn(t.app, 'dispatcher');
    pothole = await register(agent, {
      categoryCode: 'UM05',
      description: POTHOLE,
      location: { address: GL01_ADDRESS },
      reporter: { phone: '13800000001', name: '王先生' },
    });
    rubbish = await register(agent, {
      categoryCode: 'UM01',
      description: '公园路垃圾桶满了好几天没人清运，很臭',
      location: { address: GL01_ADDRESS },
    });
    // The same words in 江厦 street's 天一 community, its spot not named.
    elsewhere = await register(agent, {
      categoryCode: 'UM05',
      description: '人行道上的井盖松动了，走上去哐当响，晚上很危险',
      location: { communityId: await unitId(t, 'JX01') },
    });
  });
  afterAll(() => t.close());

  it('offers the first pothole when the same pothole is entered again, with its reasons', async () => {
    const found = expectStatus(
      await agent.post('/api/cases/duplicate-candidates', {
        description: POTHOLE_AGAIN,
        categoryCode: 'UM05',
        location: { address: GL01_ADDRESS },
      }),
      200,
    );
    expect(found.items[0]).toMatchObject({ id: pothole.id, trackingNo: pothole.trackingNo });
    const kinds = found.items[0].reasons.map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['similar_words', 'same_category', 'same_community']));
    const similar = found.items[0].reasons.find((r: { kind: string }) => r.kind === 'similar_words');
    expect(similar.words).toContain('井盖');
    expect(found.items[0].score).toBeGreaterThan(0.7);
    expect(found.items.length).toBeLessThanOrEqual(5);
    // Before a category is picked the words and the place still find it.
    const uncategorised = expectStatus(
      await agent.post('/api/cases/duplicate-candidates', {
        description: POTHOLE_AGAIN,
        location: { address: GL01_ADDRESS },
      }),
      200,
    );
    expect(ids(uncategorised)[0]).toBe(pothole.id);
  });

  it('does not offer a different problem in the same community, nor rank it above the same one', async () => {
    const found = expectStatus(
      await agent.post('/api/cases/duplicate-candidates', {
        description: POTHOLE_AGAIN,
        categoryCode: 'UM05',
        location: { address: GL01_ADDRESS },
      }),
      200,
    );
    expect(ids(found)).not.toContain(rubbish.id);
    const noCategory = expectStatus(
      await agent.post('/api/cases/duplicate-candidates', {
        description: '公园路3号楼道的灯坏了，晚上看不见',
        location: { address: GL01_ADDRESS },
      }),
      200,
    );
    expect(ids(noCategory)).not.toContain(rubbish.id);
    expect(ids(noCategory)).not.toContain(pothole.id);
  });

  it('never lists a case the viewer may not open', async () => {
    // A caller who cannot say where: the same words in the same category anywhere in the district.
    const draft = { description: POTHOLE, categoryCode: 'UM05' };
    // The district dispatcher sees the case in another street ...
    const district = expectStatus(await dispatcher.post('/api/cases/duplicate-candidates', draft), 200);
    expect(ids(district)).toEqual(expect.arrayContaining([pothole.id, elsewhere.id]));
    // ... a dispatcher of 鼓楼 street does not see 江厦's case, so it is not offered.
    const street = await signIn(t.app, 'gl.dispatcher');
    const gl = expectStatus(await street.post('/api/cases/duplicate-candidates', draft), 200);
    expect(ids(gl)).toContain(pothole.id);
    expect(ids(gl)).not.toContain(elsewhere.id);
    // Where both places are known and far apart, the same words are another pothole.
    const onCase = expectStatus(await dispatcher.get(`/api/cases/${pothole.id}/duplicates`), 200);
    expect(onCase.items.map((c: { id: number }) => c.id)).not.toContain(elsewhere.id);
    // Residents and the signed-out learn nothing about other people's cases.
    const resident = await signInResident(t, '13600009999');
    expect((await resident.post('/api/cases/duplicate-candidates', draft)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/cases/duplicate-candidates', payload: draft }))
        .statusCode,
    ).toBe(401);
    expect((await resident.get(`/api/cases/${pothole.id}/duplicates`)).statusCode).toBe(404);
  });

  it('refuses a bad draft with the field named, in the caller language', async () => {
    const res = expectStatus(
      await agent.post('/api/cases/duplicate-candidates', { description: '井盖', categoryCode: 'XX99' }),
      400,
    );
    expect(res.error.details.map((d: { path: string }) => d.path)).toContain('body.categoryCode');
    const en = expectStatus(
      await agent.post('/api/cases/duplicate-candidates', { description: '' }, { 'accept-language': 'en' }),
      400,
    );
    expect(en.error.message).toMatch(/Invalid request/);
  });

  it('registers a call merged into the earlier case in one step, and refuses a bad target creating nothing', async () => {
    const before = await countCases();
    const missing = expectStatus(
      await agent.post('/api/cases', { description: POTHOLE_AGAIN, mergeInto: 999_999 }),
      400,
    );
    expect(missing.error.details).toEqual([
      expect.objectContaining({ path: 'body.mergeInto', message: '找不到该工单' }),
    ]);
    const en = expectStatus(
      await agent.post(
        '/api/cases',
        { description: POTHOLE_AGAIN, mergeInto: 999_999 },
        { 'accept-language': 'en' },
      ),
      400,
    );
    expect(en.error.details[0]).toMatchObject({ path: 'body.mergeInto', message: 'no such case' });
    // A case the caller may not open reads as missing: a 天一 community worker cannot join a 中山 case.
    const worker = await signIn(t.app, 'jx01.worker');
    expectStatus(await worker.post('/api/cases', { description: POTHOLE_AGAIN, mergeInto: pothole.id }), 400);
    // Merged and answered on the spot at once makes no sense.
    const both = expectStatus(
      await agent.post('/api/cases', {
        description: POTHOLE_AGAIN,
        mergeInto: pothole.id,
        answer: { text: '已答复' },
      }),
      400,
    );
    expect(both.error.details[0].path).toBe('body.mergeInto');
    // A resident cannot join someone else's case from the portal.
    const resident = await signInResident(t, '13600008888');
    expect(
      (await resident.post('/api/cases', { description: POTHOLE_AGAIN, mergeInto: pothole.id })).statusCode,
    ).toBe(403);
    expect(await countCases()).toBe(before);

    const merged = await register(agent, {
      categoryCode: 'UM05',
      description: POTHOLE_AGAIN,
      location: { address: GL01_ADDRESS },
      reporter: { phone: '13800000002', name: '李女士' },
      mergeInto: pothole.id,
    });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: pothole.id, leadUnit: null });
    expect(merged.assignments).toEqual([]);
    expect(await countCases()).toBe(before + 1);
    const original = expectStatus(await dispatcher.get(`/api/cases/${pothole.id}`), 200);
    expect(original.otherReporters).toBe(1);
    expect(original.related.merged.map((c: { id: number }) => c.id)).toEqual([merged.id]);
    const events = expectStatus(await dispatcher.get(`/api/cases/${pothole.id}/events`), 200);
    expect(events.items.at(-1)).toMatchObject({ action: 'merge_in', data: { from: merged.trackingNo } });
    // The second caller is told the earlier case's number, not sent a "received" for a case that ended.
    const texts = await t.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'sms.send')
      .execute();
    const toCaller = texts
      .map((j) => JSON.parse(j.payload) as { phone: string; kind: string })
      .filter((m) => m.phone === '13800000002');
    expect(toCaller.map((m) => m.kind)).toEqual(['reporter.merged']);
    // Not open work any more: the backlog and the worklists count the problem once.
    const open = expectStatus(
      await dispatcher.get('/api/cases?status=received,dispatched,accepted&limit=200'),
      200,
    );
    expect(ids(open)).toContain(pothole.id);
    expect(ids(open)).not.toContain(merged.id);
  });

  it('links an obvious Open311 duplicate as suspected too, never merging it', async () => {
    const admin = await signIn(t.app, 'admin');
    const { key } = expectStatus(
      await admin.post('/api/api-keys', {
        name: '随手拍',
        unitId: await unitId(t, 'GL'),
        rateLimitPerMinute: 100,
      }),
      201,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['api_key', key],
        ['service_code', 'UM05'],
        ['address_string', GL01_ADDRESS],
        ['description', '公园路3号门口井盖松动了，人踩上去哐当响'],
      ]).toString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.database.db
      .selectFrom('cases')
      .select(['status', 'merged_into_id', 'suspected_duplicate_of_id', 'triage_reason'])
      .where('channel', '=', 'open311')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'received',
      merged_into_id: null,
      suspected_duplicate_of_id: pothole.id,
      triage_reason: 'suspected_duplicate',
    });
  });

  it('holds an obvious portal duplicate for a dispatcher, who confirms or dismisses it', async () => {
    const first = await signInResident(t, '13600001234');
    const suspect = await register(first, {
      categoryCode: 'UM05',
      description: '公园路3号门口井盖松动，人走上去哐当哐当响，太危险了',
      location: { address: GL01_ADDRESS },
    });
    // Held in triage, not sent to a unit; which case it may repeat is not the resident's to see.
    expect(suspect).toMatchObject({
      status: 'received',
      triageReason: 'suspected_duplicate',
      suspectedDuplicateOfId: null,
      leadUnit: null,
    });
    expect(expectStatus(await dispatcher.get(`/api/cases/${suspect.id}`), 200)).toMatchObject({
      suspectedDuplicateOfId: pothole.id,
    });
    // The resident sees their own case, not the other one nor the link's target.
    expect((await first.get(`/api/cases/${pothole.id}`)).statusCode).toBe(404);
    const view = expectStatus(await dispatcher.get(`/api/cases/${suspect.id}/duplicates`), 200);
    expect(view.suspectedOf).toMatchObject({ id: pothole.id, trackingNo: pothole.trackingNo });
    expect(view.items.map((c: { id: number }) => c.id)).not.toContain(pothole.id);
    const onOriginal = expectStatus(await dispatcher.get(`/api/cases/${pothole.id}/duplicates`), 200);
    expect(onOriginal.suspectedBy.map((c: { id: number }) => c.id)).toContain(suspect.id);
    const triage = expectStatus(await dispatcher.get('/api/cases?view=triage'), 200);
    expect(triage.items.find((c: { id: number }) => c.id === suspect.id)).toMatchObject({
      triageReason: 'suspected_duplicate',
    });
    // Confirm: the existing merge, into the suspected original.
    const confirmed = await act(dispatcher, suspect.id, 'merge', { intoCaseId: pothole.id });
    expect(confirmed).toMatchObject({
      status: 'merged',
      mergedIntoId: pothole.id,
      suspectedDuplicateOfId: null,
    });

    // A different resident, same pothole: this time the dispatcher finds it is another one.
    const second = await signInResident(t, '13600005678');
    const another = await register(second, {
      categoryCode: 'UM05',
      description: '公园路3号门口的井盖松动了，踩上去哐当响',
      location: { address: GL01_ADDRESS },
    });
    expect(expectStatus(await dispatcher.get(`/api/cases/${another.id}`), 200).suspectedDuplicateOfId).toBe(
      pothole.id,
    );
    expect(
      expectStatus(await agent.post(`/api/cases/${another.id}/dismiss-duplicate`, {}), 403).error.code,
    ).toBe('access.denied');
    const dismissed = await act(dispatcher, another.id, 'dismiss-duplicate', { note: '是另一个井盖' });
    expect(dismissed).toMatchObject({
      status: 'received',
      suspectedDuplicateOfId: null,
      triageReason: 'review',
    });
    expect(dismissed.abilities.dispatch).toBe(true);
    const events = expectStatus(await dispatcher.get(`/api/cases/${another.id}/events`), 200);
    expect(events.items.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'suspect_duplicate',
      'dismiss_duplicate',
    ]);
    expect(events.items[2]).toMatchObject({ note: '是另一个井盖', data: { of: pothole.trackingNo } });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', String(another.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('case.dismiss_duplicate');
    const again = expectStatus(await dispatcher.post(`/api/cases/${another.id}/dismiss-duplicate`, {}), 409);
    expect(again.error.code).toBe('case.not_suspected_duplicate');
    // A portal report of a different problem in the same place goes out as usual.
    const lamp = await register(second, {
      categoryCode: 'UM06',
      description: '公园路3号门口的路灯不亮了',
      location: { address: GL01_ADDRESS },
    });
    expect(lamp).toMatchObject({ status: 'dispatched', suspectedDuplicateOfId: null });
  });
});
