import type { Kysely } from 'kysely';
import { type Client, signIn, type TestApp } from '../../../test/helpers.ts';
import type { Database } from '../../db/types.ts';
import { idNumberCheckChar } from '../../platform/identity.ts';

/** A valid ID number nobody in the demo data has: born 1988-06-15 in Haishu, sequence `seq`. */
export function idNumber(seq: number, sex: 'male' | 'female' = 'female'): string {
  const s = String(seq * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `33020319880615${s}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

export function wrongCheckDigit(id: string): string {
  const last = id.at(-1);
  return `${id.slice(0, 17)}${last === '0' ? '1' : '0'}`;
}

/** Small helpers the person tests share: signed-in clients by demo username, and database look-ups. */
export function personTestKit(app: () => TestApp) {
  const clients = new Map<string, Client>();
  const db = (): Kysely<Database> => app().database.db;

  /** A signed-in client of a demo account, signed in once per test file. */
  async function as(username: string): Promise<Client> {
    let client = clients.get(username);
    if (!client) {
      client = await signIn(app().app, username);
      clients.set(username, client);
    }
    return client;
  }

  /** The demo person seeded at a unit (the confidential one when asked). */
  async function seeded(code: string, confidential = false): Promise<number> {
    const row = await db()
      .selectFrom('persons as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select('p.id')
      .where('u.code', '=', code)
      .where('p.confidential', '=', confidential ? 1 : 0)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function auditOf(personId: number, action: string) {
    return db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_type', '=', 'person')
      .where('record_id', '=', String(personId))
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  }

  /** Rows in the tables a person change touches, to show that a refused change changed nothing. */
  async function counts() {
    const count = async (table: 'persons' | 'audit_log' | 'record_grants') => {
      const row = await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      persons: await count('persons'),
      audit: await count('audit_log'),
      grants: await count('record_grants'),
    };
  }

  async function userIdOf(username: string): Promise<number> {
    const row = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  return { as, seeded, auditOf, counts, userIdOf };
}
