import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/platform/auth/api-keys.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { idNumberCheckChar } from '../src/platform/identity.ts';
import { nowIso } from '../src/platform/time.ts';
import { Client, createTestApp, signIn, type TestApp, testEngine, unitId } from './helpers.ts';

/**
 * Roles × actions × records, over HTTP, for the Person register. Each demo account is bound at one
 * unit and reaches that unit's subtree (agents, dispatchers, supervisors and leaders: the street or
 * district their unit belongs to). The records sit in street GL (the "same street" of the GL
 * accounts), in street JX (the "other street"), and at district level (HS and its departments and
 * centres). A removed policy rule, a removed ROLE_ACTIONS entry or a widened one changes at least one
 * cell below: reads turn into 404s (or the reverse), list contents change, creates and updates flip
 * between 2xx and 403, and the abilities and masking of every visible record are asserted too.
 */
const FIXTURES = [
  'GL01', //                 a community of street GL
  'GL01-MEDIATION', //       the mediation room of that community
  'GL-ENFORCEMENT', //       a unit of street GL
  'GL-EMPLOYMENT', //        another unit of street GL
  'GL01 confidential', //    a confidential person at GL01 that nobody is assigned to
  'JX01', //                 a community of street JX
  'JX01-SERVICE_TEAM-1', //  the service team of that community
  'NM01', //                 a community of street NM
  'HS', //                   the district itself
  'HS-HOTLINE', //           the 81890 help line centre (district level)
  'HS-HOUSING', //           a district department
] as const;
type Fixture = (typeof FIXTURES)[number];

const OPEN = FIXTURES.filter((f) => f !== 'GL01 confidential');
const GL: Fixture[] = ['GL01', 'GL01-MEDIATION', 'GL-ENFORCEMENT', 'GL-EMPLOYMENT'];
const JX: Fixture[] = ['JX01', 'JX01-SERVICE_TEAM-1'];

interface Row {
  /** A demo account, or the two callers that are not staff. */
  user: string;
  /** 403 when the caller may read persons nowhere. */
  list: 200 | 403;
  reads: readonly Fixture[];
  /** Create at the fixture's unit and update of the fixture; always a subset of `reads` here. */
  manages: readonly Fixture[];
  /** Phone, ID number shown whole, and may assign workers, on every record it reads. */
  phone: boolean;
  idNumber: boolean;
  grant: boolean;
}

const none = { phone: false, idNumber: false, grant: false };

const MATRIX: Row[] = [
  { user: 'admin', list: 200, reads: FIXTURES, manages: FIXTURES, ...none, grant: true },
  { user: 'leader', list: 200, reads: OPEN, manages: [], ...none },
  { user: 'supervisor', list: 200, reads: OPEN, manages: [], ...none },
  // The help line and the command centre serve the whole district (their jurisdiction), not just their centre.
  { user: 'agent', list: 200, reads: OPEN, manages: OPEN, ...none, phone: true },
  { user: 'dispatcher', list: 200, reads: OPEN, manages: [], ...none },
  { user: 'gl.dispatcher', list: 200, reads: GL, manages: [], ...none },
  { user: 'jx.dispatcher', list: 200, reads: JX, manages: [], ...none },
  { user: 'nm.dispatcher', list: 200, reads: ['NM01'], manages: [], ...none },
  { user: 'gl.head', list: 200, reads: GL, manages: [], ...none, phone: true },
  { user: 'gl.handler', list: 200, reads: ['GL-ENFORCEMENT'], manages: [], ...none, phone: true },
  { user: 'jx.handler', list: 200, reads: [], manages: [], ...none, phone: true },
  { user: 'housing.handler', list: 200, reads: ['HS-HOUSING'], manages: [], ...none, phone: true },
  {
    user: 'gl01.worker',
    list: 200,
    reads: ['GL01', 'GL01-MEDIATION'],
    manages: ['GL01', 'GL01-MEDIATION'],
    ...none,
    phone: true,
  },
  { user: 'jx01.worker', list: 200, reads: JX, manages: JX, ...none, phone: true },
  {
    user: 'gl01.mediator',
    list: 200,
    reads: ['GL01-MEDIATION'],
    manages: ['GL01-MEDIATION'],
    ...none,
    phone: true,
    idNumber: true,
  },
  {
    user: 'nm01.social',
    list: 200,
    reads: ['NM01'],
    manages: ['NM01'],
    ...none,
    phone: true,
    idNumber: true,
  },
  {
    user: 'gl.employment',
    list: 200,
    reads: ['GL-EMPLOYMENT'],
    manages: ['GL-EMPLOYMENT'],
    ...none,
    phone: true,
    idNumber: true,
  },
  { user: 'jx01.team_leader', list: 200, reads: ['JX01-SERVICE_TEAM-1'], manages: [], ...none },
  { user: 'jx01.volunteer', list: 403, reads: [], manages: [], ...none },
  { user: 'resident', list: 403, reads: [], manages: [], ...none },
  { user: 'api-key', list: 403, reads: [], manages: [], ...none },
];

function fixtureIdNumber(i: number): string {
  const first17 = `33020319750301${String(500 + i).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

/** The unit a fixture is registered at. */
function unitOf(f: Fixture): string {
  return f === 'GL01 confidential' ? 'GL01' : f;
}

/** Sends an API key with every request instead of a session. */
class ApiKeyClient extends Client {
  constructor(
    app: Client['app'],
    readonly key: string,
  ) {
    super(app);
  }
  override request(...[method, url, body, headers = {}]: Parameters<Client['request']>) {
    return super.request(method, url, body, { ...headers, 'x-api-key': this.key });
  }
}

describe(`access matrix of the Person register on ${testEngine}`, () => {
  let t: TestApp;
  const fixtureIds = new Map<Fixture, number>();
  const clients = new Map<string, Client>();

  async function clientFor(user: string): Promise<Client> {
    const cached = clients.get(user);
    if (cached) return cached;
    let client: Client;
    if (user === 'resident') client = await residentClient();
    else if (user === 'api-key') client = await apiKeyClient();
    else client = await signIn(t.app, user);
    clients.set(user, client);
    return client;
  }

  async function residentClient(): Promise<Client> {
    const now = nowIso();
    const user = await t.database.db
      .insertInto('users')
      .values({
        kind: 'resident',
        display_name: '居民乙',
        phone: '13900008888',
        active: 1,
        failed_logins: 0,
        is_demo: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await createSession(
      t.database.db,
      user.id,
      { ip: null, userAgent: null },
      { idleMinutes: 60, maxHours: 2 },
    );
    const client = new Client(t.app);
    client.cookies = { shequ_session: session.token };
    client.csrfToken = session.csrfToken;
    return client;
  }

  /** A district-wide API key: machine clients have no business in the register. */
  async function apiKeyClient(): Promise<Client> {
    const key = generateApiKey();
    await t.database.db
      .insertInto('api_keys')
      .values({
        name: 'matrix',
        prefix: key.prefix,
        key_hash: key.hash,
        unit_id: await unitId(t, 'HS'),
        created_by: null,
        rate_limit_per_minute: 100_000,
        created_at: nowIso(),
      })
      .execute();
    return new ApiKeyClient(t.app, key.key);
  }

  async function versionOf(id: number): Promise<number> {
    const row = await t.database.db
      .selectFrom('persons')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.version;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const now = nowIso();
    for (const [i, f] of FIXTURES.entries()) {
      const row = await t.database.db
        .insertInto('persons')
        .values({
          name: `矩阵${i}`,
          phone: `1370000${String(i).padStart(4, '0')}`,
          id_number: fixtureIdNumber(i),
          address: `${f} 示例地址`,
          unit_id: await unitId(t, unitOf(f)),
          confidential: f === 'GL01 confidential' ? 1 : 0,
          created_by: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      fixtureIds.set(f, row.id);
    }
  });
  afterAll(async () => t.close());

  function idOf(f: Fixture): number {
    const id = fixtureIds.get(f);
    if (id === undefined) throw new Error(`no fixture ${f}`);
    return id;
  }

  it('the demo dispatcher of one street can log in and cannot read a record of another street (404, same as a missing record)', async () => {
    const dispatcher = await signIn(t.app, 'gl.dispatcher');
    const own = await dispatcher.get(`/api/persons/${idOf('GL01')}`);
    expect(own.statusCode).toBe(200);
    const other = await dispatcher.get(`/api/persons/${idOf('JX01')}`);
    const missing = await dispatcher.get('/api/persons/987654321');
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    const list = (await dispatcher.get('/api/persons?limit=200')).json();
    expect(list.items.map((p: { id: number }) => p.id)).not.toContain(idOf('JX01'));
  });

  describe.each(MATRIX)('$user', (row) => {
    const expected = (allowed: number, denied: number, among: readonly Fixture[] = FIXTURES) =>
      Object.fromEntries(among.map((f) => [f, row.reads.includes(f) ? allowed : denied]));

    it(`lists ${row.list === 403 ? 'nothing (403)' : 'exactly the records in reach'}`, async () => {
      const client = await clientFor(row.user);
      const res = await client.get('/api/persons?limit=200');
      expect(res.statusCode).toBe(row.list);
      const listed = new Set(row.list === 200 ? res.json().items.map((p: { id: number }) => p.id) : []);
      expect(Object.fromEntries(FIXTURES.map((f) => [f, listed.has(idOf(f)) ? 1 : 0]))).toEqual(
        expected(1, 0),
      );
      // The same table the read test checks as 200/404: a list and a read never disagree.
    });

    it('reads exactly the records in reach, 404 for every other', async () => {
      const client = await clientFor(row.user);
      const actual: Record<string, number> = {};
      for (const f of FIXTURES) actual[f] = (await client.get(`/api/persons/${idOf(f)}`)).statusCode;
      expect(actual).toEqual(expected(200, 404));
    });

    it('gets the abilities and masking of its role on every record it reads', async () => {
      const client = await clientFor(row.user);
      for (const f of row.reads) {
        const person = (await client.get(`/api/persons/${idOf(f)}`)).json();
        expect({ f, abilities: person.abilities }).toEqual({
          f,
          abilities: {
            update: row.manages.includes(f),
            viewPhone: row.phone,
            viewIdNumber: row.idNumber,
            grant: row.grant,
          },
        });
        expect({ f, phoneMasked: person.phoneMasked, idNumberMasked: person.idNumberMasked }).toEqual({
          f,
          phoneMasked: !row.phone,
          idNumberMasked: !row.idNumber,
        });
        expect(person.phone === `1370000${String(FIXTURES.indexOf(f)).padStart(4, '0')}`).toBe(row.phone);
        expect(person.idNumber === fixtureIdNumber(FIXTURES.indexOf(f))).toBe(row.idNumber);
        expect(person.birthDate === null).toBe(!row.idNumber);
      }
    });

    it('creates persons only at units it manages, 403 elsewhere', async () => {
      const client = await clientFor(row.user);
      const actual: Record<string, number> = {};
      for (const f of OPEN) {
        const res = await client.post('/api/persons', {
          name: `新建 ${row.user}`,
          unitId: await unitId(t, f),
        });
        actual[f] = res.statusCode;
      }
      expect(actual).toEqual(Object.fromEntries(OPEN.map((f) => [f, row.manages.includes(f) ? 201 : 403])));
    });

    it('updates what it manages, 403 what it only reads, 404 what it cannot see', async () => {
      const client = await clientFor(row.user);
      const actual: Record<string, number> = {};
      for (const f of FIXTURES) {
        const id = idOf(f);
        const res = await client.patch(`/api/persons/${id}`, {
          version: await versionOf(id),
          address: `${f} 新地址 ${row.user}`,
        });
        actual[f] = res.statusCode;
      }
      expect(actual).toEqual(
        Object.fromEntries(
          FIXTURES.map((f) => [f, row.manages.includes(f) ? 200 : row.reads.includes(f) ? 403 : 404]),
        ),
      );
    });
  });
});
