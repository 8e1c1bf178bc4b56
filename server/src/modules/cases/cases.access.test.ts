import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestApp,
  signIn,
  type TestApp,
  testEngine,
  unitId,
} from '../../../test/helpers.ts';
import { expectStatus, GL01_ADDRESS, JX01_ADDRESS, register } from './cases.test-support.ts';

const ids = (list: { items: { id: number }[] }) => list.items.map((x) => x.id);

/** Who sees which case, in lists and single reads alike, and the audit of sensitive reads. */
describe(`case access on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;
  let gl: Record<string, number> = {};
  let jx: Record<string, number> = {};
  let sensitive: number;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
    gl = {
      triage: (await register(agent, { description: '鼓楼的事情', location: { address: GL01_ADDRESS } })).id,
      routed: (
        await register(agent, {
          categoryCode: 'UM01',
          description: '鼓楼垃圾',
          location: { address: GL01_ADDRESS },
        })
      ).id,
    };
    jx = {
      triage: (await register(agent, { description: '江厦的事情', location: { address: JX01_ADDRESS } })).id,
      routed: (
        await register(agent, {
          categoryCode: 'UM01',
          description: '江厦垃圾',
          location: { address: JX01_ADDRESS },
        })
      ).id,
    };
    sensitive = (
      await register(agent, {
        categoryCode: 'CM02',
        description: '社区矫正对象近况需要帮扶',
        location: { address: GL01_ADDRESS },
      })
    ).id;
  });
  afterAll(() => t.close());

  it("gives a street dispatcher its own street's triage queue, and no other street's cases", async () => {
    const glDispatcher = await signIn(t.app, 'gl.dispatcher');
    const triage = expectStatus(await glDispatcher.get('/api/cases?view=triage'), 200);
    expect(ids(triage)).toEqual([gl.triage]);
    expect((await glDispatcher.get(`/api/cases/${jx.triage}`)).statusCode).toBe(404);
    const foreign = expectStatus(
      await glDispatcher.post(`/api/cases/${jx.triage}/dispatch`, {
        leadUnitId: await unitId(t, 'JX-ENFORCEMENT'),
        categoryCode: 'UM01',
      }),
      404,
    );
    expect(foreign.error.code).toBe('record.not_found');
    const district = await signIn(t.app, 'dispatcher');
    expect(ids(expectStatus(await district.get('/api/cases?view=triage'), 200)).sort()).toEqual(
      [gl.triage, jx.triage].sort(),
    );
  });

  it('shows a community worker the cases of its community only', async () => {
    const worker = await signIn(t.app, 'jx01.worker');
    const all = ids(expectStatus(await worker.get('/api/cases'), 200));
    expect(all).toContain(jx.routed);
    expect(all).not.toContain(gl.routed);
    expect((await worker.get(`/api/cases/${gl.routed}`)).statusCode).toBe(404);
  });

  it('shows a sensitive case only to its handling unit, its registrar and the overseers of its area, auditing each read', async () => {
    const detail = expectStatus(await agent.get(`/api/cases/${sensitive}`), 200);
    expect(detail).toMatchObject({ sensitive: true, status: 'dispatched' });
    expect(detail.leadUnit.code).toBe('GL-SUNSHINE_HOME');
    const leader = await signIn(t.app, 'leader');
    expect((await leader.get(`/api/cases/${sensitive}`)).statusCode).toBe(404);
    expect(ids(expectStatus(await leader.get('/api/cases'), 200))).not.toContain(sensitive);
    expect(ids(expectStatus(await leader.get('/api/cases'), 200))).toContain(gl.routed);
    const worker = await signIn(t.app, 'gl01.worker');
    expect((await worker.get(`/api/cases/${sensitive}`)).statusCode).toBe(404);
    const supervisor = await signIn(t.app, 'supervisor');
    expectStatus(await supervisor.get(`/api/cases/${sensitive}`), 200);
    const reads = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_label'])
      .where('action', '=', 'case.read_sensitive')
      .where('record_id', '=', String(sensitive))
      .execute();
    // The registration's own answer, the agent's read and the supervisor's: refused reads leave no entry.
    expect(reads.map((r) => r.actor_label)).toEqual(['81890 话务员', '81890 话务员', '区督查员']);
  });

  it('refuses lists to callers without a case role and to the signed-out', async () => {
    const anonymous = await t.app.inject({ url: '/api/cases' });
    expect(anonymous.statusCode).toBe(401);
    const volunteer = await signIn(t.app, 'jx01.volunteer');
    expect(ids(expectStatus(await volunteer.get('/api/cases'), 200))).toEqual([]);
    expect(expectStatus(await volunteer.get('/api/cases?view=inbox'), 403).error.code).toBe('access.denied');
  });
});
