import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { act, expectStatus, GL01_ADDRESS, JX01_ADDRESS, register } from './cases.test-support.ts';

type Item = {
  id: number;
  lastReturn: { unit: { code: string }; reason: string } | null;
  pendingExtension: { days: number; reason: string; unit: { code: string } } | null;
  resolvedAt: string | null;
  outcome: string | null;
};
const ids = (list: { items: { id: number }[] }) => list.items.map((x) => x.id);
const rubbish = (address: string, extra: Record<string, unknown> = {}) => ({
  categoryCode: 'UM01',
  description: '垃圾桶满了没人清运',
  location: { address },
  ...extra,
});

/** The dispatch desk, callback and watch worklists: their tabs, what each row carries, scope and bad input. */
describe(`case worklists on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let handler: Client;
  let glDispatcher: Client;
  let jxDispatcher: Client;
  let fresh: number;
  let returned: number;
  let extended: number;
  let extensionId: number;
  let jxCase: number;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    handler = await signIn(t.app, 'gl.handler');
    glDispatcher = await signIn(t.app, 'gl.dispatcher');
    jxDispatcher = await signIn(t.app, 'jx.dispatcher');
    fresh = (await register(agent, { description: '楼道里有异味', location: { address: GL01_ADDRESS } })).id;
    const sent = await register(agent, rubbish(GL01_ADDRESS));
    returned = sent.id;
    await act(handler, returned, 'return', { version: sent.version, reason: '属物业管理范围，非本单位职责' });
    const other = await register(agent, rubbish(GL01_ADDRESS, { title: '公园路垃圾清运不及时' }));
    extended = other.id;
    const signed = await act(handler, extended, 'sign', { version: other.version });
    const asked = await act(handler, extended, 'extensions', {
      version: signed.version,
      days: 2,
      reason: '需协调环卫车辆',
    });
    extensionId = asked.extensions[0].id;
    jxCase = (await register(agent, { description: '江厦的事情', location: { address: JX01_ADDRESS } })).id;
  });
  afterAll(() => t.close());

  it('splits the triage queue into new cases and cases a unit sent back, with the return on the row', async () => {
    const fresh_ = expectStatus(await glDispatcher.get('/api/cases?view=triage&tab=new'), 200);
    expect(ids(fresh_)).toEqual([fresh]);
    const back = expectStatus(await glDispatcher.get('/api/cases?view=triage&tab=returned'), 200);
    expect(ids(back)).toEqual([returned]);
    const row = back.items[0] as Item;
    expect(row.lastReturn).toMatchObject({
      unit: { code: 'GL-ENFORCEMENT' },
      reason: '属物业管理范围，非本单位职责',
    });
    expect(back.items[0].triageReason).toBe('returned');
    expect((fresh_.items[0] as Item).lastReturn).toBeNull();
    // Another street's dispatcher sees none of them, only its own.
    expect(ids(expectStatus(await jxDispatcher.get('/api/cases?view=triage&tab=new'), 200))).toEqual([
      jxCase,
    ]);
    expect(ids(expectStatus(await jxDispatcher.get('/api/cases?view=triage&tab=returned'), 200))).toEqual([]);
  });

  it('lists the extension requests waiting for a decision in the dispatcher’s area only', async () => {
    const list = expectStatus(await glDispatcher.get('/api/cases?view=extensions'), 200);
    expect(ids(list)).toEqual([extended]);
    expect((list.items[0] as Item).pendingExtension).toMatchObject({
      days: 2,
      reason: '需协调环卫车辆',
      unit: { code: 'GL-ENFORCEMENT' },
    });
    expect(ids(expectStatus(await jxDispatcher.get('/api/cases?view=extensions'), 200))).toEqual([]);
    const district = await signIn(t.app, 'dispatcher');
    expect(ids(expectStatus(await district.get('/api/cases?view=extensions'), 200))).toEqual([extended]);
    expect(expectStatus(await handler.get('/api/cases?view=extensions'), 403).error.code).toBe(
      'access.denied',
    );
    const jxHandler = await signIn(t.app, 'jx.handler');
    expect((await jxHandler.get('/api/cases?view=extensions')).statusCode).toBe(403);
  });

  it('counts each tab of the desk and the inbox, and names the units an inbox can be chosen from', async () => {
    const desk = expectStatus(await glDispatcher.get('/api/cases/counts?view=triage'), 200);
    expect(desk).toEqual({ tabs: { new: 1, returned: 1, extensions: 1 }, units: [] });
    expect(expectStatus(await jxDispatcher.get('/api/cases/counts?view=triage'), 200).tabs).toEqual({
      new: 1,
      returned: 0,
      extensions: 0,
    });
    const inbox = expectStatus(await handler.get('/api/cases/counts?view=inbox'), 200);
    expect(inbox.tabs).toEqual({ to_sign: 0, in_progress: 1, due_soon: 0, overdue: 0 });
    expect(inbox.units.map((u: { code: string }) => u.code)).toEqual(['GL-ENFORCEMENT']);
    expect((await handler.get('/api/cases/counts?view=triage')).statusCode).toBe(403);
  });

  it('drops a decided request from the extension list', async () => {
    const c = expectStatus(await glDispatcher.get(`/api/cases/${extended}`), 200);
    await act(glDispatcher, extended, `extensions/${extensionId}/decision`, {
      version: c.version,
      approve: true,
    });
    expect(ids(expectStatus(await glDispatcher.get('/api/cases?view=extensions'), 200))).toEqual([]);
  });

  it('finds a case by its whole tracking number, its start or words of its title', async () => {
    const c = expectStatus(await glDispatcher.get(`/api/cases/${extended}`), 200);
    const byNo = expectStatus(await glDispatcher.get(`/api/cases?q=${c.trackingNo.toLowerCase()}`), 200);
    expect(ids(byNo)).toEqual([extended]);
    const byTitle = expectStatus(
      await glDispatcher.get(`/api/cases?q=${encodeURIComponent('清运不及时')}`),
      200,
    );
    expect(ids(byTitle)).toEqual([extended]);
    // Wildcards are plain characters: '%' finds nothing rather than everything.
    expect(ids(expectStatus(await glDispatcher.get('/api/cases?q=%25'), 200))).toEqual([]);
    // The words of another street's case stay out of reach.
    expect(
      ids(expectStatus(await glDispatcher.get(`/api/cases?q=${encodeURIComponent('江厦')}`), 200)),
    ).toEqual([]);
  });

  it('queues resolved cases for callback oldest resolution first, with the outcome', async () => {
    const first = await act(handler, extended, 'resolve', {
      version: expectStatus(await handler.get(`/api/cases/${extended}`), 200).version,
      outcome: 'explained',
      text: '已向居民解释清运安排',
      reason: '环卫车辆调度需要时间',
    });
    const other = await register(agent, rubbish(GL01_ADDRESS));
    const signed = await act(handler, other.id, 'sign', { version: other.version });
    await act(handler, other.id, 'resolve', { version: signed.version, outcome: 'solved', text: '已清运' });
    const queue = expectStatus(await agent.get('/api/cases?view=callback&sort=resolved'), 200);
    expect(ids(queue)).toEqual([extended, other.id]);
    expect(queue.items[0]).toMatchObject({ outcome: 'explained', resolvedAt: first.resolvedAt });
    const page1 = expectStatus(await agent.get('/api/cases?view=callback&sort=resolved&limit=1'), 200);
    expect(ids(page1)).toEqual([extended]);
    const page2 = expectStatus(
      await agent.get(`/api/cases?view=callback&sort=resolved&limit=1&cursor=${page1.nextCursor}`),
      200,
    );
    expect(ids(page2)).toEqual([other.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it('puts urgent cases on the watch list until resolved, and filters it by reason', async () => {
    const urgent = (await register(agent, rubbish(GL01_ADDRESS, { urgent: true }))).id;
    const supervisor = await signIn(t.app, 'supervisor');
    expect(ids(expectStatus(await supervisor.get('/api/cases?view=watch&tab=urgent'), 200))).toEqual([
      urgent,
    ]);
    expect(ids(expectStatus(await supervisor.get('/api/cases?view=watch'), 200))).toContain(urgent);
    expect(ids(expectStatus(await supervisor.get('/api/cases?view=watch&tab=overdue'), 200))).toEqual([]);
    const counts = expectStatus(await supervisor.get('/api/cases/counts?view=watch'), 200);
    expect(counts.tabs).toMatchObject({ all: 1, urgent: 1, overdue: 0, supervised: 0 });
    expect((await handler.get('/api/cases?view=watch')).statusCode).toBe(403);
    // Once resolved, what is left is the callback: the case leaves the watch list.
    const signed = await act(handler, urgent, 'sign');
    await act(handler, urgent, 'resolve', { version: signed.version, outcome: 'solved', text: '已清运' });
    expect(ids(expectStatus(await supervisor.get('/api/cases?view=watch'), 200))).not.toContain(urgent);
  });

  it('refuses a tab of another list, an unknown view or sort, naming the field in the caller’s language', async () => {
    const wrongTab = expectStatus(await glDispatcher.get('/api/cases?view=inbox&tab=returned'), 400);
    expect(wrongTab.error.details).toEqual([
      expect.objectContaining({ path: 'querystring.tab', message: expect.stringContaining('to_sign') }),
    ]);
    const en = expectStatus(
      await glDispatcher.get('/api/cases?view=all&tab=new', { 'accept-language': 'en' }),
      400,
    );
    expect(en.error.details[0]).toMatchObject({ path: 'querystring.tab' });
    expect(en.error.details[0].message).toContain('not a tab of this list');
    const paths = async (url: string) =>
      expectStatus(await glDispatcher.get(url), 400).error.details.map((d: { path: string }) => d.path);
    expect(await paths('/api/cases?view=everything')).toEqual(['querystring.view']);
    expect(await paths('/api/cases?sort=sideways')).toEqual(['querystring.sort']);
    expect(await paths(`/api/cases?q=${'x'.repeat(101)}`)).toEqual(['querystring.q']);
    expect(await paths('/api/cases/counts?view=all')).toEqual(['querystring.view']);
    expect(await paths('/api/cases/counts')).toEqual(['querystring.view']);
  });
});
