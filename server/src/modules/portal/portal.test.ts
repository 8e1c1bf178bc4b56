import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { act, expectStatus, type Json, register, signInResident } from '../cases/cases.test-support.ts';

const log = pino({ level: 'silent' });

/** The resident portal through the API: public tracking, own requests, rating, inbox, form helpers. */
describe(`resident portal on ${testEngine}`, () => {
  let t: TestApp;
  let handler: Client;
  let dispatcher: Client;
  let agent: Client;
  let gl01: number;

  beforeAll(async () => {
    t = await createTestApp();
    handler = await signIn(t.app, 'gl.handler');
    dispatcher = await signIn(t.app, 'gl.dispatcher');
    agent = await signIn(t.app, 'agent');
    gl01 = await unitId(t, 'GL01');
  });
  afterAll(() => t.close());

  const runJobs = () =>
    runDueJobs(t.database.db, { db: t.database.db, sms: t.sms, log, now: () => new Date() }, { limit: 100 });

  /** A resident's rubbish report in 中山社区, routed by itself to 鼓楼街道综合执法组. */
  async function report(resident: Client, extra: Record<string, unknown> = {}) {
    return register(resident, {
      categoryCode: 'UM01',
      description: '我是王小明，电话 13612345678，住 3 号楼 502，楼下垃圾桶三天没人清运',
      location: { communityId: gl01, address: '3号楼502' },
      contactPreference: 'sms',
      ...extra,
    });
  }

  /** Signs and resolves a case as the street's handler, with internal words the public must never see. */
  async function handle(id: number) {
    let c = await act(handler, id, 'sign');
    c = await act(handler, id, 'notes', { version: c.version, text: '内部备注：王小明脾气急，先电话联系' });
    c = await act(handler, id, 'extensions', { version: c.version, days: 2, reason: '内部：等物业换桶' });
    c = await act(dispatcher, id, `extensions/${c.extensions.at(-1).id}/decision`, {
      version: c.version,
      approve: false,
      note: '内部：不予延期',
    });
    return act(handler, id, 'resolve', {
      version: c.version,
      outcome: 'solved',
      text: '已清运并加密清运频次',
    });
  }

  describe('tracking without signing in', () => {
    let trackingNo: string;

    beforeAll(async () => {
      const resident = await signInResident(t, '13612345678');
      const c = await report(resident, { reporter: { anonymous: false } });
      trackingNo = c.trackingNo;
      await handle(c.id);
    });

    it('shows status, public steps and the handling unit, and nothing personal or internal', async () => {
      const stranger = new Client(t.app);
      const view = expectStatus(await stranger.get(`/api/public/cases/${trackingNo}`), 200);
      expect(view).toMatchObject({
        trackingNo,
        status: 'resolved',
        category: { code: 'UM01' },
        handlingUnit: { code: 'GL-ENFORCEMENT' },
        dueAt: null,
      });
      expect(view.steps.map((s: Json) => s.step)).toEqual([
        'registered',
        'dispatched',
        'accepted',
        'resolved',
      ]);
      expect(view.steps[1].unit.code).toBe('GL-ENFORCEMENT');
      expect(view.steps[3].outcome).toBe('solved');
      expect(Object.keys(view).sort()).toEqual(
        ['category', 'dueAt', 'handlingUnit', 'registeredAt', 'status', 'steps', 'trackingNo'].sort(),
      );
      const text = JSON.stringify(view);
      for (const secret of [
        '王小明',
        '13612345678',
        '136****5678',
        '3号楼',
        '垃圾桶三天', // the description and the title made from it
        '内部', // notes and the extension's reason
        '已清运', // the resolution text is for the reporter, not for anyone with the number
        '办理人', // staff names ('鼓楼综合执法组办理人')
        '居民 ',
      ])
        expect(text).not.toContain(secret);
    });

    it('takes the number as people type it, and answers unknown and malformed numbers clearly', async () => {
      const stranger = new Client(t.app, 'en');
      const typed = ` ${trackingNo.toLowerCase().slice(0, 6)} ${trackingNo.slice(6)} `;
      expect(
        expectStatus(await stranger.get(`/api/public/cases/${encodeURIComponent(typed)}`), 200).trackingNo,
      ).toBe(trackingNo);
      expect(expectStatus(await stranger.get('/api/public/cases/HS20000101999999'), 404).error.code).toBe(
        'record.not_found',
      );
      const bad = expectStatus(
        await stranger.get(`/api/public/cases/${encodeURIComponent('HS-2026*')}`),
        400,
      );
      expect(bad.error.details[0]).toMatchObject({ path: 'params.trackingNo' });
      expect(bad.error.details[0].message).toContain('tracking number');
    });

    it('hides the category and units of a sensitive case', async () => {
      const resident = await signInResident(t, '13612340000');
      const c = await register(resident, {
        categoryCode: 'CM02',
        description: '家人刚刑满释放，需要帮扶',
        location: { communityId: gl01 },
      });
      const view = expectStatus(await new Client(t.app).get(`/api/public/cases/${c.trackingNo}`), 200);
      expect(view.category).toBeNull();
      expect(view.handlingUnit).toBeNull();
      expect(view.steps.every((s: Json) => s.unit === null)).toBe(true);
      // Its reporter sees the whole of it.
      const own = expectStatus(await resident.get(`/api/portal/cases/${c.trackingNo}`), 200);
      expect(own.category.code).toBe('CM02');
      expect(own.handlingUnit).not.toBeNull();
    });

    it('is rate-limited per client address', async () => {
      const app = await buildApp({ database: t.database, sms: t.sms, config: t.config });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 32; i++)
          codes.push(
            (await app.inject({ url: '/api/public/cases/HS20000101999999', remoteAddress: '10.9.8.7' }))
              .statusCode,
          );
        expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
        expect(codes.at(-1)).toBe(429);
      } finally {
        await app.close();
      }
    });
  });

  describe("a resident's own requests", () => {
    let mine: Json;
    let resident: Client;

    beforeAll(async () => {
      resident = await signInResident(t, '13700001111');
      mine = await report(resident, { reporter: { anonymous: true }, contactPreference: 'phone' });
    });

    it('lists and opens only their own requests; another resident gets not found', async () => {
      const list = expectStatus(await resident.get('/api/portal/cases'), 200);
      expect(list.items.map((c: Json) => c.trackingNo)).toEqual([mine.trackingNo]);
      expect(list.items[0]).toMatchObject({ status: 'dispatched', awaitingRating: false });

      const own = expectStatus(await resident.get(`/api/portal/cases/${mine.trackingNo}`), 200);
      expect(own).toMatchObject({
        description: mine.description,
        anonymous: true,
        contactPreference: 'phone',
        community: { code: 'GL01' },
        abilities: { rate: false, attach: true },
      });

      const other = await signInResident(t, '13700002222');
      for (const res of [
        await other.get(`/api/portal/cases/${mine.trackingNo}`),
        await other.get(`/api/cases/${mine.id}`),
        await other.post(`/api/portal/cases/${mine.trackingNo}/rating`, {
          rating: 'satisfied',
          solved: true,
        }),
      ])
        expect(expectStatus(res, 404).error.code).toBe('record.not_found');
      expect(expectStatus(await other.get('/api/portal/cases'), 200).items).toEqual([]);

      // Staff use the workbench; the portal's own pages are for residents.
      expect(expectStatus(await agent.get('/api/portal/cases'), 403).error.code).toBe('access.denied');
      expect((await new Client(t.app).get('/api/portal/cases')).statusCode).toBe(401);
    });

    it("shows a resident whose report was merged their own words, never the other reporter's", async () => {
      const first = await signInResident(t, '13700003333');
      const second = await signInResident(t, '13700004444');
      // Not the rubbish again: an identical report of an open case would be held as a suspected duplicate.
      const kept = await report(first, {
        categoryCode: 'UM02',
        description: '我是王小明，电话 13612345678，住 3 号楼 502，楼下有人私自搭了个铁皮棚子',
      });
      // Filed without a kind of matter, so it waits in triage, where a dispatcher merges duplicates.
      const duplicate = await report(second, {
        categoryCode: undefined,
        description: '中山社区垃圾桶满了，我是李四，住 7 号楼',
        location: { communityId: gl01, address: '7号楼' },
      });
      expectStatus(
        await dispatcher.post(`/api/cases/${duplicate.id}/merge`, {
          version: duplicate.version,
          intoCaseId: kept.id,
        }),
        200,
      );
      const seen = expectStatus(await second.get(`/api/portal/cases/${kept.trackingNo}`), 200);
      expect(seen.description).toBe('中山社区垃圾桶满了，我是李四，住 7 号楼');
      expect(seen.address).toBe('7号楼');
      expect(JSON.stringify(seen)).not.toContain('王小明');
      const listed = expectStatus(await second.get('/api/portal/cases'), 200);
      for (const item of listed.items) expect(item.title).not.toContain('王小明');
      // The first reporter still reads their own case as they wrote it.
      const original = expectStatus(await first.get(`/api/portal/cases/${kept.trackingNo}`), 200);
      expect(original.description).toContain('王小明');

      // News of the kept case reaches the second reporter under their own number and words.
      await handle(kept.id);
      const inbox = expectStatus(await second.get('/api/notifications'), 200);
      const resolved = inbox.items.find((n: Json) => n.kind === 'reporter.resolved');
      expect(resolved.message).toContain(duplicate.trackingNo);
      expect(resolved.message).not.toContain('王小明');
      expect(JSON.stringify(inbox.items)).not.toContain('王小明');
    });

    it('shows staff the contact preference, and an anonymous reporter only to those who contact reporters', async () => {
      const seen = expectStatus(await agent.get(`/api/cases/${mine.id}`), 200);
      expect(seen.contactPreference).toBe('phone');
      expect(seen.reporter).toMatchObject({ anonymous: true, phone: '13700001111' });
      for (const viewer of [await signIn(t.app, 'leader'), handler])
        expect(expectStatus(await viewer.get(`/api/cases/${mine.id}`), 200).reporter).toMatchObject({
          name: null,
          phone: null,
          anonymous: true,
        });
    });

    it('refuses a rating before the request is resolved, and a rating without its answers', async () => {
      const early = expectStatus(
        await resident.post(`/api/portal/cases/${mine.trackingNo}/rating`, {
          rating: 'satisfied',
          solved: true,
        }),
        409,
      );
      expect(early.error.code).toBe('case.invalid_state');
      expect(early.error.message).toBe('工单当前状态为「已派单」，不能评价');
      const invalid = expectStatus(
        await resident.post(`/api/portal/cases/${mine.trackingNo}/rating`, { rating: 'so-so' }),
        400,
      );
      expect(invalid.error.details.map((d: Json) => d.path).sort()).toEqual(['body.rating', 'body.solved']);
    });

    it('reopens the request when rated dissatisfied and not solved, as a callback would', async () => {
      await handle(mine.id);
      const before = expectStatus(await resident.get(`/api/portal/cases/${mine.trackingNo}`), 200);
      expect(before).toMatchObject({
        status: 'resolved',
        outcome: 'solved',
        resolution: '已清运并加密清运频次',
      });
      expect(before.abilities.rate).toBe(true);
      expect(expectStatus(await resident.get('/api/portal/cases'), 200).items[0].awaitingRating).toBe(true);

      const rated = expectStatus(
        await resident.post(`/api/portal/cases/${mine.trackingNo}/rating`, {
          version: before.version,
          rating: 'dissatisfied',
          solved: false,
          comment: '垃圾桶还是满的',
        }),
        200,
      );
      expect(rated.status).toBe('dispatched');
      expect(rated.steps.at(-1)).toMatchObject({ step: 'reopened', unit: { code: 'GL-ENFORCEMENT' } });
      expect(rated.myRating).toMatchObject({
        rating: 'dissatisfied',
        solved: false,
        comment: '垃圾桶还是满的',
        reopened: true,
      });
      expect(rated.abilities.rate).toBe(false);
      expect(rated.outcome).toBeNull();

      // The same record as an agent's callback: counted by the figures, seen on the case page.
      const staffView = expectStatus(await agent.get(`/api/cases/${mine.id}`), 200);
      expect(staffView).toMatchObject({ reopenCount: 1, rating: 'dissatisfied', solved: false });
      expect(staffView.callbacks.at(-1)).toMatchObject({
        answered: true,
        reopened: true,
        comment: '垃圾桶还是满的',
      });
      const events = expectStatus(await agent.get(`/api/cases/${mine.id}/events`), 200).items;
      expect(events.at(-1)).toMatchObject({
        action: 'reopen',
        data: { via: 'portal', rating: 'dissatisfied' },
      });
      const news = expectStatus(await resident.get('/api/notifications'), 200).items[0];
      expect(news).toMatchObject({ kind: 'reporter.reopened', caseId: mine.id, readAt: null });
      expect(news.message).toContain('已重新交办');
      const handlerInbox = expectStatus(await handler.get('/api/notifications'), 200).items;
      expect(handlerInbox.some((n: Json) => n.kind === 'case.reopened' && n.caseId === mine.id)).toBe(true);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('record_type', '=', 'case')
        .where('record_id', '=', String(mine.id))
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe('case.reopen');
    });

    it('closes the request when rated satisfied, and takes no second rating', async () => {
      const again = await handle(mine.id);
      const rated = expectStatus(
        await resident.post(`/api/portal/cases/${mine.trackingNo}/rating`, {
          version: again.version,
          rating: 'basically_satisfied',
          solved: true,
        }),
        200,
      );
      expect(rated.status).toBe('closed');
      expect(rated.steps.map((s: Json) => s.step).slice(-3)).toEqual(['accepted', 'resolved', 'closed']);
      const twice = expectStatus(
        await resident.post(`/api/portal/cases/${mine.trackingNo}/rating`, {
          rating: 'satisfied',
          solved: true,
        }),
        409,
      );
      expect(twice.error.code).toBe('case.invalid_state');
    });
  });

  describe('news of status changes', () => {
    it("reaches the resident's inbox at every step, and by SMS unless they asked not to be contacted", async () => {
      const phone = '13900005555';
      const resident = await signInResident(t, phone);
      await runJobs();
      const sentBefore = t.sms.sent.filter((m) => m.phone === phone).length;
      const c = await report(resident, { contactPreference: 'none' });
      await handle(c.id);
      await runJobs();

      const inbox = expectStatus(await resident.get('/api/notifications'), 200);
      expect(inbox.items.map((n: Json) => n.kind).reverse()).toEqual([
        'reporter.received',
        'reporter.dispatched', // routed by itself at intake: told in the inbox, not by a second text
        'reporter.accepted', // the unit signed for it: inbox only
        'reporter.resolved',
      ]);
      expect(inbox.unreadCount).toBe(4);
      expect(inbox.items[1].message).toBe(
        `您反映的「${c.title}」（编号 ${c.trackingNo}）已由鼓楼街道综合执法组接单，正在办理。`,
      );
      expect(inbox.items.every((n: Json) => n.caseId === c.id && n.params.trackingNo === c.trackingNo)).toBe(
        true,
      );
      expect(inbox.items[0].message).toBe(
        `您反映的「${c.title}」（编号 ${c.trackingNo}）已办结，请查看办理结果并评价。`,
      );
      const english = new Client(t.app, 'en');
      english.cookies = resident.cookies;
      expect(expectStatus(await english.get('/api/notifications'), 200).items[0].message).toContain(
        'was resolved; please see the result and rate it',
      );
      // Asked not to be contacted: no texts, the inbox only.
      expect(t.sms.sent.filter((m) => m.phone === phone)).toHaveLength(sentBefore);

      const texted = await signInResident(t, '13900006666');
      await report(texted);
      await runJobs();
      expect(t.sms.lastTo('13900006666')).toContain('已受理');
    });
  });

  describe('help for the report form', () => {
    it('suggests categories from plain words, best first, and none for words that say nothing', async () => {
      const stranger = new Client(t.app);
      const lamp = expectStatus(
        await stranger.post('/api/public/category-suggestions', {
          text: '小区门口的路灯坏了好几天，晚上黑漆漆的',
        }),
        200,
      );
      expect(lamp.suggestions[0]).toMatchObject({ code: 'UM06', nameZh: '路灯照明' });
      expect(lamp.suggestions[0].descriptionZh).toContain('路灯不亮');
      expect(lamp.suggestions.length).toBeLessThanOrEqual(3);
      const noise = expectStatus(
        await stranger.post('/api/public/category-suggestions', { text: '楼上邻居天天半夜装修，吵得睡不着' }),
        200,
      );
      expect(noise.suggestions[0].code).toBe('EN02');
      expect(
        expectStatus(await stranger.post('/api/public/category-suggestions', { text: '你好' }), 200)
          .suggestions,
      ).toEqual([]);
      const empty = expectStatus(
        await stranger.post('/api/public/category-suggestions', { text: '  ' }),
        400,
      );
      expect(empty.error.details[0].path).toBe('body.text');
    });

    it("names the street and community of the device's location, and registers a case placed by it", async () => {
      const stranger = new Client(t.app);
      const at = { lat: 29.88, lng: 121.541 };
      const place = expectStatus(
        await stranger.get(`/api/public/places/point?lat=${at.lat}&lng=${at.lng}`),
        200,
      );
      expect(place.place).toMatchObject({ street: { code: 'GL' }, community: { code: 'GL01' } });
      expect(
        expectStatus(await stranger.get('/api/public/places/point?lat=39.9&lng=116.4'), 200).place,
      ).toBeNull();
      expect(expectStatus(await stranger.get('/api/public/places/point?lat=north'), 400).error.code).toBe(
        'request.invalid',
      );

      const resident = await signInResident(t, '13900007777');
      const c = await register(resident, { description: '路口井盖没了', location: at });
      expect(c).toMatchObject({ channel: 'portal', community: { code: 'GL01' }, lat: at.lat, lng: at.lng });
    });
  });

  describe('the sign-in code on screen', () => {
    it('is sent back by a demo server only', async () => {
      const demo = expectStatus(
        await new Client(t.app).post('/api/auth/otp/request', { phone: '13900008888' }),
        200,
      );
      expect(demo.demoCode).toMatch(/^\d{6}$/);
      expect(t.sms.lastTo('13900008888')).toContain(demo.demoCode);

      const production = await buildApp({
        database: t.database,
        sms: t.sms,
        config: { ...t.config, demo: false, dataDir: path.join(os.tmpdir(), 'shequ-test-data') },
      });
      try {
        const res = await production.inject({
          method: 'POST',
          url: '/api/auth/otp/request',
          payload: { phone: '13900009999' },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).not.toHaveProperty('demoCode');
        expect(res.body).not.toMatch(/\d{6}/);
      } finally {
        await production.close();
      }
    });
  });
});
