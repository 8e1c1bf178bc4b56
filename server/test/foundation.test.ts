import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit.ts';
import { createTestApp, type TestApp, testEngine } from './helpers.ts';

describe(`platform on ${testEngine}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => t.close());

  it('answers /healthz with the engine it runs on', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: testEngine });
  });

  it('starts with an empty, valid audit chain', async () => {
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 0, problems: [] });
  });
});
