import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { seedDemoCases } from '../cases/cases.seed.ts';
import { expectStatus, type Json } from '../cases/cases.test-support.ts';
import { retrainIfDue } from './routing.jobs.ts';
import { forgetCachedKnowledge } from './routing.service.ts';
import { retrain } from './training.ts';

const log = pino({ level: 'silent' });

/** Routing suggestions through the API: categories, the place named, the unit it would go to. */
describe(`routing suggestions on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
  });
  afterAll(() => t.close());

  const suggest = (client: Client, body: Record<string, unknown>) =>
    client.post('/api/routing/suggestions', body);

  it('reads neighbours’ noise at night in 天一社区 as social-life noise in 江厦街道, for the community police', async () => {
    const body: Json = expectStatus(
      await suggest(agent, { text: '楼上天天半夜拖椅子，吵得睡不着，天一社区' }),
      200,
    );
    expect(body.categories[0].code).toBe('EN02');
    expect(body.categories.length).toBeLessThanOrEqual(3);
    expect(body.categories[0].score).toBeGreaterThan(body.categories[1]?.score ?? 0);
    expect(body.place.street.code).toBe('JX');
    expect(body.place.community.nameZh).toBe('天一社区');
    expect(body.place.matched).toContain('天一社区');
    expect(body.unit.code).toMatch(/^JX/);
    expect(body.unit.nameZh).toContain('警务');
  });

  it('finds the place in the address when one is given apart from the text', async () => {
    const body: Json = expectStatus(
      await suggest(agent, { text: '申请低保需要准备什么材料', address: '宁波市江北区人民路' }),
      200,
    );
    expect(body.categories[0].code).toBe('CA01');
    expect(body.place).toBeNull();
    const named: Json = expectStatus(
      await suggest(agent, { text: '申请低保需要准备什么材料', address: '南门街道华兴社区' }),
      200,
    );
    expect(named.place.street.code).toBe('NM');
    expect(named.unit.code).toMatch(/^NM/);
  });

  it('suggests nothing for a text that says nothing', async () => {
    const body: Json = expectStatus(await suggest(agent, { text: '喂？' }), 200);
    expect(body.categories).toEqual([]);
    expect(body.place).toBeNull();
    expect(body.unit).toBeNull();
  });

  it('refuses an empty text naming the field, and people who neither take in nor route cases', async () => {
    const bad: Json = expectStatus(await suggest(agent, { text: '   ' }), 400);
    expect(JSON.stringify(bad.error.details)).toContain('text');
    expectStatus(
      await t.app.inject({ method: 'POST', url: '/api/routing/suggestions', payload: { text: '路灯' } }),
      401,
    );
    const handler = await signIn(t.app, 'housing.handler');
    expectStatus(await suggest(handler, { text: '路灯不亮' }), 403);
  });

  it('retrains on schedule only when cases were closed since the last model', async () => {
    const ctx = (at: Date) => ({ db: t.database.db, sms: t.sms, log, now: () => at });
    expect(await retrainIfDue(ctx(new Date()))).toBe(false);
    await seedDemoCases(t.database.db, { count: 400, seed: 7 });
    expect(await retrainIfDue(ctx(new Date()))).toBe(true);
    expect(await retrainIfDue(ctx(new Date()))).toBe(false);
    // A day later, with nothing closed since: still nothing to learn.
    expect(await retrainIfDue(ctx(new Date(Date.now() + 25 * 3_600_000)))).toBe(false);
    const models = await t.database.db.selectFrom('routing_models').select('trained_by').execute();
    expect(models.map((m) => m.trained_by)).toEqual(['job']);
  });

  it('learns from the closed cases when retrained, and every suggestion then uses the stored model', async () => {
    const trained = await retrain(
      t.database.db,
      { actor: { type: 'system', name: 'test' }, ip: null, requestId: null },
      'cli',
    );
    expect(trained.caseSamples).toBeGreaterThan(50);
    expect(trained.metrics.top3).toBeGreaterThan(0.8);
    forgetCachedKnowledge(t.database.db);
    const body: Json = expectStatus(await suggest(agent, { text: '小区门口井盖松动，走上去哐哐响' }), 200);
    expect(body.model.id).toBe(trained.id);
    expect(body.categories[0].code).toBe('UM05');
    const stored = await t.database.db
      .selectFrom('routing_models')
      .select('case_samples')
      .where('id', '=', trained.id)
      .executeTakeFirstOrThrow();
    expect(stored.case_samples).toBe(trained.caseSamples);
  });

  it('lets a taxonomy administrator see the models and retrain now, audited; nobody else', async () => {
    const admin = await signIn(t.app, 'admin');
    expectStatus(await agent.get('/api/routing/model'), 403);
    expectStatus(await agent.post('/api/routing/model/retrain', {}), 403);
    const before: Json = expectStatus(await admin.get('/api/routing/model'), 200);
    const retrained: Json = expectStatus(await admin.post('/api/routing/model/retrain', {}), 200);
    expect(retrained.models).toHaveLength(before.models.length + 1);
    expect(retrained.models[0]).toMatchObject({ trainedBy: 'admin' });
    expect(retrained.models[0].metrics.top1).toBeGreaterThan(0.7);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_label', 'record_id'])
      .where('action', '=', 'routing.retrain')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.record_id).toBe(String(retrained.models[0].id));
    // The next suggestion comes from the new model.
    const body: Json = expectStatus(await suggest(agent, { text: '路灯不亮' }), 200);
    expect(body.model.id).toBe(retrained.models[0].id);
  });
});
