import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { act, expectStatus, GL01_ADDRESS, type Json, JX01_ADDRESS, register } from './cases.test-support.ts';

const refIds = (refs: { id: number }[]) => refs.map((r) => r.id);

/** What the case page reads besides the case itself: linked cases, the route's suggestion, the time left. */
describe(`case detail on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let dispatcher: Client;
  let glDispatcher: Client;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    dispatcher = await signIn(t.app, 'dispatcher');
    glDispatcher = await signIn(t.app, 'gl.dispatcher');
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  describe('related cases', () => {
    let target: Json;
    let glDuplicate: Json;
    let jxDuplicate: Json;
    let repeat: Json;

    beforeAll(async () => {
      const reporter = { name: '王大爷', phone: '13805749999' };
      target = await register(agent, {
        categoryCode: 'UM01',
        description: '公园路垃圾桶三天没人清运',
        location: { address: GL01_ADDRESS },
        reporter,
      });
      // The same reporter calls again on the same matter in the same community: a repeat.
      repeat = await register(agent, {
        categoryCode: 'UM01',
        description: '公园路垃圾还是没人清运',
        location: { address: GL01_ADDRESS },
        reporter,
      });
      // Two duplicates in triage (no category), one in each street, merged into the first case.
      glDuplicate = await register(agent, {
        description: '公园路3号门口垃圾堆着',
        location: { address: GL01_ADDRESS },
        reporter: { phone: '13905740001' },
      });
      jxDuplicate = await register(agent, {
        description: '说的是公园路的垃圾，人在江厦',
        location: { address: JX01_ADDRESS },
        reporter: { phone: '13905740002' },
      });
      for (const d of [glDuplicate, jxDuplicate])
        await act(dispatcher, d.id, 'merge', { version: d.version, intoCaseId: target.id });
    });

    it('lists the duplicates merged into a case and the later cases repeating it', async () => {
      const seen = expectStatus(await dispatcher.get(`/api/cases/${target.id}`), 200);
      expect(refIds(seen.related.merged)).toEqual([glDuplicate.id, jxDuplicate.id]);
      expect(seen.related.merged[0]).toMatchObject({
        trackingNo: glDuplicate.trackingNo,
        status: 'merged',
        title: glDuplicate.title,
      });
      expect(refIds(seen.related.repeats)).toEqual([repeat.id]);
      expect(seen.related).toMatchObject({ mergedInto: null, repeatOf: null });
    });

    it('links a merged duplicate to its case, and a repeat to the case it repeats', async () => {
      const merged = expectStatus(await dispatcher.get(`/api/cases/${glDuplicate.id}`), 200);
      expect(merged.mergedIntoId).toBe(target.id);
      expect(merged.related.mergedInto).toMatchObject({ id: target.id, trackingNo: target.trackingNo });
      const again = expectStatus(await dispatcher.get(`/api/cases/${repeat.id}`), 200);
      expect(again.repeatOfId).toBe(target.id);
      expect(again.related.repeatOf).toMatchObject({ id: target.id, status: 'dispatched' });
      expect(again.related.merged).toEqual([]);
    });

    it("leaves out linked cases the viewer may not see: a street dispatcher sees its own street's only", async () => {
      const seen = expectStatus(await glDispatcher.get(`/api/cases/${target.id}`), 200);
      expect(refIds(seen.related.merged)).toEqual([glDuplicate.id]);
      expect((await glDispatcher.get(`/api/cases/${jxDuplicate.id}`)).statusCode).toBe(404);
    });
  });

  describe('route suggestion', () => {
    let triage: Json;

    beforeAll(async () => {
      triage = await register(agent, {
        description: '门口有东西要处理',
        location: { address: GL01_ADDRESS },
      });
    });

    it("says why there is no suggestion for an uncategorised case, and resolves a category's route at its place", async () => {
      expect(expectStatus(await dispatcher.get(`/api/cases/${triage.id}/route`), 200)).toEqual({
        category: null,
        lead: null,
        reason: 'unknown_category',
      });
      const suggested = expectStatus(
        await glDispatcher.get(`/api/cases/${triage.id}/route?category=UM01`),
        200,
      );
      expect(suggested.reason).toBeNull();
      expect(suggested.category.code).toBe('UM01');
      expect(suggested.lead.code).toBe('GL-ENFORCEMENT');
    });

    it('refuses an unknown category by name and hides the case from those who may not dispatch it', async () => {
      const unknown = expectStatus(await dispatcher.get(`/api/cases/${triage.id}/route?category=ZZ99`), 400);
      expect(unknown.error.details[0].path).toBe('querystring.category');
      expect(
        (await (await signIn(t.app, 'jx.dispatcher')).get(`/api/cases/${triage.id}/route`)).statusCode,
      ).toBe(404);
      const worker = await signIn(t.app, 'gl01.worker');
      expect(expectStatus(await worker.get(`/api/cases/${triage.id}/route`), 403).error.code).toBe(
        'access.denied',
      );
    });
  });

  describe('remaining working time', () => {
    let id: number;

    beforeAll(async () => {
      const c = await register(agent, {
        categoryCode: 'UM01',
        description: '公园路路灯不亮',
        location: { address: GL01_ADDRESS },
      });
      id = c.id;
      // Due on Monday 30 November 2026 at 10:30 in Beijing.
      await t.database.db
        .updateTable('cases')
        .set({ resolve_due_at: '2026-11-30T02:30:00.000Z' })
        .where('id', '=', id)
        .execute();
    });

    const at = (iso: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(iso));
    };
    /** The time left as the case and the list show it, to someone signed in at the faked time. */
    const remaining = async () => {
      const viewer = await signIn(t.app, 'dispatcher');
      const detail = expectStatus(await viewer.get(`/api/cases/${id}`), 200);
      const list = expectStatus(await viewer.get('/api/cases?view=all&limit=200'), 200);
      const item = list.items.find((c: { id: number }) => c.id === id);
      expect(item.remainingWorkMinutes).toBe(detail.remainingWorkMinutes);
      return detail.remainingWorkMinutes;
    };

    it('counts working hours only across a weekend: Friday 16:30 to Monday 10:30 is three hours', async () => {
      at('2026-11-27T08:30:00.000Z'); // Friday 16:30: 17:30 closes; Monday 08:30–10:30
      expect(await remaining()).toBe(180);
    });

    it('is negative in working minutes once overdue', async () => {
      at('2026-11-30T06:00:00.000Z'); // Monday 14:00: 10:30–12:00 and 13:30–14:00 past the deadline
      expect(await remaining()).toBe(-120);
    });

    it('counts every minute for an urgent case, whose limit runs day and night', async () => {
      await t.database.db.updateTable('cases').set({ urgent: 1 }).where('id', '=', id).execute();
      at('2026-11-27T08:30:00.000Z');
      expect(await remaining()).toBe(66 * 60);
      await t.database.db.updateTable('cases').set({ urgent: 0 }).where('id', '=', id).execute();
    });

    it('is null once the case is no longer being handled', async () => {
      const handler = await signIn(t.app, 'gl.handler');
      const detail = expectStatus(await handler.get(`/api/cases/${id}`), 200);
      const signed = await act(handler, id, 'sign', { version: detail.version });
      const resolved = await act(handler, id, 'resolve', {
        version: signed.version,
        outcome: 'solved',
        text: '已更换灯泡',
      });
      expect(resolved.remainingWorkMinutes).toBeNull();
    });
  });
});
