import type { Db } from '../../db/database.ts';
import { idNumberCheckChar } from '../../platform/identity.ts';
import { nowIso } from '../../platform/time.ts';
import { PERSON_RECORD } from './people.policy.ts';

const STREETS: Record<string, string[]> = {
  GL: ['GL01', 'GL02', 'GL03'],
  JX: ['JX01', 'JX02', 'JX03'],
  NM: ['NM01', 'NM02', 'NM03'],
  XM: ['XM01', 'XM02', 'XM03'],
  YH: ['YH01', 'YH02', 'YH03'],
  BY: ['BY01', 'BY02', 'BY03'],
  DT: ['DT01', 'DT02', 'DT03'],
  WC: ['WC01', 'WC02', 'WC03'],
};

const SURNAMES = [...'张李王赵钱孙周吴郑陈冯卫蒋沈韩杨朱秦许何吕施孔曹严华金魏'];
const GIVEN = ['某甲', '某乙', '某丙'];

interface DemoPerson {
  unitCode: string;
  confidential?: boolean;
  /** Demo account assigned to a confidential person. */
  grantTo?: string;
}

/**
 * Three persons in a community of every street, a dispute party at a mediation room, a caller
 * registered by the help line, and confidential clients at NM01 (assigned to `nm01.social`) and YH01.
 */
export const DEMO_PERSONS: DemoPerson[] = [
  ...Object.values(STREETS).flatMap((codes) => codes.map((unitCode) => ({ unitCode }))),
  { unitCode: 'GL01-MEDIATION' },
  { unitCode: 'HS-HOTLINE' },
  { unitCode: 'NM01', confidential: true, grantTo: 'nm01.social' },
  { unitCode: 'YH01', confidential: true },
];

/** A clearly fictional but well-formed Haishu (330203) ID number with a correct GB 11643 check character. */
export function demoIdNumber(i: number): string {
  const year = 1950 + ((i * 7) % 50);
  const month = String(((i * 5) % 12) + 1).padStart(2, '0');
  const day = String(((i * 11) % 28) + 1).padStart(2, '0');
  const first17 = `330203${year}${month}${day}${String(100 + i).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

/** `13905740001`…: mobile-shaped, with Ningbo's area code in the middle. */
export function demoPhone(i: number): string {
  return `1390574${String(i + 1).padStart(4, '0')}`;
}

/** A handful of demo persons in several streets (no audit entries: the seed is not a user's act). */
export async function seedDemoPersons(db: Db): Promise<void> {
  const codes = [...new Set(DEMO_PERSONS.map((p) => p.unitCode))];
  const units = await db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh'])
    .where('code', 'in', codes)
    .execute();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const [i, demo] of DEMO_PERSONS.entries()) {
      const unit = byCode.get(demo.unitCode);
      if (!unit) throw new Error(`demo unit ${demo.unitCode} is missing`);
      const person = await trx
        .insertInto('persons')
        .values({
          name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
          phone: demoPhone(i),
          id_number: demoIdNumber(i),
          address: `${unit.name_zh}示例路${i + 1}号`,
          unit_id: unit.id,
          confidential: demo.confidential ? 1 : 0,
          created_by: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!demo.grantTo) continue;
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', demo.grantTo)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('record_grants')
        .values({
          record_type: PERSON_RECORD,
          record_id: person.id,
          user_id: user.id,
          granted_by: null,
          created_at: now,
        })
        .execute();
    }
  });
}
