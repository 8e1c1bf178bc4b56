import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testEngine, unitId } from '../../../test/helpers.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { idNumberCheckChar } from '../../platform/identity.ts';
import { idNumber, personTestKit, wrongCheckDigit } from './people.test-support.ts';

describe(`person register on ${testEngine}`, () => {
  let t: TestApp;
  const { as, seeded, auditOf, counts } = personTestKit(() => t);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  describe('validation', () => {
    it('refuses an ID number with a wrong check digit, naming the field in Chinese and English', async () => {
      const worker = await as('gl01.worker');
      const before = await counts();
      const body = { name: '测试甲', idNumber: wrongCheckDigit(idNumber(1)) };
      const zh = await worker.post('/api/persons', body);
      expect(zh.statusCode).toBe(400);
      expect(zh.json().error.code).toBe('request.invalid');
      expect(zh.json().error.message).toContain('body.idNumber');
      expect(zh.json().error.details).toEqual([
        { path: 'body.idNumber', code: 'custom', message: '身份证号码格式或校验位不正确' },
      ]);
      const en = await worker.post('/api/persons', body, { 'accept-language': 'en' });
      expect(en.statusCode).toBe(400);
      expect(en.json().error.message).toBe('Invalid request: body.idNumber');
      expect(en.json().error.details[0]).toMatchObject({
        path: 'body.idNumber',
        message: 'not a valid Chinese ID number (GB 11643 check digit)',
      });
      // A failed create changes nothing: no person, no audit entry.
      expect(await counts()).toEqual(before);
    });

    it('refuses a malformed phone number and an impossible birth date', async () => {
      const worker = await as('gl01.worker');
      const before = await counts();
      const phone = await worker.post('/api/persons', { name: '测试乙', phone: '1234567' });
      expect(phone.statusCode).toBe(400);
      expect(phone.json().error.details).toEqual([
        {
          path: 'body.phone',
          code: 'custom',
          message: '电话号码格式不正确（手机号码，或带区号的固定电话，如 0574-87654321）',
        },
      ]);
      const first17 = '33020319880230001'; // 30 February
      const date = await worker.post('/api/persons', {
        name: '测试丙',
        idNumber: `${first17}${idNumberCheckChar(first17)}`,
      });
      expect(date.statusCode).toBe(400);
      expect(date.json().error.details[0].path).toBe('body.idNumber');
      expect(await counts()).toEqual(before);
    });

    it('accepts a lower-case x check character and stores it upper-case', async () => {
      let seq = 1;
      while (idNumberCheckChar(idNumber(seq).slice(0, 17)) !== 'X') seq++;
      const id = idNumber(seq);
      const worker = await as('gl01.mediator');
      const res = await worker.post('/api/persons', { name: '测试丁', idNumber: id.toLowerCase() });
      expect(res.statusCode).toBe(201);
      expect(res.json().idNumber).toBe(id);
    });
  });

  describe('masking', () => {
    it('shows the help line agent a caller’s phone whole and the ID number masked', async () => {
      const agent = await as('agent');
      const id = idNumber(2, 'male');
      const res = await agent.post('/api/persons', { name: '来电人甲', phone: '13712345678', idNumber: id });
      expect(res.statusCode).toBe(201);
      const person = res.json();
      expect(person.unit.code).toBe('HS-HOTLINE');
      expect(person).toMatchObject({
        phone: '13712345678',
        phoneMasked: false,
        idNumber: `${id.slice(0, 6)}********${id.slice(-4)}`,
        idNumberMasked: true,
        birthDate: null,
        sex: null,
        abilities: { update: true, viewPhone: true, viewIdNumber: false, grant: false },
      });
    });

    it('masks phone and ID number for a street dispatcher, who may not change the person', async () => {
      const res = await (await as('gl.dispatcher')).get(`/api/persons/${await seeded('GL01')}`);
      expect(res.statusCode).toBe(200);
      const person = res.json();
      expect(person.phone).toMatch(/^139\*{4}\d{4}$/);
      expect(person.idNumber).toMatch(/^330203\*{8}\d{3}[\dX]$/);
      expect(person).toMatchObject({ phoneMasked: true, idNumberMasked: true, birthDate: null, sex: null });
      expect(person.abilities).toEqual({
        update: false,
        viewPhone: false,
        viewIdNumber: false,
        grant: false,
      });
    });

    it('shows a mediator the ID number whole, with birth date and sex derived from it', async () => {
      const res = await (await as('gl01.mediator')).get(`/api/persons/${await seeded('GL01-MEDIATION')}`);
      expect(res.statusCode).toBe(200);
      const person = res.json();
      expect(person.idNumber).toMatch(/^330203\d{11}[\dX]$/);
      expect(person.idNumberMasked).toBe(false);
      expect(person.phone).toMatch(/^1390574\d{4}$/);
      const id: string = person.idNumber;
      expect(person.birthDate).toBe(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
      expect(person.sex).toBe(Number(id[16]) % 2 === 1 ? 'male' : 'female');
    });

    it('shows a community worker the phone whole but not the ID number', async () => {
      const res = await (await as('gl01.worker')).get(`/api/persons/${await seeded('GL01')}`);
      expect(res.json()).toMatchObject({ phoneMasked: false, idNumberMasked: true });
      expect(res.json().abilities).toEqual({
        update: true,
        viewPhone: true,
        viewIdNumber: false,
        grant: false,
      });
    });
  });

  describe('changes', () => {
    it('updates with the current version, refuses a stale one with 409, and audits masked values', async () => {
      const worker = await as('gl01.worker');
      const id = await seeded('GL01');
      const current = (await worker.get(`/api/persons/${id}`)).json();
      const ok = await worker.patch(`/api/persons/${id}`, { version: current.version, phone: '13655556666' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ phone: '13655556666', version: current.version + 1 });

      const stale = await worker.patch(`/api/persons/${id}`, { version: current.version, address: '别处' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('record.conflict');
      const after = (await worker.get(`/api/persons/${id}`)).json();
      expect(after.address).toBe(current.address);
      expect(after.version).toBe(current.version + 1);

      const [entry, ...more] = await auditOf(id, 'person.update');
      expect(more).toEqual([]);
      expect(JSON.parse(entry?.before ?? 'null')).toEqual({
        phone: current.phone.replace(/^(\d{3})\d{4}/, '$1****'),
      });
      expect(JSON.parse(entry?.after ?? 'null')).toEqual({ phone: '136****6666', changed: ['phone'] });
    });

    it('audits every creation with masked personal data only', async () => {
      const worker = await as('gl01.worker');
      const id = idNumber(3);
      const res = await worker.post('/api/persons', {
        name: '王测试',
        phone: '13811112222',
        idNumber: id,
        address: '中山社区示例路 99 号 3 室',
      });
      expect(res.statusCode).toBe(201);
      const [entry] = await auditOf(res.json().id, 'person.create');
      expect(entry?.actor_label).toBe('中山社区工作者');
      expect(JSON.parse(entry?.after ?? 'null')).toEqual({
        name: '王**',
        phone: '138****2222',
        idNumber: `${id.slice(0, 6)}********${id.slice(-4)}`,
        address: '中山社区示例****',
        unitId: await unitId(t, 'GL01'),
        confidential: false,
      });
      const leaks = await t.database.db
        .selectFrom('audit_log')
        .select('seq')
        .where((eb) =>
          eb.or([
            eb('after', 'like', '%13811112222%'),
            eb('after', 'like', `%${id}%`),
            eb('before', 'like', '%13811112222%'),
          ]),
        )
        .execute();
      expect(leaks).toEqual([]);
      expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    });

    it('refuses to register or move a person outside the worker’s community (403)', async () => {
      const worker = await as('gl01.worker');
      const before = await counts();
      const create = await worker.post('/api/persons', { name: '越界甲', unitId: await unitId(t, 'JX01') });
      expect(create.statusCode).toBe(403);
      expect(create.json().error.code).toBe('access.denied');
      const id = await seeded('GL01');
      const { version } = (await worker.get(`/api/persons/${id}`)).json();
      const move = await worker.patch(`/api/persons/${id}`, { version, unitId: await unitId(t, 'JX01') });
      expect(move.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
      const missingUnit = await worker.post('/api/persons', { name: '越界乙', unitId: 999_999 });
      expect(missingUnit.statusCode).toBe(400);
      expect(missingUnit.json().error.details[0].path).toBe('body.unitId');
    });

    it('lets a reader who may not manage see the record but not change it (403)', async () => {
      const dispatcher = await as('gl.dispatcher');
      const id = await seeded('GL01');
      const { version } = (await dispatcher.get(`/api/persons/${id}`)).json();
      const res = await dispatcher.patch(`/api/persons/${id}`, { version, name: '改名' });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('lists', () => {
    it('filters by name, exact phone and unit subtree, a page at a time', async () => {
      const dispatcher = await as('gl.dispatcher');
      const all = (await dispatcher.get('/api/persons?limit=200')).json();
      const codes = new Set<string>(all.items.map((p: { unit: { code: string } }) => p.unit.code));
      expect([...codes].every((c) => c === 'GL' || c.startsWith('GL'))).toBe(true);
      expect(codes.has('GL01')).toBe(true);

      const page1 = (await dispatcher.get('/api/persons?limit=2')).json();
      expect(page1.items).toHaveLength(2);
      expect(page1.nextAfter).toBe(page1.items[1].id);
      const page2 = (await dispatcher.get(`/api/persons?limit=2&after=${page1.nextAfter}`)).json();
      expect(page2.items[0].id).toBeGreaterThan(page1.nextAfter);

      const target = all.items.find((p: { unit: { code: string } }) => p.unit.code === 'GL02');
      const byName = (
        await dispatcher.get(`/api/persons?q=${encodeURIComponent(target.name.slice(1))}`)
      ).json();
      expect(byName.items.map((p: { id: number }) => p.id)).toContain(target.id);

      const phone = (
        await t.database.db
          .selectFrom('persons')
          .select('phone')
          .where('id', '=', target.id)
          .executeTakeFirstOrThrow()
      ).phone;
      const byPhone = (await dispatcher.get(`/api/persons?phone=${phone}`)).json();
      expect(byPhone.items.map((p: { id: number }) => p.id)).toEqual([target.id]);
      expect(byPhone.items[0].phoneMasked).toBe(true);

      const byUnit = (await dispatcher.get(`/api/persons?unitId=${await unitId(t, 'GL02')}`)).json();
      expect(byUnit.items.map((p: { id: number }) => p.id)).toEqual([target.id]);

      const elsewhere = (await dispatcher.get(`/api/persons?unitId=${await unitId(t, 'JX01')}`)).json();
      expect(elsewhere.items).toEqual([]);
    });
  });
});
