import { expect } from 'vitest';
import { type Client, createTestApp, DEMO_PASSWORD, signIn, type TestApp } from '../../../test/helpers.ts';
import type { Db } from '../../db/database.ts';
import type { AssignmentState, CaseStatus, Rating } from '../../db/types.ts';
import { seedDemoAccounts } from '../accounts/accounts.seed.ts';
import { seedDemoOrganisation } from '../org/org.seed.ts';

/**
 * A factory for case histories written straight into the case tables, so the figures can be tested
 * against numbers worked out on paper without driving every step of the lifecycle. Times are given
 * in local (Beijing) time, `YYYY-MM-DD HH:mm`, as a person reads them off a case file.
 */

/** `2026-03-31 23:30` (Beijing) → `2026-03-31T15:30:00.000Z`. */
export function local(time: string): string {
  return new Date(`${time.replace(' ', 'T')}:00+08:00`).toISOString();
}

export interface DispatchSpec {
  unit: string;
  role?: 'lead' | 'co';
  round?: number;
  at: string;
  signDue: string;
  signedAt?: string;
  state: AssignmentState;
  /** When it was returned, cancelled or finished. */
  endedAt?: string;
}

export interface CallbackSpec {
  at: string;
  answered: boolean;
  solved?: boolean;
  rating?: Rating;
  reopened?: boolean;
}

export interface CaseSpec {
  street?: string;
  community?: string;
  category?: string;
  channel?: string;
  kind?: string;
  status: CaseStatus;
  registeredAt: string;
  answeredAtIntake?: boolean;
  /** Current lead unit; by default the last lead dispatch still standing (not returned or cancelled). */
  lead?: string | null;
  dispatches?: DispatchSpec[];
  resolvedAt?: string;
  resolveDueAt?: string;
  closedAt?: string;
  /** When a merged or withdrawn case ended; a closed case ends when it closed. */
  endedAt?: string;
  reopenCount?: number;
  repeated?: boolean;
  callbacks?: CallbackSpec[];
}

const NOW = '2026-01-01T00:00:00.000Z';
let sequence = 0;

async function unitByCode(db: Db, code: string): Promise<{ id: number; path: string }> {
  return db.selectFrom('units').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
}

/**
 * The category with this code, inserted (with its group) when the taxonomy seed has not provided it.
 * Returns its id.
 */
export async function ensureCategory(db: Db, code: string, zh: string, en: string): Promise<number> {
  const found = await db.selectFrom('categories').select('id').where('code', '=', code).executeTakeFirst();
  if (found) return found.id;
  const group = code.slice(0, 2);
  const hasGroup = await db
    .selectFrom('category_groups')
    .select('id')
    .where('code', '=', group)
    .executeTakeFirst();
  if (!hasGroup) {
    await db
      .insertInto('category_groups')
      .values({
        code: group,
        name_zh: group,
        name_en: group,
        sort: 0,
        active: 1,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  }
  const row = await db
    .insertInto('categories')
    .values({
      code,
      group_code: group,
      name_zh: zh,
      name_en: en,
      route: null,
      review: 0,
      resolve_workdays: 3,
      urgent_hours: 24,
      sensitive: 0,
      attributes: '[]',
      sort: 0,
      active: 1,
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const optional = (time: string | undefined) => (time === undefined ? null : local(time));

/** Inserts one case with its dispatches and callbacks; returns its id. */
export async function makeCase(db: Db, spec: CaseSpec): Promise<number> {
  const street = spec.street ? await unitByCode(db, spec.street) : null;
  const community = spec.community ? await unitByCode(db, spec.community) : null;
  const category = spec.category
    ? await db
        .selectFrom('categories')
        .select('id')
        .where('code', '=', spec.category)
        .executeTakeFirstOrThrow()
    : null;
  const standing = (spec.dispatches ?? []).filter(
    (d) => (d.role ?? 'lead') === 'lead' && d.state !== 'returned' && d.state !== 'cancelled',
  );
  const leadCode = spec.lead === undefined ? standing.at(-1)?.unit : spec.lead;
  const lead = leadCode ? await unitByCode(db, leadCode) : null;
  const closedAt = optional(spec.closedAt);
  sequence += 1;
  const registeredAt = local(spec.registeredAt);
  const row = await db
    .insertInto('cases')
    .values({
      tracking_no: `FIG-${process.pid}-${sequence}`,
      channel: spec.channel ?? 'hotline',
      kind: spec.kind ?? 'complaint',
      category_id: category?.id ?? null,
      title: `case ${sequence}`,
      description: 'figures test case',
      attributes: '{}',
      urgent: 0,
      sensitive: 0,
      status: spec.status,
      street_id: street?.id ?? null,
      community_id: community?.id ?? null,
      location_path: community?.path ?? street?.path ?? null,
      anonymous: 0,
      lead_unit_id: lead?.id ?? null,
      lead_unit_path: lead?.path ?? null,
      registered_at: registeredAt,
      answered_at_intake: spec.answeredAtIntake ? 1 : 0,
      resolve_due_at: optional(spec.resolveDueAt),
      sla_state: 'none',
      resolved_at: optional(spec.resolvedAt),
      closed_at: closedAt,
      ended_at: spec.status === 'closed' ? closedAt : optional(spec.endedAt),
      supervised: 0,
      escalation_level: 0,
      return_count: (spec.dispatches ?? []).filter((d) => d.state === 'returned').length,
      reopen_count: spec.reopenCount ?? 0,
      extended_days: 0,
      repeated: spec.repeated ? 1 : 0,
      version: 1,
      created_at: registeredAt,
      updated_at: registeredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const d of spec.dispatches ?? []) {
    const unit = await unitByCode(db, d.unit);
    await db
      .insertInto('case_assignments')
      .values({
        case_id: row.id,
        unit_id: unit.id,
        unit_path: unit.path,
        role: d.role ?? 'lead',
        round: d.round ?? 1,
        state: d.state,
        dispatched_at: local(d.at),
        sign_due_at: local(d.signDue),
        signed_at: optional(d.signedAt),
        ended_at: optional(d.endedAt),
      })
      .execute();
  }
  for (const cb of spec.callbacks ?? []) {
    await db
      .insertInto('case_callbacks')
      .values({
        case_id: row.id,
        at: local(cb.at),
        answered: cb.answered ? 1 : 0,
        solved: cb.solved === undefined ? null : cb.solved ? 1 : 0,
        rating: cb.rating ?? null,
        reopened: cb.reopened ? 1 : 0,
      })
      .execute();
  }
  return row.id;
}

/** Signed-in demo clients, one per username, and a GET that must answer 200. */
export function figuresTestKit(app: () => TestApp) {
  const clients = new Map<string, Client>();
  /** GET as a demo user, or anonymously when `username` is null. */
  async function get(username: string | null, url: string) {
    if (username === null) return app().app.inject({ method: 'GET', url });
    let client = clients.get(username);
    if (!client) {
      client = await signIn(app().app, username);
      clients.set(username, client);
    }
    return client.get(url);
  }
  async function ok<T>(username: string, url: string): Promise<T> {
    const res = await get(username, url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  }
  return { get, ok };
}

/**
 * A test app holding the demo organisation and demo accounts but no other cases than those a test
 * writes, so the figures can be compared with numbers worked out on paper whatever else the demo
 * seed comes to include.
 */
export async function createFiguresTestApp(): Promise<TestApp> {
  const t = await createTestApp({ seed: false });
  await seedDemoOrganisation(t.database.db);
  await seedDemoAccounts(t.database.db, DEMO_PASSWORD);
  return t;
}
