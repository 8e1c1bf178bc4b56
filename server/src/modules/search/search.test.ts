import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { words } from '../../platform/segment.ts';
import { seedDemoCases } from '../cases/cases.seed.ts';
import {
  act,
  expectStatus,
  GL01_ADDRESS,
  type Json,
  JX01_ADDRESS,
  register,
} from '../cases/cases.test-support.ts';
import { highlight } from './search.highlight.ts';
import { backfillSearchIndex, indexCase } from './search.index.ts';

const ids = (list: { items: { id: number }[] }) => list.items.map((x) => x.id);
const search = (client: Client, q: string, extra = '') =>
  client.get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
/** The marked words of a result's snippets, in order. */
const marked = (item: Json): string[] =>
  item.highlights.flatMap((h: Json) => h.segments.filter((s: Json) => s.hit).map((s: Json) => s.text));

/** Full-text search over cases in Chinese: words, scope, freshness, filters, ranking and bad input. */
describe(`case search on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let glDispatcher: Client;
  let jxDispatcher: Client;
  let allowance: number;
  let allowanceFamily: number;
  let premium: number;
  let noise: number;
  let jxNoise: number;
  let rubbish: number;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    glDispatcher = await signIn(t.app, 'gl.dispatcher');
    jxDispatcher = await signIn(t.app, 'jx.dispatcher');
    const gl = (description: string, extra: Record<string, unknown> = {}) =>
      register(agent, { description, location: { address: GL01_ADDRESS }, ...extra });
    allowance = (await gl('咨询低保申请需要准备哪些材料，去哪里办理')).id;
    allowanceFamily = (await gl('我家是低保户，这个月的补助还没有到账')).id;
    // A character trigram or LIKE '%低保%' finds 降低保费; jieba's words (降低 / 保费) do not.
    premium = (await gl('物业说可以降低保费，但要先交齐物业费')).id;
    noise = (await gl('楼上天天半夜拖椅子，噪音很大，严重扰民')).id;
    jxNoise = (
      await register(agent, { description: '广场舞音响噪音扰民', location: { address: JX01_ADDRESS } })
    ).id;
    rubbish = (await gl('垃圾桶满了没人清运', { categoryCode: 'UM01' })).id;
  });
  afterAll(() => t.close());

  it('finds 低保 by the word, in 低保户 too, but not in 降低保费, with the word marked', async () => {
    const found = expectStatus(await search(glDispatcher, '低保'), 200);
    expect(ids(found).sort()).toEqual([allowance, allowanceFamily].sort());
    expect(ids(found)).not.toContain(premium);
    for (const item of found.items) {
      expect(item.highlights[0].field).toBe('description');
      expect(marked(item)).toEqual(['低保']);
      expect(item.trackingNo).toMatch(/^[A-Z]+\d+$/);
    }
    const whole = found.items.find((x: Json) => x.id === allowanceFamily);
    expect(whole.highlights[0].segments.map((s: Json) => s.text).join('')).toBe(
      '我家是低保户，这个月的补助还没有到账',
    );
  });

  it('finds 扰民 and 噪音 together (every word must match), in the viewer’s street only', async () => {
    expect(ids(expectStatus(await search(glDispatcher, '噪音扰民'), 200))).toEqual([noise]);
    expect(ids(expectStatus(await search(jxDispatcher, '噪音扰民'), 200))).toEqual([jxNoise]);
    expect(ids(expectStatus(await search(jxDispatcher, '拖椅子'), 200))).toEqual([]);
    const district = await signIn(t.app, 'dispatcher');
    expect(ids(expectStatus(await search(district, '扰民'), 200)).sort()).toEqual([noise, jxNoise].sort());
    expect(ids(expectStatus(await search(glDispatcher, '噪音 广场舞'), 200))).toEqual([]);
  });

  it('finds for a handler the cases sent to its unit, from the moment they are sent; sensitive ones only for those allowed', async () => {
    const housing = await signIn(t.app, 'housing.handler');
    const leak = await register(agent, {
      description: '顶楼屋面渗漏，雨天滴水',
      location: { address: GL01_ADDRESS },
    });
    expect(ids(expectStatus(await search(housing, '渗漏'), 200))).toEqual([]);
    await act(glDispatcher, leak.id, 'dispatch', {
      version: leak.version,
      leadUnitId: (
        await t.database.db
          .selectFrom('units')
          .select('id')
          .where('code', '=', 'HS-HOUSING')
          .executeTakeFirstOrThrow()
      ).id,
      categoryCode: 'UM01',
    });
    expect(ids(expectStatus(await search(housing, '渗漏'), 200))).toEqual([leak.id]);
    expect(ids(expectStatus(await search(await signIn(t.app, 'jx.handler'), '渗漏'), 200))).toEqual([]);

    const sensitive = (
      await register(agent, {
        categoryCode: 'CM02',
        description: '社区矫正对象近况需要帮扶',
        location: { address: GL01_ADDRESS },
      })
    ).id;
    expect(ids(expectStatus(await search(agent, '矫正'), 200))).toEqual([sensitive]);
    expect(ids(expectStatus(await search(await signIn(t.app, 'supervisor'), '矫正'), 200))).toEqual([
      sensitive,
    ]);
    expect(ids(expectStatus(await search(await signIn(t.app, 'leader'), '矫正'), 200))).toEqual([]);
    expect(ids(expectStatus(await search(await signIn(t.app, 'gl01.worker'), '矫正'), 200))).toEqual([]);
  });

  it('finds a case by its tracking number', async () => {
    const detail = expectStatus(await agent.get(`/api/cases/${rubbish}`), 200);
    const found = expectStatus(await search(glDispatcher, detail.trackingNo.toLowerCase()), 200);
    expect(ids(found)[0]).toBe(rubbish);
    expect(ids(expectStatus(await search(jxDispatcher, detail.trackingNo), 200))).toEqual([]);
  });

  it('finds a note’s and a resolution’s words as soon as they are written, not when the action failed', async () => {
    const before = expectStatus(await agent.get(`/api/cases/${rubbish}`), 200);
    expect(ids(expectStatus(await search(glDispatcher, '环卫车'), 200))).toEqual([]);
    // A stale version: the note is refused and its words stay unfindable.
    expectStatus(
      await glDispatcher.post(`/api/cases/${rubbish}/notes`, {
        version: before.version - 1,
        text: '已联系环卫车',
      }),
      409,
    );
    expect(ids(expectStatus(await search(glDispatcher, '环卫车'), 200))).toEqual([]);
    await act(glDispatcher, rubbish, 'notes', { version: before.version, text: '已联系环卫车明早清运' });
    const found = expectStatus(await search(glDispatcher, '环卫车'), 200);
    expect(ids(found)).toEqual([rubbish]);
    expect(found.items[0].highlights[0].field).toBe('note');
    expect(marked(found.items[0])).toEqual(['环卫车']);

    const handler = await signIn(t.app, 'gl.handler');
    let c = expectStatus(await handler.get(`/api/cases/${rubbish}`), 200);
    c = await act(handler, rubbish, 'sign', { version: c.version });
    await act(handler, rubbish, 'resolve', {
      version: c.version,
      outcome: 'solved',
      text: '垃圾桶已全部清空消毒',
    });
    const resolved = expectStatus(await search(glDispatcher, '消毒'), 200);
    expect(ids(resolved)).toEqual([rubbish]);
    expect(resolved.items[0].highlights[0].field).toBe('resolution');
  });

  it('writes the index inside the case’s transaction: a rolled-back change leaves no words behind', async () => {
    const db = t.database.db;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('cases')
          .set({ description: '回滚测试用的独特词汇蟋蟀' })
          .where('id', '=', allowance)
          .execute();
        await indexCase(trx, allowance);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(ids(expectStatus(await search(glDispatcher, '蟋蟀'), 200))).toEqual([]);
    expect(ids(expectStatus(await search(glDispatcher, '低保'), 200))).toContain(allowance);
  });

  it('combines the words with the worklist filters', async () => {
    const all = ids(expectStatus(await search(glDispatcher, '垃圾桶'), 200));
    expect(all).toEqual([rubbish]);
    expect(ids(expectStatus(await search(glDispatcher, '垃圾桶', '&status=received'), 200))).toEqual([]);
    expect(ids(expectStatus(await search(glDispatcher, '垃圾桶', '&category=UM01'), 200))).toEqual([rubbish]);
    expect(ids(expectStatus(await search(glDispatcher, '低保', '&category=UM01'), 200))).toEqual([]);
    expect(
      ids(expectStatus(await search(glDispatcher, '低保', '&status=received&limit=1'), 200)),
    ).toHaveLength(1);
  });

  it('ranks the case about the word above one that mentions it in passing, and pages', async () => {
    const passing = (
      await register(agent, {
        description: '小区门口道路破损多处，坑洼积水，行人车辆通行都不方便，顺便问一下停车收费标准',
        location: { address: GL01_ADDRESS },
      })
    ).id;
    const about = (
      await register(agent, {
        title: '停车难',
        description: '停车位太少，晚上停车难',
        location: { address: GL01_ADDRESS },
      })
    ).id;
    const found = expectStatus(await search(glDispatcher, '停车'), 200);
    expect(ids(found)).toEqual([about, passing]);
    const first = expectStatus(await search(glDispatcher, '停车', '&limit=1'), 200);
    expect(ids(first)).toEqual([about]);
    expect(first.nextOffset).toBe(1);
    const second = expectStatus(await search(glDispatcher, '停车', '&limit=1&offset=1'), 200);
    expect(ids(second)).toEqual([passing]);
    expect(second.nextOffset).toBeNull();
  });

  it('makes the worklist’s own search box find words too, keeping its order', async () => {
    const list = expectStatus(await glDispatcher.get(`/api/cases?q=${encodeURIComponent('低保')}`), 200);
    expect(ids(list)).toEqual([allowanceFamily, allowance]);
  });

  it('refuses a missing or too long q, naming the field in the caller’s language, and the signed-out', async () => {
    const zh = expectStatus(await glDispatcher.get('/api/search'), 400);
    expect(zh.error.code).toBe('request.invalid');
    expect(zh.error.message).toContain('q');
    const en = new Client(t.app, 'en');
    const signedIn = await signIn(t.app, 'gl.dispatcher');
    en.cookies = signedIn.cookies;
    const long = expectStatus(await en.get(`/api/search?q=${'很'.repeat(101)}`), 400);
    expect(long.error.message).toMatch(/^Invalid request/);
    expect(long.error.details[0].path).toBe('querystring.q');
    expect((await t.app.inject({ url: '/api/search?q=x' })).statusCode).toBe(401);
    // Punctuation only: no words, nothing found, no error.
    expect(ids(expectStatus(await search(glDispatcher, '，。！'), 200))).toEqual([]);
  });
});

describe('search highlight', () => {
  it('marks whole words only and cuts a long text around the first match', () => {
    const text = `${'前'.repeat(80)}小区噪音扰民${'后'.repeat(80)}`;
    const segments = highlight(text, new Set(['噪音']), 30);
    expect(segments?.[0]?.text.startsWith('…')).toBe(true);
    expect(segments?.at(-1)?.text.endsWith('…')).toBe(true);
    expect(segments?.filter((s) => s.hit).map((s) => s.text)).toEqual(['噪音']);
    expect(highlight('物业说可以降低保费', new Set(['低保']))).toBeNull();
  });
});

/** The demo generator and the migration's backfill index cases as the services do. */
describe(`search over generated cases on ${testEngine}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoCases(t.database.db, { count: 200, seed: 3, days: 20 });
  });
  afterAll(() => t.close());

  it('finds a generated case by the words of its resolution, before and after a backfill of an emptied index', async () => {
    const db = t.database.db;
    const sample = await db
      .selectFrom('cases')
      .select(['id', 'resolution'])
      .where('resolution', 'is not', null)
      .where('sensitive', '=', 0)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const q = words(sample.resolution ?? '')
      .filter((w) => w.length >= 2)
      .slice(0, 3)
      .join(' ');
    const dispatcher = await signIn(t.app, 'dispatcher');
    const before = expectStatus(await search(dispatcher, q, '&limit=50'), 200);
    expect(ids(before)).toContain(sample.id);
    await sql`delete from case_search`.execute(db);
    expect(ids(expectStatus(await search(dispatcher, q, '&limit=50'), 200))).toEqual([]);
    const count = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await backfillSearchIndex(db, undefined, 64)).toBe(Number(count.n));
    expect(ids(expectStatus(await search(dispatcher, q, '&limit=50'), 200))).toEqual(ids(before));
  });
});
