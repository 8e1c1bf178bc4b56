import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp, unitId } from '../../../test/helpers.ts';
import { act, expectStatus, GL01_ADDRESS, type Json, register } from '../cases/cases.test-support.ts';

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'request_update'].includes(name),
});
const BASE = '/open311/v2';

/** A category with an attribute of every datatype, reviewed before dispatch when `review`. */
function category(code: string, review: boolean) {
  return {
    code,
    groupCode: 'UM',
    nameZh: review ? '测试审核类' : '测试全类型',
    nameEn: review ? 'Reviewed test' : 'All datatypes test',
    route: 'street:ENFORCEMENT',
    review,
    resolveWorkdays: 3,
    urgentHours: 24,
    attributes: [
      { code: 'plate', datatype: 'string', required: true, descriptionZh: '车牌', descriptionEn: 'Plate' },
      { code: 'count', datatype: 'number', descriptionZh: '数量', descriptionEn: 'Count' },
      { code: 'seen_at', datatype: 'datetime', descriptionZh: '发现时间', descriptionEn: 'Seen at' },
      { code: 'notes', datatype: 'text', descriptionZh: '补充', descriptionEn: 'Notes' },
      {
        code: 'kind',
        datatype: 'singlevaluelist',
        descriptionZh: '类型',
        descriptionEn: 'Kind',
        values: [
          { key: 'a', nameZh: '甲', nameEn: 'A' },
          { key: 'b', nameZh: '乙', nameEn: 'B' },
        ],
      },
      {
        code: 'tags',
        datatype: 'multivaluelist',
        descriptionZh: '标签',
        descriptionEn: 'Tags',
        values: [
          { key: 'x', nameZh: '左', nameEn: 'X' },
          { key: 'y', nameZh: '右', nameEn: 'Y' },
          { key: 'z', nameZh: '中', nameEn: 'Z <&>' },
        ],
      },
    ],
  };
}

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let admin: Client;
  let key: string;
  let slowKey: string;

  const get = (path: string, lang = 'zh-CN') =>
    t.app.inject({ method: 'GET', url: `${BASE}/${path}`, headers: { 'accept-language': lang } });
  const post = (path: string, form: [string, string][]) =>
    t.app.inject({
      method: 'POST',
      url: `${BASE}/${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const xml = (body: string) => parser.parse(body);
  const enforcementTeam = async () =>
    (
      await t.database.db
        .selectFrom('units')
        .select('id')
        .where('name_zh', '=', '鼓楼街道综合执法组')
        .executeTakeFirstOrThrow()
    ).id;
  const expectErrors = (
    res: { statusCode: number; body: string; headers: Record<string, unknown> },
    status: number,
    format: 'xml' | 'json',
  ) => {
    expect(res.statusCode, res.body).toBe(status);
    const errors =
      format === 'json'
        ? JSON.parse(res.body)
        : xml(res.body).errors.error.map((e: Json) => ({ ...e, code: Number(e.code) }));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.code).toBe(status);
      expect(typeof e.description).toBe('string');
    }
    expect(res.headers['content-type']).toBe(format === 'json' ? 'application/json' : 'text/xml');
    return errors as { code: number; description: string }[];
  };
  /** Every field filled; `extra` replaces the fields it names. */
  const fullForm = (code: string, extra: [string, string][] = []): [string, string][] => [
    ...baseForm(code).filter(([k]) => !extra.some(([e]) => e === k)),
    ...extra,
  ];
  const baseForm = (code: string): [string, string][] => [
    ['api_key', key],
    ['service_code', code],
    ['address_string', GL01_ADDRESS],
    ['description', '路边停放僵尸车，联系电话13812345678，身份证330203199001011234'],
    ['first_name', '小明'],
    ['last_name', '王'],
    ['phone', '13812345678'],
    ['email', 'wang@example.com'],
    ['media_url', 'https://example.com/p.jpg'],
    ['attribute[plate]', '浙B12345'],
    ['attribute[count]', '2'],
    ['attribute[seen_at]', '2026-11-28T09:00:00+08:00'],
    ['attribute[notes]', '已停放一个月'],
    ['attribute[kind]', 'b'],
    ['attribute[tags][]', 'x'],
    ['attribute[tags][]', 'z'],
  ];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
    expectStatus(await admin.post('/api/categories', category('TT01', false)), 201);
    expectStatus(await admin.post('/api/categories', category('TT02', true)), 201);
    const unit = await unitId(t, 'GL');
    key = expectStatus(
      await admin.post('/api/api-keys', { name: '测试客户端', unitId: unit, rateLimitPerMinute: 1000 }),
      201,
    ).key;
    slowKey = expectStatus(
      await admin.post('/api/api-keys', { name: '限速客户端', unitId: unit, rateLimitPerMinute: 2 }),
      201,
    ).key;
  });
  afterAll(() => t.close());

  it('answers discovery in both formats with the exact content types', async () => {
    const x = await get('discovery.xml');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe('text/xml');
    const d = xml(x.body).discovery;
    expect(d.endpoints.endpoint.url).toMatch(/\/open311\/v2\/$/);
    const j = await get('discovery.json');
    expect(j.headers['content-type']).toBe('application/json');
    expect(j.json().endpoints[0].formats).toEqual(['text/xml', 'application/json']);
  });

  it('lists public services, never the sensitive ones, and checks jurisdiction_id', async () => {
    const j = (await get('services.json')).json() as Json[];
    const codes = j.map((s) => s.service_code);
    expect(codes).toContain('UM01');
    expect(codes).not.toContain('CM02');
    expect(j.find((s) => s.service_code === 'TT01')).toMatchObject({ metadata: true, type: 'realtime' });
    expect(j.find((s) => s.service_code === 'TT02')).toMatchObject({ type: 'batch' });
    const x = xml((await get('services.xml')).body).services.service as Json[];
    expect(x.find((s) => s.service_code === 'UM01').service_name).toBe('垃圾清运与环境卫生');
    expect((await get('services.json?jurisdiction_id=haishu.ningbo.cn')).statusCode).toBe(200);
    expectErrors(await get('services.json?jurisdiction_id=elsewhere'), 404, 'json');
    expectErrors(await get('services.xml?jurisdiction_id=elsewhere'), 404, 'xml');
  });

  it('defines a service with attributes of every datatype, in both formats', async () => {
    const j = (await get('services/TT01.json', 'en')).json();
    expect(j.service_code).toBe('TT01');
    expect(j.attributes.map((a: Json) => a.datatype)).toEqual([
      'string',
      'number',
      'datetime',
      'text',
      'singlevaluelist',
      'multivaluelist',
    ]);
    expect(j.attributes[0]).toMatchObject({
      variable: true,
      code: 'plate',
      required: true,
      description: 'Plate',
    });
    expect(j.attributes[5].values).toEqual([
      { key: 'x', name: 'X' },
      { key: 'y', name: 'Y' },
      { key: 'z', name: 'Z <&>' },
    ]);
    const x = await get('services/TT01.xml', 'en');
    expect(x.body).toContain('Z &lt;&amp;&gt;');
    const def = xml(x.body).service_definition;
    expect(def.attributes.attribute).toHaveLength(6);
    expect(def.attributes.attribute[5].values.value.map((v: Json) => v.key)).toEqual(['x', 'y', 'z']);
    expectErrors(await get('services/NOPE.json'), 404, 'json');
    expectErrors(await get('services/NOPE.xml'), 404, 'xml');
    expectErrors(await get('services/CM02.json'), 404, 'json');
  });

  it('refuses to file a request without a key or with a wrong one (403)', async () => {
    expectErrors(
      await post('requests.json', [
        ['service_code', 'UM01'],
        ['address_string', GL01_ADDRESS],
      ]),
      403,
      'json',
    );
    expectErrors(
      await post('requests.xml', [
        ['api_key', 'shq_wrong_key'],
        ['service_code', 'UM01'],
      ]),
      403,
      'xml',
    );
  });

  it('answers bad input with 400 and the field, never a 500', async () => {
    const cases: [string, [string, string][]][] = [
      [
        'service_code',
        [
          ['api_key', key],
          ['address_string', GL01_ADDRESS],
        ],
      ],
      [
        'location',
        [
          ['api_key', key],
          ['service_code', 'UM01'],
        ],
      ],
      [
        'lat',
        [
          ['api_key', key],
          ['service_code', 'UM01'],
          ['lat', 'north'],
          ['long', '121.5'],
        ],
      ],
      [
        'long',
        [
          ['api_key', key],
          ['service_code', 'UM01'],
          ['lat', '29.8'],
        ],
      ],
      ['media_url', fullForm('TT01', [['media_url', 'javascript:alert(1)']])],
      ['attribute[count]', fullForm('TT01', [['attribute[count]', 'many']])],
      ['attribute[kind]', fullForm('TT01', [['attribute[kind]', 'q']])],
      ['attribute[plate]', fullForm('TT01').filter(([k]) => k !== 'attribute[plate]')],
      ['attribute[nope]', fullForm('TT01', [['attribute[nope]', '1']])],
      [
        'address_id',
        [
          ['api_key', key],
          ['service_code', 'UM01'],
          ['address_id', 'NOWHERE'],
        ],
      ],
      ['phone', fullForm('TT01', [['phone', 'abc']])],
      ['description', fullForm('TT01', [['description', '长'.repeat(4001)]])],
    ];
    for (const [field, form] of cases) {
      const res = await post('requests.json', form);
      expect(res.statusCode, field).toBe(400);
      const errors = expectErrors(res, 400, 'json');
      expect(errors.map((e) => e.description).join(' '), field).toContain(field);
    }
    expectErrors(await post('requests.json', fullForm('NOPE')), 404, 'json');
    expectErrors(await post('requests.xml', fullForm('CM02')), 404, 'xml');
    expectErrors(await get('requests.json?start_date=yesterday'), 400, 'json');
    expectErrors(await get('requests.json?status=pending'), 400, 'json');
    expectErrors(await get('requests.xml?page_size=5000'), 400, 'xml');
    expectErrors(await get('requests/x.yaml'), 404, 'xml');
    expectErrors(await get('requests/%25zz.json'), 404, 'json');
    expectErrors(await get('services/%E4%B8%AD%25.xml'), 404, 'xml');
  });

  let trackingNo: string;

  it('files a request with every attribute datatype through the case intake, channel open311', async () => {
    const res = await post('requests.xml', fullForm('TT01'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toBe('text/xml');
    const created = xml(res.body).service_requests.request[0];
    trackingNo = created.service_request_id;
    expect(trackingNo).toMatch(/^[A-Z]+\d{14}$/);
    const row = await t.database.db
      .selectFrom('cases')
      .selectAll()
      .where('tracking_no', '=', trackingNo)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe('open311');
    expect(row.intake_unit_id).toBe(await unitId(t, 'GL'));
    expect(JSON.parse(row.attributes)).toEqual({
      plate: '浙B12345',
      count: 2,
      seen_at: '2026-11-28T01:00:00.000Z',
      notes: '已停放一个月',
      kind: 'b',
      tags: ['x', 'z'],
    });
    expect(row.status).toBe('dispatched');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.register')
      .where('record_id', '=', String(row.id))
      .executeTakeFirst();
    expect(JSON.stringify(audit)).toContain('测试客户端');
  });

  it('shows the request publicly without the reporter’s personal data', async () => {
    const j = (await get(`requests/${trackingNo}.json`)).json();
    expect(j).toHaveLength(1);
    // Typed as people type it, the number finds the same request, as on the portal.
    expect((await get(`requests/${trackingNo.toLowerCase()}.json`)).json()).toEqual(j);
    expect(j[0]).toMatchObject({
      service_request_id: trackingNo,
      status: 'open',
      service_code: 'TT01',
      agency_responsible: '鼓楼街道综合执法组',
      media_url: 'https://example.com/p.jpg',
      address: GL01_ADDRESS,
    });
    expect(j[0].requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(j[0].expected_datetime).toMatch(/\+08:00$/);
    const text = JSON.stringify(j) + (await get(`requests/${trackingNo}.xml`)).body;
    for (const pii of ['13812345678', '330203199001011234', '王小明', '小明', 'wang@example.com'])
      expect(text).not.toContain(pii);
    expect(j[0].description).toContain('138****5678');
    const x = xml((await get(`requests/${trackingNo}.xml`)).body).service_requests.request[0];
    expect(x.status).toBe('open');
    expectErrors(await get('requests/999.json'), 404, 'json');
    expectErrors(await get('requests/999.xml'), 404, 'xml');
  });

  it('gives a token for a reviewed category, and the id once the request has gone out', async () => {
    const res = await post('requests.json', fullForm('TT02'));
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json();
    expect(created.service_request_id).toBeUndefined();
    const token = created.token as string;
    const before = (await get(`tokens/${token}.json`)).json();
    expect(before).toEqual([{ service_request_id: null, token }]);
    const row = await t.database.db
      .selectFrom('cases')
      .select(['id', 'version', 'tracking_no'])
      .where('channel', '=', 'open311')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const dispatcher = await signIn(t.app, 'dispatcher');
    await act(dispatcher, row.id, 'dispatch', { version: row.version, leadUnitId: await enforcementTeam() });
    const after = xml((await get(`tokens/${token}.xml`)).body).service_requests.request[0];
    expect(after).toEqual({ service_request_id: row.tracking_no, token });
    expectErrors(await get('tokens/nope.json'), 404, 'json');
  });

  it('filters requests by id list, service, status and dates, with paging', async () => {
    const all = (await get('requests.json')).json() as Json[];
    expect(all.map((r) => r.service_request_id)).toContain(trackingNo);
    const byId = (
      await get(`requests.json?service_request_id=${trackingNo},999&status=closed`)
    ).json() as Json[];
    expect(byId.map((r) => r.service_request_id)).toEqual([trackingNo]);
    const byService = (await get('requests.json?service_code=TT01')).json() as Json[];
    expect(byService.every((r) => r.service_code === 'TT01')).toBe(true);
    expect(byService.length).toBe(1);
    expect(((await get('requests.json?service_code=TT01&status=closed')).json() as Json[]).length).toBe(0);
    expect(((await get('requests.json?service_code=TT01&status=open,closed')).json() as Json[]).length).toBe(
      1,
    );
    const future = encodeURIComponent('2099-01-01T00:00:00+08:00');
    expect(((await get(`requests.json?start_date=${future}`)).json() as Json[]).length).toBe(0);
    const past = encodeURIComponent('2000-01-01T00:00:00+08:00');
    expect(((await get(`requests.json?service_code=TT01&end_date=${past}`)).json() as Json[]).length).toBe(0);
    const page1 = (await get('requests.json?page_size=1&page=1')).json() as Json[];
    const page2 = (await get('requests.json?page_size=1&page=2')).json() as Json[];
    expect(page1).toHaveLength(1);
    expect(page2).toHaveLength(1);
    expect(page2[0].service_request_id).not.toBe(page1[0].service_request_id);
    const x = xml((await get('requests.xml?service_code=TT01')).body).service_requests.request;
    expect(x[0].service_request_id).toBe(trackingNo);
  });

  it('never lists sensitive cases', async () => {
    const agent = await signIn(t.app, 'agent');
    const filed = await register(agent, {
      categoryCode: 'CM02',
      description: '社区矫正对象近况需要帮扶',
      location: { address: GL01_ADDRESS },
    });
    expect((await get('requests.json')).json().length).toBeGreaterThan(0);
    const sensitive = await t.database.db
      .selectFrom('cases')
      .select('tracking_no')
      .where('sensitive', '=', 1)
      .execute();
    const listed = JSON.stringify((await get('requests.json')).json());
    for (const s of sensitive) {
      expect(listed).not.toContain(s.tracking_no);
      expectErrors(await get(`requests/${s.tracking_no}.json`), 404, 'json');
    }
    expect(sensitive.map((s) => s.tracking_no)).toContain(filed.trackingNo);
    const updates = JSON.stringify((await get(`servicerequestupdates.json?api_key=${key}`)).json());
    expect(updates).not.toContain(filed.trackingNo);
  });

  it('closes when staff resolve and call back, and the update feed says so', async () => {
    const row = await t.database.db
      .selectFrom('cases')
      .select(['id', 'version'])
      .where('tracking_no', '=', trackingNo)
      .executeTakeFirstOrThrow();
    const handler = await signIn(t.app, 'gl.handler');
    const agent = await signIn(t.app, 'agent');
    const signed = await act(handler, row.id, 'sign', { version: row.version });
    const resolved = await act(handler, row.id, 'resolve', {
      version: signed.version,
      outcome: 'solved',
      text: '已拖走，联系人王小明',
    });
    const mid = (await get(`requests/${trackingNo}.json`)).json()[0];
    expect(mid).toMatchObject({ status: 'open', status_notes: '已解决' });
    await act(agent, row.id, 'callback', {
      version: resolved.version,
      answered: true,
      solved: true,
      rating: 'satisfied',
    });
    const done = (await get(`requests/${trackingNo}.json`, 'en')).json()[0];
    expect(done).toMatchObject({ status: 'closed', status_notes: 'Solved' });
    expect(JSON.stringify(done)).not.toContain('王小明');
    expect(((await get('requests.json?service_code=TT01&status=closed')).json() as Json[]).length).toBe(1);

    expectErrors(await get('servicerequestupdates.json'), 403, 'json');
    const updates = (await get(`servicerequestupdates.json?api_key=${key}`)).json() as Json[];
    const mine = updates.filter((u) => u.service_request_id === trackingNo);
    expect(mine.map((u) => u.status)).toContain('closed');
    expect(mine[0]).toMatchObject({ status: 'open' });
    expect(Object.keys(mine[0]).sort()).toEqual(
      ['description', 'media_url', 'service_request_id', 'status', 'update_id', 'updated_datetime'].sort(),
    );
    const x = xml((await get(`servicerequestupdates.xml?api_key=${key}`)).body);
    expect(x.service_requests_updates.request_update.length).toBe(updates.length);
    const later = encodeURIComponent('2099-01-01T00:00:00+08:00');
    expect(
      ((await get(`servicerequestupdates.json?api_key=${key}&start_date=${later}`)).json() as Json[]).length,
    ).toBe(0);
  });

  it('honours the key’s own rate limit', async () => {
    expect((await get(`servicerequestupdates.json?api_key=${slowKey}`)).statusCode).toBe(200);
    expect((await get(`servicerequestupdates.json?api_key=${slowKey}`)).statusCode).toBe(200);
    const limited = await get(`servicerequestupdates.json?api_key=${slowKey}`);
    expectErrors(limited, 429, 'json');
    expect(limited.headers['retry-after']).toBe('60');
  });

  it('refuses a revoked key and a wrong X-Api-Key header with 403', async () => {
    const keys = expectStatus(await admin.get('/api/api-keys'), 200).items as Json[];
    const slow = keys.find((k) => k.name === '限速客户端');
    expectStatus(await admin.post(`/api/api-keys/${slow.id}/revoke`, {}), 200);
    expectErrors(await post('requests.xml', fullForm('UM01', [['api_key', slowKey]])), 403, 'xml');
    const header = await t.app.inject({
      method: 'GET',
      url: `${BASE}/services.json`,
      headers: { 'x-api-key': 'shq_nope_nope' },
    });
    expectErrors(header, 403, 'json');
  });

  it('takes a JSON body too, numbers as numbers, and a single value of a multi-value list', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${BASE}/requests.json`,
      payload: {
        api_key: key,
        service_code: 'TT01',
        lat: 29.8745,
        long: 121.549,
        'attribute[plate]': '浙B54321',
        'attribute[tags]': 'y',
        'attribute[count]': 3,
        nested: { ignored: true },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json()[0].service_request_id;
    const row = await t.database.db
      .selectFrom('cases')
      .select(['attributes', 'description', 'lat'])
      .where('tracking_no', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.attributes)).toEqual({ plate: '浙B54321', tags: ['y'], count: 3 });
    expect(row.description).toBe('测试全类型');
    expect(row.lat).toBe(29.8745);
  });

  it('never answers odd input with a 500', async () => {
    const odd: [string, string][][] = [
      fullForm('TT01', [
        ['lat', '1e999'],
        ['long', '1'],
      ]),
      fullForm('TT01', [['description', '长'.repeat(5000)]]),
      fullForm('TT01', [['phone', 'abc']]),
      fullForm('TT01', [['attribute[count][]', '1']]),
      fullForm('TT01', [['attribute[plate][]', 'a']]),
      fullForm('TT01', [['attribute[seen_at]', '昨天']]),
      fullForm('TT01', [['attribute[tags][]', 'q']]),
      fullForm('TT01', [['email', 'not-an-email']]),
      fullForm('TT01', [['jurisdiction_id', 'elsewhere']]),
    ];
    for (const form of odd) {
      const res = await post('requests.json', form);
      expect(res.statusCode, `${JSON.stringify(form.at(-1))} ${res.body}`).toBeLessThan(500);
      expect(res.statusCode, JSON.stringify(form.at(-1))).not.toBe(201);
    }
    // A place the organisation's names do not know still files: the dispatchers place it in triage.
    const unknown = await post('requests.json', [
      ['api_key', key],
      ['service_code', 'UM01'],
      ['address_string', '不存在的地方'],
    ]);
    expect(unknown.statusCode, unknown.body).toBe(201);
    const text = await t.app.inject({
      method: 'POST',
      url: `${BASE}/requests.xml`,
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expectErrors(text, 400, 'xml');
  });

  it('answers an unknown path under the prefix with the spec’s 404', async () => {
    expectErrors(await get('nothing.json'), 404, 'json');
  });
});
