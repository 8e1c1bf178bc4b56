import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testEngine } from '../../../test/helpers.ts';
import { can } from '../../platform/access.ts';
import { createSession, loadActor } from '../../platform/auth/sessions.ts';
import { nowIso } from '../../platform/time.ts';
import { visiblePersons } from './people.repo.ts';
import { idNumber, personTestKit } from './people.test-support.ts';

describe(`confidential persons and who sees nothing, on ${testEngine}`, () => {
  let t: TestApp;
  const { as, seeded, auditOf, userIdOf } = personTestKit(() => t);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  describe('confidential persons', () => {
    it('hides a confidential person from list and read without a grant, exactly like a missing one', async () => {
      const id = await seeded('NM01', true);
      const dispatcher = await as('nm.dispatcher');
      const list = (await dispatcher.get('/api/persons?limit=200')).json();
      const ids = list.items.map((p: { id: number }) => p.id);
      expect(ids).toContain(await seeded('NM01'));
      expect(ids).not.toContain(id);
      const read = await dispatcher.get(`/api/persons/${id}`);
      const missing = await dispatcher.get('/api/persons/99999999');
      expect(read.statusCode).toBe(404);
      expect(read.json()).toEqual(missing.json());
      expect(read.json().error.code).toBe('record.not_found');
      expect(await auditOf(id, 'person.read_confidential')).toEqual([]);
    });

    it('shows it to the assigned social worker, masked in lists and whole in the audited read', async () => {
      const id = await seeded('NM01', true);
      const social = await as('nm01.social');
      const list = (await social.get('/api/persons?limit=200')).json();
      const listed = list.items.find((p: { id: number }) => p.id === id);
      expect(listed).toMatchObject({ confidential: true, phoneMasked: true, idNumberMasked: true });
      expect(await auditOf(id, 'person.read_confidential')).toEqual([]);

      const read = await social.get(`/api/persons/${id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ confidential: true, phoneMasked: false, idNumberMasked: false });
      expect(read.json().abilities).toEqual({
        update: true,
        viewPhone: true,
        viewIdNumber: true,
        grant: false,
      });
      await social.get(`/api/persons/${id}`);
      const entries = await auditOf(id, 'person.read_confidential');
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({ actor_type: 'staff', actor_id: await userIdOf('nm01.social') });
      expect(JSON.parse(entries[0]?.after ?? 'null')).toEqual({ via: 'grant' });
    });

    it('lets the admin grant and revoke access, auditing each, and refuses grantees out of reach', async () => {
      const id = await seeded('NM01', true);
      const admin = await as('admin');
      const dispatcher = await as('nm.dispatcher');
      const nmDispatcher = await userIdOf('nm.dispatcher');

      const social = await as('nm01.social');
      const notAllowed = await social.post(`/api/persons/${id}/grants`, { userId: nmDispatcher });
      expect(notAllowed.statusCode).toBe(403);

      const outOfReach = await admin.post(`/api/persons/${id}/grants`, {
        userId: await userIdOf('jx.dispatcher'),
      });
      expect(outOfReach.statusCode).toBe(400);
      expect(outOfReach.json().error.code).toBe('person.grantee_out_of_scope');

      const granted = await admin.post(`/api/persons/${id}/grants`, { userId: nmDispatcher });
      expect(granted.statusCode).toBe(200);
      expect(granted.json().items.map((g: { userId: number }) => g.userId)).toEqual([
        await userIdOf('nm01.social'),
        nmDispatcher,
      ]);
      expect(await auditOf(id, 'person.grant')).toHaveLength(1);

      expect((await dispatcher.get(`/api/persons/${id}`)).statusCode).toBe(200);
      const list = (await dispatcher.get('/api/persons?limit=200')).json();
      expect(list.items.map((p: { id: number }) => p.id)).toContain(id);

      const revoked = await admin.delete(`/api/persons/${id}/grants/${nmDispatcher}`);
      expect(revoked.statusCode).toBe(200);
      expect(await auditOf(id, 'person.revoke')).toHaveLength(1);
      expect((await dispatcher.get(`/api/persons/${id}`)).statusCode).toBe(404);
    });

    it('lets the admin (an authorised role) read an unassigned confidential person, audited', async () => {
      const id = await seeded('YH01', true);
      expect((await (await as('yh.dispatcher')).get(`/api/persons/${id}`)).statusCode).toBe(404);
      const res = await (await as('admin')).get(`/api/persons/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().abilities.grant).toBe(true);
      const entries = await auditOf(id, 'person.read_confidential');
      expect(entries).toHaveLength(1);
      expect(JSON.parse(entries[0]?.after ?? 'null')).toEqual({ via: 'role' });
    });

    it('grants a confidential person to its author, and only a granting role may declassify', async () => {
      const social = await as('nm01.social');
      const created = await social.post('/api/persons', {
        name: '保密乙',
        idNumber: idNumber(4),
        confidential: true,
      });
      expect(created.statusCode).toBe(201);
      const person = created.json();
      expect(person.confidential).toBe(true);
      expect((await (await as('nm.dispatcher')).get(`/api/persons/${person.id}`)).statusCode).toBe(404);

      const declassify = await social.patch(`/api/persons/${person.id}`, {
        version: person.version,
        confidential: false,
      });
      expect(declassify.statusCode).toBe(403);
      const byAdmin = await (await as('admin')).patch(`/api/persons/${person.id}`, {
        version: person.version,
        confidential: false,
      });
      expect(byAdmin.statusCode).toBe(200);
      expect((await (await as('nm.dispatcher')).get(`/api/persons/${person.id}`)).statusCode).toBe(200);
    });
  });

  describe('policy and scope', () => {
    it('the scoped query and the read rule agree on every person for every staff account', async () => {
      const db = t.database.db;
      const users = await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('kind', '=', 'staff')
        .execute();
      const persons = await db
        .selectFrom('persons as p')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .select(['p.id', 'p.confidential', 'u.path'])
        .execute();
      const grants = await db
        .selectFrom('record_grants')
        .select(['record_id', 'user_id'])
        .where('record_type', '=', 'person')
        .execute();
      // The demo data holds the cases that tell the clauses apart.
      expect(persons.some((p) => p.confidential === 1)).toBe(true);
      expect(grants.length).toBeGreaterThan(0);
      for (const user of users) {
        const actor = await loadActor(db, user.id);
        if (!actor) continue;
        const scoped = (await visiblePersons(db, actor).execute()).map((r) => r.id);
        const allowed = persons
          .filter((p) =>
            can(actor, 'person.read', {
              unitPath: p.path,
              confidential: p.confidential === 1,
              granted: grants.some((g) => g.record_id === p.id && g.user_id === user.id),
            }),
          )
          .map((p) => p.id);
        const sort = (ids: number[]) => [...ids].sort((a, b) => a - b);
        expect({ user: user.username, ids: sort(scoped) }).toEqual({
          user: user.username,
          ids: sort(allowed),
        });
      }
    });
  });

  describe('callers who see nothing here', () => {
    it('asks an anonymous caller to sign in', async () => {
      const res = await t.app.inject({ url: '/api/persons' });
      expect(res.statusCode).toBe(401);
    });

    it('denies a resident the register and hides every record', async () => {
      const now = nowIso();
      const resident = await t.database.db
        .insertInto('users')
        .values({
          kind: 'resident',
          display_name: '居民甲',
          phone: '13900009999',
          active: 1,
          failed_logins: 0,
          is_demo: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { token } = await createSession(
        t.database.db,
        resident.id,
        { ip: null, userAgent: null },
        { idleMinutes: 30, maxHours: 1 },
      );
      const cookies = { shequ_session: token };
      const list = await t.app.inject({ url: '/api/persons', cookies });
      expect(list.statusCode).toBe(403);
      const read = await t.app.inject({ url: `/api/persons/${await seeded('GL01')}`, cookies });
      expect(read.statusCode).toBe(404);
    });
  });
});
