import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import {
  formatLocalTime,
  NOTIFICATION_KINDS,
  REPORTER_SMS_KINDS,
  RESIDENT_NEWS_KINDS,
  renderNotification,
  renderReporterSms,
} from './notifications.messages.ts';
import {
  type MessageParams,
  type NotificationKind,
  notifyReporter,
  notifyUnit,
  notifyUsers,
} from './notifications.service.ts';

const log = pino({ level: 'silent' });

describe(`notifications on ${testEngine}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const userId = async (username: string) =>
    (
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const inboxOf = async (username: string) =>
    t.database.db
      .selectFrom('notifications')
      .select(['kind', 'params'])
      .where('user_id', '=', await userId(username))
      .orderBy('id')
      .execute();
  const recipients = async () =>
    (
      await t.database.db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select('u.username')
        .orderBy('u.username')
        .execute()
    ).map((r) => r.username);
  const clearInboxes = () => t.database.db.deleteFrom('notifications').execute();
  const runJobs = () =>
    runDueJobs(t.database.db, { db: t.database.db, sms: t.sms, log, now: () => new Date() }, { limit: 50 });
  const params = (n: number): MessageParams => ({ trackingNo: `GL2026-${n}`, title: `测试工单${n}` });

  describe('fan-out to a unit', () => {
    it('reaches exactly the staff bound at the unit, not those of units below it', async () => {
      await clearInboxes();
      const enforcement = await unitId(t, 'GL-ENFORCEMENT');
      await t.database.db
        .transaction()
        .execute((trx) => notifyUnit(trx, enforcement, 'case.dispatched', null, params(1)));
      expect(await recipients()).toEqual(['gl.handler']);

      await clearInboxes();
      const street = await unitId(t, 'GL');
      await t.database.db
        .transaction()
        .execute((trx) => notifyUnit(trx, street, 'case.overdue', null, params(2)));
      expect(await recipients()).toEqual(['gl.dispatcher', 'gl.head']);
    });

    it('narrows to the roles asked for and skips deactivated staff', async () => {
      await clearInboxes();
      const street = await unitId(t, 'GL');
      await t.database.db
        .transaction()
        .execute((trx) =>
          notifyUnit(trx, street, 'case.escalated', null, params(3), { roles: ['unit_head'] }),
        );
      expect(await recipients()).toEqual(['gl.head']);

      await clearInboxes();
      await t.database.db.updateTable('users').set({ active: 0 }).where('username', '=', 'gl.head').execute();
      try {
        await t.database.db
          .transaction()
          .execute((trx) => notifyUnit(trx, street, 'case.overdue', null, params(4)));
        expect(await recipients()).toEqual(['gl.dispatcher']);
      } finally {
        await t.database.db
          .updateTable('users')
          .set({ active: 1 })
          .where('username', '=', 'gl.head')
          .execute();
      }
    });

    it('writes nothing when the change it belongs to rolls back', async () => {
      await clearInboxes();
      const handler = await userId('gl.handler');
      const attempt = t.database.db.transaction().execute(async (trx) => {
        await notifyUsers(trx, [handler, handler], 'case.supervised', null, params(5));
        throw new Error('the change failed');
      });
      await expect(attempt).rejects.toThrow('the change failed');
      expect(await recipients()).toEqual([]);
      await t.database.db
        .transaction()
        .execute((trx) => notifyUsers(trx, [handler, handler], 'case.supervised', null, params(5)));
      expect(await inboxOf('gl.handler')).toHaveLength(1); // a repeated id is notified once
    });
  });

  describe('the inbox', () => {
    const notify = async (username: string, kind: NotificationKind, p: MessageParams) => {
      const id = await userId(username);
      await t.database.db.transaction().execute((trx) => notifyUsers(trx, [id], kind, null, p));
    };

    it('lists only my notifications, newest first, in my language, a page at a time', async () => {
      await clearInboxes();
      await notify('gl.handler', 'case.dispatched', {
        ...params(10),
        unitName: '鼓楼综合执法组',
        dueAt: '2026-03-05T06:00:00.000Z',
      });
      await notify('jx.handler', 'case.dispatched', params(11));
      await notify('gl.handler', 'case.returned', { ...params(12), reason: '不属于本单位职责' });
      await notify('gl.handler', 'case.resolved', params(13));

      const handler = await signIn(t.app, 'gl.handler');
      const first = await handler.get('/api/notifications?limit=2');
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1.unreadCount).toBe(3);
      expect(page1.items.map((n: { params: MessageParams }) => n.params.trackingNo)).toEqual([
        'GL2026-13',
        'GL2026-12',
      ]);
      expect(page1.items[1]).toMatchObject({
        kind: 'case.returned',
        caseId: null,
        readAt: null,
        message: '工单 GL2026-12「测试工单12」已被退回，原因：不属于本单位职责，请重新派单。',
      });
      expect(page1.nextAfter).toBe(page1.items[1].id);

      const page2 = (await handler.get(`/api/notifications?limit=2&after=${page1.nextAfter}`)).json();
      expect(page2.nextAfter).toBeNull();
      expect(page2.items).toHaveLength(1);
      expect(page2.items[0].message).toBe(
        '新工单 GL2026-10「测试工单10」已派至鼓楼综合执法组，办理时限 3月5日 14:00。',
      );

      const en = (await handler.get('/api/notifications', { 'accept-language': 'en' })).json();
      expect(en.items.at(-1).message).toBe(
        'New case GL2026-10 "测试工单10" dispatched to 鼓楼综合执法组; due Mar 5, 14:00.',
      );
    });

    it('marks one read, only my own; someone else’s is not found', async () => {
      const handler = await signIn(t.app, 'gl.handler');
      const other = await signIn(t.app, 'jx.handler');
      const [newest] = (await handler.get('/api/notifications')).json().items;
      const theirs = (await other.get('/api/notifications')).json().items[0];

      const read = await handler.post(`/api/notifications/${newest.id}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id: newest.id, readAt: expect.any(String) });
      const again = await handler.post(`/api/notifications/${newest.id}/read`);
      expect(again.json().readAt).toBe(read.json().readAt); // the first read time stays

      const list = (await handler.get('/api/notifications?unread=true')).json();
      expect(list.unreadCount).toBe(2);
      expect(list.items.map((n: { id: number }) => n.id)).not.toContain(newest.id);

      const foreign = await handler.post(`/api/notifications/${theirs.id}/read`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error.code).toBe('record.not_found');
      expect((await handler.post('/api/notifications/999999/read')).statusCode).toBe(404);
      expect((await other.get('/api/notifications')).json().items[0].readAt).toBeNull();
    });

    it('marks all of mine read and no one else’s', async () => {
      const handler = await signIn(t.app, 'gl.handler');
      const res = await handler.post('/api/notifications/read-all');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ marked: 2 });
      expect((await handler.get('/api/notifications')).json().unreadCount).toBe(0);
      expect((await handler.get('/api/notifications?unread=true')).json().items).toEqual([]);
      const other = await signIn(t.app, 'jx.handler');
      expect((await other.get('/api/notifications')).json().unreadCount).toBe(1);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ url: '/openapi.json' })).json();
      const list = doc.paths['/api/notifications'].get;
      expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
        'after',
        'limit',
        'unread',
      ]);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/notifications/{id}/read', '/api/notifications/read-all']),
      );
    });

    it("is each signed-in user's own: a resident reads theirs and nobody else's, strangers sign in first", async () => {
      expect((await new Client(t.app).get('/api/notifications')).statusCode).toBe(401);
      const resident = new Client(t.app);
      const phone = '13900001111';
      await resident.post('/api/auth/otp/request', { phone });
      const code = /(\d{6})/.exec(t.sms.lastTo(phone) ?? '')?.[1];
      const ok = await resident.post('/api/auth/otp/verify', { phone, code });
      expect(ok.statusCode).toBe(200);
      resident.csrfToken = ok.json().csrfToken;
      await t.database.db
        .transaction()
        .execute((trx) => notifyUsers(trx, [ok.json().user.id], 'reporter.dispatched', null, params(40)));
      const res = await resident.get('/api/notifications');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((n: { message: string }) => n.message)).toEqual([
        '您反映的「测试工单40」（编号 GL2026-40）已转交相关单位办理。',
      ]);
      const staffOnes = await t.database.db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '!=', ok.json().user.id)
        .execute();
      expect(staffOnes.length).toBeGreaterThan(0);
      for (const { id } of staffOnes)
        expect((await resident.post(`/api/notifications/${id}/read`)).statusCode).toBe(404);
      expect((await resident.post('/api/notifications/read-all')).json().marked).toBe(1);
    });
  });

  describe('SMS to the reporter', () => {
    it('queues one Chinese text with the tracking number, sent by the job worker', async () => {
      const phone = '13800002222';
      const sentBefore = t.sms.sent.length;
      await t.database.db.transaction().execute((trx) =>
        notifyReporter(trx, {
          phone,
          kind: 'reporter.received',
          params: { trackingNo: 'HS20260305-0042', title: '小区门口路灯不亮' },
        }),
      );
      expect(t.sms.sent).toHaveLength(sentBefore); // nothing leaves before the worker runs
      expect(await runJobs()).toBe(1);
      const texts = t.sms.sent.filter((m) => m.phone === phone).map((m) => m.text);
      expect(texts).toEqual([
        '您反映的「小区门口路灯不亮」已受理，受理编号 HS20260305-0042，可凭编号查询办理进度。',
      ]);
      expect(await runJobs()).toBe(0);
    });

    it('sends nothing for a rolled-back change or a reporter without a phone', async () => {
      const phone = '13800003333';
      const attempt = t.database.db.transaction().execute(async (trx) => {
        await notifyReporter(trx, { phone, kind: 'reporter.resolved', params: params(20) });
        throw new Error('the change failed');
      });
      await expect(attempt).rejects.toThrow();
      await t.database.db
        .transaction()
        .execute((trx) => notifyReporter(trx, { phone: null, kind: 'reporter.closed', params: params(21) }));
      expect(await runJobs()).toBe(0);
      expect(t.sms.lastTo(phone)).toBeUndefined();
    });
  });
});

describe('notification messages', () => {
  const full: MessageParams = {
    trackingNo: 'GL2026-1',
    title: '噪音扰民',
    unitName: '鼓楼街道',
    dueAt: '2026-12-31T16:30:00Z',
    days: 3,
    reason: '需协调多部门',
    intoTrackingNo: 'GL2026-0',
  };

  it('renders every kind in both languages, with or without the optional values', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const lang of ['zh-CN', 'en'] as const) {
        for (const p of [full, { trackingNo: 'GL2026-1', title: '噪音扰民' }]) {
          const text = renderNotification(kind, p, lang);
          expect(text).toContain('GL2026-1');
          expect(text).not.toMatch(/undefined|\{|\}|null/);
        }
      }
    }
    for (const kind of REPORTER_SMS_KINDS) {
      const text = renderReporterSms(kind, full);
      expect(text).toContain('GL2026-1');
      expect(text).toMatch(/^您反映的/);
    }
    // A resident's inbox: every piece of news, whole titles, in the reader's language.
    for (const kind of RESIDENT_NEWS_KINDS) {
      const long = { trackingNo: 'GL2026-1', title: '长'.repeat(40) };
      expect(renderNotification(kind, long, 'zh-CN')).toMatch(new RegExp(`^您反映的「${'长'.repeat(40)}」`));
      expect(renderNotification(kind, long, 'en')).toMatch(
        new RegExp(`^Your report "${'长'.repeat(40)}".*GL2026-1`),
      );
    }
  });

  it('shows deadlines in Beijing time and shortens long titles in texts', () => {
    expect(formatLocalTime('2026-12-31T16:30:00Z', 'zh-CN')).toBe('1月1日 00:30');
    expect(formatLocalTime('2026-03-05T06:05:00Z', 'en')).toBe('Mar 5, 14:05');
    const long = renderReporterSms('reporter.closed', { trackingNo: 'X1', title: '长'.repeat(40) });
    expect(long).toContain(`「${'长'.repeat(19)}…」`);
    expect(renderNotification('case.future_kind', { trackingNo: 'X1' }, 'en')).toBe('case.future_kind X1');
  });
});
