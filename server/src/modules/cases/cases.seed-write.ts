import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { insertSearchRows, NOTE_ACTIONS } from '../search/search.index.ts';
import { iso, type SimCase } from './cases.seed-case.ts';
import type { SeedActor } from './cases.seed-world.ts';

/**
 * Writing the demo cases in bulk: multi-row INSERTs of pre-built parameter lists (the SQL text is
 * built once per table and row count), under each engine's limit of bound parameters, and blocks of
 * ids and tracking numbers reserved up front so a server writing meanwhile never collides.
 */

type Executor = Db;
type Value = string | number | null;

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER; PostgreSQL's wire protocol allows 65,535. */
const MAX_PARAMS = { sqlite: 32_766, postgres: 65_535 } as const;

export const CASE_COLUMNS = [
  'id',
  'tracking_no',
  'channel',
  'kind',
  'category_id',
  'title',
  'description',
  'attributes',
  'urgent',
  'sensitive',
  'status',
  'address',
  'lat',
  'lng',
  'place_unit_id',
  'street_id',
  'community_id',
  'location_path',
  'reporter_id',
  'anonymous',
  'resident_user_id',
  'lead_unit_id',
  'lead_unit_path',
  'triage_reason',
  'intake_unit_id',
  'registered_by',
  'registered_at',
  'answered_at_intake',
  'dispatched_at',
  'sign_due_at',
  'signed_at',
  'resolve_due_at',
  'due_soon_at',
  'sla_state',
  'resolved_at',
  'outcome',
  'resolution',
  'callback_at',
  'solved',
  'rating',
  'closed_at',
  'ended_at',
  'supervised',
  'escalation_level',
  'return_count',
  'reopen_count',
  'extended_days',
  'repeated',
  'repeat_of_id',
  'merged_into_id',
  'version',
  'created_at',
  'updated_at',
] as const;
const ASSIGNMENT_COLUMNS = [
  'case_id',
  'unit_id',
  'unit_path',
  'role',
  'round',
  'state',
  'dispatched_at',
  'dispatched_by',
  'sign_due_at',
  'signed_at',
  'signed_by',
  'report',
  'reported_at',
  'return_reason',
  'ended_at',
] as const;
const EVENT_COLUMNS = [
  'case_id',
  'at',
  'actor_type',
  'actor_id',
  'actor_label',
  'action',
  'from_status',
  'to_status',
  'unit_id',
  'note',
  'data',
] as const;
const EXTENSION_COLUMNS = [
  'case_id',
  'unit_id',
  'days',
  'reason',
  'state',
  'requested_by',
  'requested_at',
  'approved_days',
  'decided_by',
  'decided_at',
  'decision_note',
  'due_before',
  'due_after',
] as const;
const CALLBACK_COLUMNS = [
  'case_id',
  'at',
  'by_user',
  'answered',
  'solved',
  'rating',
  'comment',
  'reopened',
] as const;
const REPORTER_COLUMNS = ['case_id', 'person_id', 'resident_user_id', 'source_case_id', 'added_at'] as const;
const PERSON_COLUMNS = [
  'id',
  'name',
  'phone',
  'id_number',
  'address',
  'unit_id',
  'confidential',
  'created_by',
  'version',
  'created_at',
  'updated_at',
] as const;

export interface NewPerson {
  id: number;
  name: string;
  phone: string;
  unitId: number;
  createdAt: number;
}

const time = (ms: number | null): string | null => (ms === null ? null : iso(ms));
const flag = (b: boolean): number => (b ? 1 : 0);

export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export class BulkWriter {
  readonly #postgres: boolean;
  readonly #sqlText = new Map<string, string>();

  constructor(db: Executor) {
    this.#postgres = isPostgres(db);
  }

  /** Inserts rows of values in column order, as many per statement as the engine's limit allows. */
  async insert(trx: Executor, table: string, columns: readonly string[], rows: Value[][]): Promise<void> {
    const perStatement = Math.max(
      1,
      Math.floor(MAX_PARAMS[this.#postgres ? 'postgres' : 'sqlite'] / columns.length),
    );
    for (let start = 0; start < rows.length; start += perStatement) {
      const batch = rows.slice(start, start + perStatement);
      const params: Value[] = [];
      for (const row of batch) for (const v of row) params.push(v);
      await trx.executeQuery(CompiledQuery.raw(this.#text(table, columns, batch.length), params));
    }
  }

  #text(table: string, columns: readonly string[], count: number): string {
    const key = `${table}:${count}`;
    let text = this.#sqlText.get(key);
    if (!text) {
      const width = columns.length;
      const tuples: string[] = [];
      for (let r = 0; r < count; r++) {
        const marks: string[] = [];
        for (let c = 0; c < width; c++) marks.push(this.#postgres ? `$${r * width + c + 1}` : '?');
        tuples.push(`(${marks.join(',')})`);
      }
      text = `insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`;
      this.#sqlText.set(key, text);
    }
    return text;
  }

  /** Writes a chunk of simulated cases with everything that hangs off them. */
  async writeChunk(
    trx: Executor,
    persons: NewPerson[],
    cases: SimCase[],
    locationPathOf: (c: SimCase) => string,
  ): Promise<void> {
    if (persons.length > 0) {
      await this.insert(
        trx,
        'persons',
        PERSON_COLUMNS,
        persons.map((p) => {
          const at = iso(p.createdAt);
          return [p.id, p.name, p.phone, null, null, p.unitId, 0, null, 1, at, at];
        }),
      );
    }
    await this.insert(
      trx,
      'cases',
      CASE_COLUMNS,
      cases.map((c) => caseRow(c, locationPathOf(c))),
    );
    const assignments: Value[][] = [];
    const events: Value[][] = [];
    const extensions: Value[][] = [];
    const callbacks: Value[][] = [];
    const reporters: Value[][] = [];
    for (const c of cases) {
      for (const a of c.assignments) {
        assignments.push([
          c.id,
          a.unit.id,
          a.unit.path,
          a.role,
          a.round,
          a.state,
          iso(a.dispatchedAt),
          a.dispatchedBy,
          iso(a.signDueAt),
          time(a.signedAt),
          a.signedBy,
          a.report,
          time(a.reportedAt),
          a.returnReason,
          time(a.endedAt),
        ]);
      }
      c.events.sort((a, b) => a.at - b.at);
      for (const e of c.events)
        events.push([
          c.id,
          iso(e.at),
          ...actorColumns(e.actor),
          e.action,
          e.from,
          e.to,
          e.unitId,
          e.note,
          e.data,
        ]);
      for (const x of c.extensions) {
        extensions.push([
          c.id,
          x.unitId,
          x.days,
          x.reason,
          x.state,
          x.requestedBy,
          iso(x.requestedAt),
          x.approvedDays,
          x.decidedBy,
          time(x.decidedAt),
          x.decisionNote,
          time(x.dueBefore),
          time(x.dueAfter),
        ]);
      }
      for (const b of c.callbacks) {
        callbacks.push([
          c.id,
          iso(b.at),
          b.byUser,
          flag(b.answered),
          b.solved === null ? null : flag(b.solved),
          b.rating,
          b.comment,
          flag(b.reopened),
        ]);
      }
      for (const p of c.reporters) reporters.push([c.id, p.personId, null, p.sourceCaseId, iso(p.addedAt)]);
    }
    await this.insert(trx, 'case_assignments', ASSIGNMENT_COLUMNS, assignments);
    await this.insert(trx, 'case_events', EVENT_COLUMNS, events);
    await this.insert(trx, 'case_extensions', EXTENSION_COLUMNS, extensions);
    await this.insert(trx, 'case_callbacks', CALLBACK_COLUMNS, callbacks);
    await this.insert(trx, 'case_reporters', REPORTER_COLUMNS, reporters);
    await insertSearchRows(
      trx,
      cases.map((c) => searchRowOf(c, locationPathOf(c))),
    );
  }
}

const NOTE_ACTION_SET = new Set<string>(NOTE_ACTIONS);

/** The case's words for the search index, as the service indexes a case it writes. */
function searchRowOf(c: SimCase, locationPath: string) {
  const d = c.draft;
  const notes = c.events.flatMap((e) => (e.note && NOTE_ACTION_SET.has(e.action) ? [e.note] : []));
  return {
    caseId: d.id,
    text: {
      title: d.title,
      description: d.description,
      address: d.address,
      resolution: c.resolution,
      notes,
      paths: [locationPath, c.leadUnit?.path ?? null, ...c.assignments.map((a) => a.unit.path)],
      registeredBy: d.registrar.actor.type === 'staff' ? d.registrar.actor.id : null,
    },
  };
}

function actorColumns(actor: SeedActor): [string, number | null, string] {
  return [actor.type, actor.id, actor.label];
}

/** The row of a case in CASE_COLUMNS order. */
function caseRow(c: SimCase, locationPath: string): Value[] {
  const d = c.draft;
  const place = d.place.community ?? d.place.street;
  const registered = iso(d.registeredAt);
  return [
    d.id,
    d.trackingNo,
    d.channel,
    d.kind,
    c.categoryId,
    d.title,
    d.description,
    '{}',
    flag(d.urgent),
    flag(c.sensitive),
    c.status,
    d.address,
    d.lat,
    d.lng,
    place?.id ?? null,
    d.place.street?.id ?? null,
    d.place.community?.id ?? null,
    locationPath,
    d.reporterId,
    flag(d.anonymous),
    null,
    c.leadUnit?.id ?? null,
    c.leadUnit?.path ?? null,
    c.triageReason,
    d.registrar.intakeUnitId,
    d.registrar.actor.type === 'staff' ? d.registrar.actor.id : null,
    registered,
    flag(c.answeredAtIntake),
    time(c.dispatchedAt),
    time(c.signDueAt),
    time(c.signedAt),
    time(c.resolveDueAt),
    time(c.dueSoonAt),
    c.slaState,
    time(c.resolvedAt),
    c.outcome,
    c.resolution,
    time(c.callbackAt),
    c.solved === null ? null : flag(c.solved),
    c.rating,
    time(c.closedAt),
    time(c.endedAt),
    flag(c.supervised),
    c.escalationLevel,
    c.returnCount,
    c.reopenCount,
    c.extendedDays,
    flag(c.repeated),
    c.repeatOfId,
    c.mergedIntoId,
    c.version,
    registered,
    iso(c.updatedAt),
  ];
}

/** Marks earlier cases, already written, as repeated by a later case of the same reporter. */
export async function markRepeated(trx: Executor, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await trx
      .updateTable('cases')
      .set({ repeated: 1 })
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
  }
}

/**
 * Reserves `count` ids of a table's id sequence and returns the first: later inserts by anyone else
 * get ids after the block, so the seed can write the block's ids itself.
 */
export async function reserveIds(db: Executor, table: 'cases' | 'persons', count: number): Promise<number> {
  if (isPostgres(db)) {
    const row = await sql<{ last: number }>`
      select setval(pg_get_serial_sequence(${table}, 'id'),
        greatest(nextval(pg_get_serial_sequence(${table}, 'id')), (select coalesce(max(id), 0) from ${sql.table(table)}) + 1) + ${count} - 1) as last`.execute(
      db,
    );
    return Number(row.rows[0]?.last) - count + 1;
  }
  return db.transaction().execute(async (trx) => {
    const max = await sql<{ m: number | null }>`select max(id) as m from ${sql.table(table)}`.execute(trx);
    const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(
      trx,
    );
    const first = Math.max(Number(max.rows[0]?.m ?? 0), Number(seq.rows[0]?.seq ?? 0)) + 1;
    const last = first + count - 1;
    if (seq.rows.length === 0)
      await sql`insert into sqlite_sequence (name, seq) values (${table}, ${last})`.execute(trx);
    else await sql`update sqlite_sequence set seq = ${last} where name = ${table}`.execute(trx);
    return first;
  });
}

/**
 * Reserves tracking numbers for each local day (`yyyymmdd` → how many), returning each day's first
 * sequence number; the counters then continue after them for cases registered through the API.
 */
export async function reserveTrackingNumbers(
  db: Executor,
  scope: string,
  perDay: Map<string, number>,
): Promise<Map<string, number>> {
  const days = [...perDay].filter(([, n]) => n > 0);
  const first = new Map<string, number>();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < days.length; i += 500) {
      const rows = await trx
        .insertInto('tracking_counters')
        .values(days.slice(i, i + 500).map(([day, n]) => ({ scope, day, last: n })))
        .onConflict((oc) =>
          oc.columns(['scope', 'day']).doUpdateSet({ last: sql`tracking_counters.last + excluded.last` }),
        )
        .returning(['day', 'last'])
        .execute();
      for (const row of rows) first.set(row.day, row.last - (perDay.get(row.day) ?? 0) + 1);
    }
  });
  return first;
}
