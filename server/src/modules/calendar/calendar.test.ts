import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { getWorkCalendar } from './calendar.service.ts';

/** A local (UTC+8) wall-clock time as an ISO instant: `at('2026-09-30 16:00')`. */
const at = (local: string) => `${local.replace(' ', 'T')}:00+08:00`;

/**
 * An invented 2027 schedule (the State Council had not published 2027 when this was written):
 * New Year Fri 1 – Sun 3 January; Spring Festival Sat 6 – Fri 12 February with Sunday 31 January
 * and Saturday 20 February worked; National Day Fri 1 – Thu 7 October with Saturday 9 October worked.
 */
const SCHEDULE_2027 = {
  holidays: [
    ...['01', '02', '03'].map((d) => ({ date: `2027-01-${d}`, name: '元旦' })),
    ...['06', '07', '08', '09', '10', '11', '12'].map((d) => ({ date: `2027-02-${d}`, name: '春节' })),
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, name: '国庆节' })),
  ],
  workdays: [
    { date: '2027-01-31', name: '春节调休' },
    { date: '2027-02-20', name: '春节调休' },
    { date: '2027-10-09', name: '国庆节调休' },
  ],
  note: '国办发明电〔2026〕（测试用虚构安排）',
};

describe(`the working calendar on ${testEngine}`, () => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  const as = async (username: string) => {
    if (!clients.has(username)) clients.set(username, await signIn(t.app, username));
    return clients.get(username) as Client;
  };
  const db = () => t.database.db;

  async function counts() {
    const count = async (table: 'calendar_days' | 'calendar_years' | 'audit_log' | 'settings') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      days: await count('calendar_days'),
      years: await count('calendar_years'),
      audit: await count('audit_log'),
      settings: await count('settings'),
    };
  }

  async function auditOf(action: string) {
    return db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  describe('known dates from the library, through the calendar the case engine uses', () => {
    it('skips National Day 2026 and counts its make-up Saturday', async () => {
      const calendar = await getWorkCalendar(db());
      expect(calendar.addWorkingDays(at('2026-09-30 16:00'), 3)).toBe('2026-10-10T08:00:00.000Z');
      expect(calendar.addWorkingHours(at('2026-10-09 16:30'), 2)).toBe('2026-10-10T01:30:00.000Z');
      expect(calendar.addWorkingHours(at('2026-11-06 16:30'), 2)).toBe('2026-11-09T01:30:00.000Z');
      expect(calendar.addWorkingHours(at('2026-11-05 12:30'), 2)).toBe('2026-11-05T07:30:00.000Z');
      expect(calendar.dueSoonAt(at('2026-09-30 16:00'), '2026-10-10T08:00:00.000Z')).toBe(
        '2026-10-10T02:00:00.000Z',
      );
    });

    it('works inside a transaction too, as the case engine calls it', async () => {
      const due = await db()
        .transaction()
        .execute(async (trx) => (await getWorkCalendar(trx)).addWorkingDays(at('2026-09-30 16:00'), 3));
      expect(due).toBe('2026-10-10T08:00:00.000Z');
    });

    it('lists a library year with names in the caller’s language', async () => {
      const zh = (await (await as('gl.dispatcher')).get('/api/calendar/days?year=2026')).json();
      expect(zh).toMatchObject({ year: 2026, covered: true, source: 'library', publishedAt: null });
      expect(zh.days.filter((d: { date: string }) => d.date.startsWith('2026-10'))).toEqual([
        ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({
          date: `2026-10-0${d}`,
          kind: 'holiday',
          name: '国庆节',
          source: 'library',
        })),
        { date: '2026-10-10', kind: 'workday', name: '国庆节', source: 'library' },
      ]);
      const en = (
        await (await as('gl.dispatcher')).get('/api/calendar/days?year=2026', { 'accept-language': 'en' })
      ).json();
      expect(en.days.find((d: { date: string }) => d.date === '2026-10-01').name).toBe('National Day');
    });
  });

  describe('before 2027 is published', () => {
    it('warns every member of staff when the next 60 days reach 2027, in their language', async () => {
      const worker = await as('gl01.worker');
      const res = await worker.get(`/api/calendar/status?at=${encodeURIComponent(at('2026-11-15 09:00'))}`);
      expect(res.statusCode).toBe(200);
      const status = res.json();
      expect(status.coverage).toEqual({
        from: '2026-11-15',
        to: '2027-01-14',
        days: 60,
        covered: false,
        uncoveredYears: [2027],
      });
      expect(status.warning).toBe('2027 年节假日安排尚未录入，截止时间按普通周末计算');
      expect(status.workingHours).toEqual({
        periods: [
          { start: '08:30', end: '12:00' },
          { start: '13:30', end: '17:30' },
        ],
        hoursPerDay: 7.5,
        source: 'default',
        updatedAt: null,
      });
      expect(status.years.at(-1)).toEqual({ year: 2026, source: 'library', publishedAt: null, note: null });
      expect(status.years[0].year).toBe(2004);

      const en = await worker.get('/api/calendar/status?at=2026-11-15T01:00:00Z', {
        'accept-language': 'en',
      });
      expect(en.json().warning).toBe(
        'The holiday schedule for 2027 has not been entered; deadlines count only Saturdays and Sundays as days off',
      );
      const october = await worker.get(
        `/api/calendar/status?at=${encodeURIComponent(at('2026-10-15 09:00'))}`,
      );
      expect(october.json()).toMatchObject({
        coverage: { covered: true, uncoveredYears: [] },
        warning: null,
      });
    });

    it('treats 2027 as an ordinary Monday–Friday week', async () => {
      const calendar = await getWorkCalendar(db());
      expect(calendar.addWorkingDays(at('2027-02-05 16:00'), 1)).toBe('2027-02-08T08:00:00.000Z');
      const year = (await (await as('dispatcher')).get('/api/calendar/days?year=2027')).json();
      expect(year).toEqual({
        year: 2027,
        covered: false,
        source: null,
        publishedAt: null,
        note: null,
        days: [],
      });
    });

    it('asks an anonymous caller to sign in', async () => {
      expect((await t.app.inject({ url: '/api/calendar/status' })).statusCode).toBe(401);
      expect(
        (await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2027', payload: SCHEDULE_2027 }))
          .statusCode,
      ).toBe(401);
    });
  });

  describe('refused schedules change nothing', () => {
    it('refuses a non-administrator (403)', async () => {
      const users = ['dispatcher', 'supervisor', 'gl01.worker'];
      for (const user of users) await as(user); // signing in is audited too
      const before = await counts();
      for (const user of users) {
        const res = await (await as(user)).put('/api/calendar/years/2027', SCHEDULE_2027);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('access.denied');
        expect((await (await as(user)).delete('/api/calendar/years/2026')).statusCode).toBe(403);
      }
      expect(await counts()).toEqual(before);
    });

    it('names each wrong date, in Chinese and English', async () => {
      const admin = await as('admin');
      const before = await counts();
      const body = {
        holidays: [
          { date: '2027-02-06', name: '春节' },
          { date: '2028-01-03', name: '元旦' }, // another year
          { date: '2027-02-06', name: '春节' }, // twice
          { date: '2027-05-01', name: '劳动节' }, // a Saturday…
          { date: '2027-05-02', name: '劳动节' }, // …and Sunday only
          { date: '2027-02-07', name: '春节' }, // a weekend inside a longer holiday is fine
          { date: '2027-02-08', name: '春节' },
        ],
        workdays: [
          { date: '2027-02-09', name: '春节调休' }, // a Tuesday
          { date: '2027-02-06', name: '春节调休' }, // also a holiday
        ],
      };
      const zh = await admin.put('/api/calendar/years/2027', body);
      expect(zh.statusCode).toBe(400);
      const paths = [
        'body.holidays.1.date',
        'body.holidays.2.date',
        'body.workdays.0.date',
        'body.workdays.1.date',
        'body.holidays.3.date',
      ];
      expect(zh.json().error).toEqual({
        code: 'calendar.invalid_schedule',
        message: `节假日安排有误：${paths.join(', ')}`,
        details: [
          { path: paths[0], code: 'not_in_year', message: '2028-01-03 不在 2027 年内' },
          { path: paths[1], code: 'duplicate', message: '2027-02-06 重复填写（另见 body.holidays.0.date）' },
          {
            path: paths[2],
            code: 'workday_not_weekend',
            message: '调休上班日应为周六或周日，2027-02-09 本来就是工作日',
          },
          {
            path: paths[3],
            code: 'holiday_and_workday',
            message: '2027-02-06 不能既是节假日又是调休上班日（见 body.holidays.0.date）',
          },
          {
            path: paths[4],
            code: 'holiday_only_weekend',
            message: '2027-05-01 至 2027-05-02 的假期全部是周末，不改变任何工作日，请核对日期',
          },
        ],
      });
      const en = await admin.put('/api/calendar/years/2027', body, { 'accept-language': 'en' });
      expect(en.json().error.message).toBe(`The holiday schedule is invalid: ${paths.join(', ')}`);
      expect(en.json().error.details[2].message).toBe(
        'a make-up working day is a Saturday or Sunday; 2027-02-09 is a weekday already',
      );
      expect(await counts()).toEqual(before);
    });

    it('refuses a date that does not exist and a year out of range', async () => {
      const admin = await as('admin');
      const before = await counts();
      const res = await admin.put('/api/calendar/years/2027', {
        holidays: [{ date: '2027-02-29', name: '春节' }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.holidays.0.date']);
      const year = await admin.put('/api/calendar/years/1999', SCHEDULE_2027);
      expect(year.statusCode).toBe(400);
      expect(year.json().error.details[0].path).toBe('params.year');
      expect(await counts()).toEqual(before);
    });
  });

  describe('publishing 2027', () => {
    it('publishes the schedule, audited, and deadlines skip its holidays at once', async () => {
      const admin = await as('admin');
      const res = await admin.put('/api/calendar/years/2027', SCHEDULE_2027);
      expect(res.statusCode).toBe(200);
      const year = res.json();
      expect(year).toMatchObject({ year: 2027, covered: true, source: 'admin', note: SCHEDULE_2027.note });
      expect(year.days).toHaveLength(20);
      expect(year.days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'admin' });
      expect(
        year.days.filter((d: { kind: string }) => d.kind === 'workday').map((d: { date: string }) => d.date),
      ).toEqual(['2027-01-31', '2027-02-20', '2027-10-09']);

      const calendar = await getWorkCalendar(db());
      // Friday 5 Feb 16:00 + 1 working day: 1.5 h that Friday, 6–12 Feb off, the weekend, 6 h on Monday the 15th.
      expect(calendar.addWorkingDays(at('2027-02-05 16:00'), 1)).toBe('2027-02-15T08:00:00.000Z');
      expect(calendar.addWorkingHours(at('2027-02-19 16:30'), 2)).toBe('2027-02-20T01:30:00.000Z');
      expect(calendar.isWorkingDay('2027-01-31')).toBe(true);

      const [entry, ...more] = await auditOf('calendar.publish');
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ record_type: 'calendar_year', record_id: '2027', before: null });
      const after = JSON.parse(entry?.after ?? 'null');
      expect(after.holidays).toHaveLength(17);
      expect(after.workdays).toEqual(SCHEDULE_2027.workdays);
      expect(after.note).toBe(SCHEDULE_2027.note);
      expect((await verifyAuditChain(db())).ok).toBe(true);
    });

    it('no longer warns, and shows 2027 as entered by an administrator', async () => {
      const status = (
        await (
          await as('gl.dispatcher')
        ).get(`/api/calendar/status?at=${encodeURIComponent(at('2026-11-15 09:00'))}`)
      ).json();
      expect(status).toMatchObject({ coverage: { covered: true, uncoveredYears: [] }, warning: null });
      expect(status.years.at(-1)).toMatchObject({ year: 2027, source: 'admin', note: SCHEDULE_2027.note });
      // The look-ahead from late 2027 reaches 2028, which nobody has entered.
      const late = (
        await (await as('gl.dispatcher')).get('/api/calendar/status?at=2027-12-01T00:00:00Z')
      ).json();
      expect(late.warning).toBe('2028 年节假日安排尚未录入，截止时间按普通周末计算');
    });

    it('replaces the whole year when published again, auditing before and after', async () => {
      const admin = await as('admin');
      const fewer = { ...SCHEDULE_2027, holidays: SCHEDULE_2027.holidays.slice(0, 10), note: null };
      const res = await admin.put('/api/calendar/years/2027', fewer);
      expect(res.statusCode).toBe(200);
      expect(res.json().days).toHaveLength(13);
      expect((await counts()).days).toBe(13);
      const calendar = await getWorkCalendar(db());
      expect(calendar.isWorkingDay('2027-10-04')).toBe(true);
      const entries = await auditOf('calendar.publish');
      expect(entries).toHaveLength(2);
      expect(JSON.parse(entries[1]?.before ?? 'null').holidays).toHaveLength(17);
      expect(JSON.parse(entries[1]?.after ?? 'null')).toMatchObject({ note: null });
      expect(JSON.parse(entries[1]?.after ?? 'null').holidays).toHaveLength(10);
    });

    it('withdraws the schedule, after which 2027 is uncovered again', async () => {
      const admin = await as('admin');
      const res = await admin.delete('/api/calendar/years/2027');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        year: 2027,
        covered: false,
        source: null,
        publishedAt: null,
        note: null,
        days: [],
      });
      expect((await getWorkCalendar(db())).addWorkingDays(at('2027-02-05 16:00'), 1)).toBe(
        '2027-02-08T08:00:00.000Z',
      );
      const [entry] = await auditOf('calendar.withdraw');
      expect(JSON.parse(entry?.before ?? 'null').holidays).toHaveLength(10);
      expect((await admin.delete('/api/calendar/years/2027')).statusCode).toBe(404);
    });

    it('lets an administrator correct a library year, and withdrawing restores the library', async () => {
      const admin = await as('admin');
      // Suppose National Day 2026 had been extended by a day: the published year replaces the library's.
      const national = [1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({ date: `2026-10-0${d}`, name: '国庆节' }));
      const res = await admin.put('/api/calendar/years/2026', { holidays: national, workdays: [] });
      expect(res.json()).toMatchObject({ source: 'admin', covered: true });
      let calendar = await getWorkCalendar(db());
      expect(calendar.isWorkingDay('2026-10-08')).toBe(false);
      expect(calendar.isWorkingDay('2026-10-10')).toBe(false); // no longer a make-up Saturday
      expect(calendar.isWorkingDay('2026-02-16')).toBe(true); // nor the library's Spring Festival
      await admin.delete('/api/calendar/years/2026');
      calendar = await getWorkCalendar(db());
      expect(calendar.addWorkingDays(at('2026-09-30 16:00'), 3)).toBe('2026-10-10T08:00:00.000Z');
    });
  });

  describe('working hours', () => {
    it('refuses overlapping periods (400, naming the period) and a non-administrator (403)', async () => {
      const before = await counts();
      const periods = [
        { start: '08:30', end: '12:00' },
        { start: '11:30', end: '17:30' },
      ];
      const bad = await (await as('admin')).put('/api/calendar/working-hours', { periods });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toEqual({
        code: 'calendar.invalid_working_hours',
        message: '工作时间设置有误：body.periods.1.start',
        details: [
          { path: 'body.periods.1.start', code: 'overlap', message: '工作时段须按时间先后排列且互不重叠' },
        ],
      });
      const good = [{ start: '09:00', end: '17:00' }];
      const denied = await (await as('dispatcher')).put('/api/calendar/working-hours', { periods: good });
      expect(denied.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it('sets the hours, audited, and deadlines follow them', async () => {
      const admin = await as('admin');
      const periods = [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ];
      const res = await admin.put('/api/calendar/working-hours', { periods });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ periods, hoursPerDay: 7, source: 'admin' });
      expect((await (await as('gl01.worker')).get('/api/calendar/working-hours')).json()).toMatchObject({
        periods,
        hoursPerDay: 7,
      });
      const calendar = await getWorkCalendar(db());
      expect(calendar.addWorkingHours(at('2026-11-05 12:30'), 2)).toBe('2026-11-05T08:00:00.000Z');
      expect(calendar.addWorkingDays(at('2026-09-30 17:00'), 1)).toBe('2026-10-08T09:00:00.000Z');
      const [entry] = await auditOf('calendar.working_hours');
      expect(entry).toMatchObject({ record_type: 'setting', record_id: 'calendar.working_hours' });
      expect(JSON.parse(entry?.before ?? 'null')).toEqual({
        periods: [
          { start: '08:30', end: '12:00' },
          { start: '13:30', end: '17:30' },
        ],
        source: 'default',
      });
      expect(JSON.parse(entry?.after ?? 'null')).toEqual(periods);
    });
  });
});
