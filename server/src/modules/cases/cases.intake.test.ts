import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, testEngine } from '../../../test/helpers.ts';
import { expectStatus, GL01_ADDRESS, register } from './cases.test-support.ts';

/** A 1×1 PNG: the smallest real image the type check accepts. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(files: Array<{ name: string; type: string; content: Buffer }>) {
  const boundary = '----shequtest';
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe(`case intake on ${testEngine}`, () => {
  let t: TestApp;
  let agent: Client;

  const countCases = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    agent = await signIn(t.app, 'agent');
  });
  afterAll(() => t.close());

  it('refuses bad input with the field named in the caller language, changing nothing', async () => {
    const before = await countCases();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ categoryCode: 'UM01' }, 'body.description'],
      [{ description: '噪音', reporter: { phone: '12345' } }, 'body.reporter.phone'],
      [{ description: '噪音', categoryCode: 'XX99' }, 'body.categoryCode'],
      [{ description: '噪音', location: { lat: 29.87 } }, 'body.location.lng'],
      [{ description: '噪音', channel: 'fax' }, 'body.channel'],
      [
        { description: '井盖坏了', categoryCode: 'UM05', attributes: { damage_type: 'spaceship' } },
        'body.attributes.damage_type',
      ],
    ];
    for (const [body, field] of cases) {
      const res = expectStatus(await agent.post('/api/cases', body), 400);
      expect(res.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    for (const [query, field] of [
      ['from=2026-13-40', 'querystring.from'],
      ['to=2026-02-30', 'querystring.to'],
      ['limit=100000', 'querystring.limit'],
    ]) {
      const res = expectStatus(await agent.get(`/api/cases?${query}`), 400);
      expect(res.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const en = await agent.post('/api/cases', { categoryCode: 'UM01' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/Invalid request/);
    expect(await countCases()).toBe(before);
  });

  it('keeps the category extra fields', async () => {
    const c = await register(agent, {
      categoryCode: 'UM05',
      description: '井盖缺失',
      location: { address: GL01_ADDRESS },
      attributes: { damage_type: 'manhole' },
    });
    expect(c.attributes).toEqual({ damage_type: 'manhole' });
  });

  it('returns the first case for a retried Idempotency-Key, even when both arrive at once', async () => {
    const body = { categoryCode: 'UM01', description: '重试测试', location: { address: GL01_ADDRESS } };
    const first = await register(agent, body, { 'idempotency-key': 'retry-1' });
    const again = expectStatus(await agent.post('/api/cases', body, { 'idempotency-key': 'retry-1' }), 200);
    expect(again).toMatchObject({ id: first.id, replayed: true });
    const other = expectStatus(
      await agent.post('/api/cases', { ...body, description: '另一件事' }, { 'idempotency-key': 'retry-1' }),
      422,
    );
    expect(other.error.code).toBe('case.idempotency_mismatch');
    const before = await countCases();
    const burst = await Promise.all(
      [1, 2, 3].map(() => agent.post('/api/cases', body, { 'idempotency-key': 'burst-1' })),
    );
    expect(new Set(burst.map((r) => r.json().id)).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
  });

  it('numbers cases <district><yyyymmdd><6 digits>, unique under concurrent intake', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => agent.post('/api/cases', { description: `并发登记 ${i}` })),
    );
    const numbers = results.map((r) => expectStatus(r, 201).trackingNo as string);
    expect(new Set(numbers).size).toBe(12);
    const local = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    for (const n of numbers) expect(n).toMatch(new RegExp(`^HS${local}\\d{6}$`));
  });

  it("shows an agent a caller's earlier cases by phone number, and masks the reporter for a leader", async () => {
    const phone = '13512345678';
    const a = await register(agent, {
      categoryCode: 'UM01',
      description: '第一次来电',
      reporter: { name: '赵先生', phone },
      location: { address: GL01_ADDRESS },
    });
    const b = await register(agent, {
      categoryCode: 'EN02',
      description: '第二次来电',
      reporter: { name: '赵先生', phone },
      location: { address: GL01_ADDRESS },
    });
    const earlier = expectStatus(await agent.get(`/api/cases?reporterPhone=${phone}`), 200);
    expect(earlier.items.map((x: { id: number }) => x.id)).toEqual([b.id, a.id]);
    const leader = await signIn(t.app, 'leader');
    expect(expectStatus(await leader.get(`/api/cases?reporterPhone=${phone}`), 403).error.code).toBe(
      'access.denied',
    );
    const seen = expectStatus(await leader.get(`/api/cases/${a.id}`), 200);
    expect(seen.reporter).toMatchObject({ name: '赵**', phone: '135****5678', masked: true });
  });

  it('records a caller on a fixed line, finds them by it however it is typed, and sends them no SMS', async () => {
    const smsBefore = await t.database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('kind', '=', 'sms.send')
      .executeTakeFirstOrThrow();
    const filed = await register(agent, {
      categoryCode: 'UM01',
      description: '老人用座机来电',
      reporter: { name: '钱阿姨', phone: '(0574) 8765 4321' },
      location: { address: GL01_ADDRESS },
    });
    expect(filed.reporter.phone).toBe('0574-87654321');
    const found = expectStatus(await agent.get('/api/cases?reporterPhone=057487654321'), 200);
    expect(found.items.map((x: { id: number }) => x.id)).toEqual([filed.id]);
    const smsAfter = await t.database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('kind', '=', 'sms.send')
      .executeTakeFirstOrThrow();
    expect(Number(smsAfter.n)).toBe(Number(smsBefore.n));
    // Without its area code a fixed line is another city's as much as ours: refused, naming the field.
    const bare = await agent.post('/api/cases', {
      description: '缺区号',
      reporter: { phone: '87654321' },
    });
    expect(expectStatus(bare, 400).error.details[0].path).toBe('body.reporter.phone');
  });

  it('hides an anonymous reporter from the handling unit but not from the help line', async () => {
    const c = await register(agent, {
      categoryCode: 'UM01',
      description: '匿名反映',
      reporter: { name: '钱女士', phone: '13811112222', anonymous: true },
      location: { address: GL01_ADDRESS },
    });
    const handler = await signIn(t.app, 'gl.handler');
    const leader = await signIn(t.app, 'leader');
    expect(expectStatus(await leader.get(`/api/cases/${c.id}`), 200).reporter).toEqual({
      name: null,
      phone: null,
      masked: true,
      anonymous: true,
    });
    expect(expectStatus(await handler.get(`/api/cases/${c.id}`), 200).reporter).toMatchObject({
      name: null,
      phone: null,
      anonymous: true,
    });
    expect(expectStatus(await agent.get(`/api/cases/${c.id}`), 200).reporter.name).toBe('钱女士');
  });

  it('takes walk-ins at the workroom community and patrol reports from volunteers', async () => {
    const worker = await signIn(t.app, 'gl01.worker');
    const walkIn = await register(worker, {
      channel: 'walk_in',
      categoryCode: 'HO02',
      description: '顶楼漏水',
    });
    expect(walkIn).toMatchObject({ channel: 'walk_in', status: 'dispatched' });
    expect(walkIn.community.code).toBe('GL01');
    expect(walkIn.leadUnit.code).toBe('GL01-COMMITTEE');
    const volunteer = await signIn(t.app, 'jx01.volunteer');
    const patrol = await register(volunteer, {
      categoryCode: 'UM08',
      description: '共享单车堆满人行道',
      location: { address: '江厦街道天一社区' },
    });
    expect(patrol.channel).toBe('patrol');
    expect(
      expectStatus(await volunteer.post('/api/cases', { channel: 'hotline', description: 'x' }), 403).error
        .code,
    ).toBe('case.channel_not_allowed');
    // A volunteer sees what they reported, nothing else.
    expect(
      expectStatus(await volunteer.get('/api/cases'), 200).items.map((x: { id: number }) => x.id),
    ).toEqual([patrol.id]);
  });

  it('stores photos by content hash, refuses other types, and serves them only to those who see the case', async () => {
    const c = await register(agent, {
      categoryCode: 'UM01',
      description: '附照片',
      location: { address: GL01_ADDRESS },
    });
    const upload = multipart([
      { name: '现场.png', type: 'image/png', content: PNG },
      { name: 'again.png', type: 'image/png', content: PNG },
    ]);
    const res = await agent.request('POST', `/api/cases/${c.id}/attachments`, upload.payload, upload.headers);
    const detail = expectStatus(res, 200);
    expect(detail.attachments).toHaveLength(2);
    expect(detail.attachments[0]).toMatchObject({
      fileName: '现场.png',
      mimeType: 'image/png',
      size: PNG.length,
    });
    expect(detail.attachments[0].sha256).toBe(detail.attachments[1].sha256);
    const fake = multipart([
      { name: 'photo.png', type: 'image/png', content: Buffer.from('not an image at all') },
    ]);
    const refused = await agent.request('POST', `/api/cases/${c.id}/attachments`, fake.payload, fake.headers);
    expect(expectStatus(refused, 415).error.code).toBe('case.attachment_type');
    const download = await agent.get(`/api/cases/${c.id}/attachments/${detail.attachments[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
    const outsider = await signIn(t.app, 'jx.handler');
    expect(
      (await outsider.get(`/api/cases/${c.id}/attachments/${detail.attachments[0].id}`)).statusCode,
    ).toBe(404);
  });
});
