import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/types.ts';
import { type Actor, can, reaches, roleActions, scopeOf } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { loadActor } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import { PERSON_RECORD } from './people.policy.ts';
import { auditSnapshot, personResource, presentPerson } from './people.presenter.ts';
import {
  deleteGrant,
  findActiveStaff,
  findUnit,
  findVisiblePerson,
  hasGrant,
  insertGrant,
  insertPerson,
  listGrants,
  listVisiblePersons,
  type PersonFields,
  type PersonWithUnit,
  updatePersonIfVersion,
} from './people.repo.ts';
import type {
  CreatePersonBody,
  PersonGrantList,
  PersonList,
  PersonListQuery,
  PersonView,
  UpdatePersonBody,
} from './people.schema.ts';

type Conn = Kysely<Database>;

function staffId(actor: Actor): number | null {
  return actor.type === 'staff' ? actor.userId : null;
}

function invalidField(field: string, code: string, message: string): AppError {
  return new AppError('request.invalid', { fields: `body.${field}` }, [
    { path: `body.${field}`, code, message },
  ]);
}

/** The person if the viewer may read it; a hidden person answers exactly like a missing one. */
async function loadVisible(conn: Conn, viewer: Actor, id: number): Promise<PersonWithUnit> {
  const row = await findVisiblePerson(conn, viewer, id);
  if (!row || !can(viewer, 'person.read', personResource(row))) throw new AppError('record.not_found');
  return row;
}

/** An active unit the actor may register persons at; 400 when it does not exist, 403 when out of reach. */
async function manageableUnit(
  conn: Conn,
  actor: Actor,
  unitId: number,
): Promise<{ id: number; path: string }> {
  const unit = await findUnit(conn, unitId);
  if (!unit || unit.active !== 1) throw invalidField('unitId', 'not_found', 'unit not found');
  if (!can(actor, 'person.manage', { unitPath: unit.path })) throw new AppError('access.denied');
  return unit;
}

/** The unit of the actor's first role that may register persons: where a new person lands by default. */
function defaultUnitId(actor: Actor): number {
  const grant =
    actor.type === 'staff'
      ? actor.roles.find((g) => roleActions(g.role).includes('person.manage'))
      : undefined;
  if (!grant) throw new AppError('access.denied');
  return grant.unitId;
}

/** Re-reads a person just written; a change that would hide the record from its own author is refused. */
async function reloadAfterWrite(conn: Conn, actor: Actor, id: number): Promise<PersonWithUnit> {
  const row = await findVisiblePerson(conn, actor, id);
  if (!row) throw new AppError('access.denied');
  return row;
}

/** Persons the viewer may read, a page at a time (keyset on id); identifiers masked per the viewer's roles. */
export async function listPersons(db: Db, viewer: Actor, query: PersonListQuery): Promise<PersonList> {
  if (scopeOf(viewer, 'person.read').length === 0) throw new AppError('access.denied');
  let unitPath: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await findUnit(db, query.unitId);
    if (!unit) return { items: [], nextAfter: null };
    unitPath = unit.path;
  }
  const rows = await listVisiblePersons(db, viewer, {
    q: query.q,
    phone: query.phone,
    unitPath,
    after: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    // The SQL scope mirrors the read rule; the rule still has the last word on every row.
    items: page
      .filter((row) => can(viewer, 'person.read', personResource(row)))
      .map((row) => presentPerson(row, viewer, { listing: true })),
    nextAfter: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One person, or not-found when missing or out of the viewer's reach; a read of a confidential person is audited. */
export async function getPerson(db: Db, ctx: AuditContext, id: number): Promise<PersonView> {
  const row = await loadVisible(db, ctx.actor, id);
  if (row.confidential === 1) {
    await db.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx, {
        action: 'person.read_confidential',
        recordType: PERSON_RECORD,
        recordId: id,
        after: { via: Number(row.granted) === 1 ? 'grant' : 'role' },
      });
    });
  }
  return presentPerson(row, ctx.actor);
}

/**
 * Registers a person inside the caller's transaction (for modules that register a reporter or party
 * together with their own record) and audits it. A confidential person is granted to its author.
 */
export async function createPersonIn(
  trx: Transaction<Database>,
  ctx: AuditContext,
  input: CreatePersonBody,
): Promise<PersonWithUnit> {
  const unit = await manageableUnit(trx, ctx.actor, input.unitId ?? defaultUnitId(ctx.actor));
  const fields: PersonFields = {
    name: input.name,
    phone: input.phone ?? null,
    id_number: input.idNumber ?? null,
    address: input.address ?? null,
    unit_id: unit.id,
    confidential: input.confidential ? 1 : 0,
  };
  const author = staffId(ctx.actor);
  const id = await insertPerson(trx, fields, author);
  if (fields.confidential === 1 && author !== null) await insertGrant(trx, id, author, author);
  await recordAudit(trx, ctx, {
    action: 'person.create',
    recordType: PERSON_RECORD,
    recordId: id,
    after: auditSnapshot(fields),
  });
  return reloadAfterWrite(trx, ctx.actor, id);
}

/** Registers a person in one transaction with its audit entry. */
export async function createPerson(db: Db, ctx: AuditContext, input: CreatePersonBody): Promise<PersonView> {
  const row = await db.transaction().execute((trx) => createPersonIn(trx, ctx, input));
  return presentPerson(row, ctx.actor);
}

/** Column → the field's API name, which is also its key in the audit snapshot. */
const FIELD_NAMES: Record<keyof PersonFields, keyof ReturnType<typeof auditSnapshot>> = {
  name: 'name',
  phone: 'phone',
  id_number: 'idNumber',
  address: 'address',
  unit_id: 'unitId',
  confidential: 'confidential',
};

/**
 * Changes a person if `version` is still current (409 `record.conflict` otherwise), in one
 * transaction with its audit entry. Declassifying needs `person.grant`; classifying grants the author.
 */
export async function updatePerson(
  db: Db,
  ctx: AuditContext,
  id: number,
  input: UpdatePersonBody,
): Promise<PersonView> {
  const actor = ctx.actor;
  const row = await db.transaction().execute(async (trx) => {
    const before = await loadVisible(trx, actor, id);
    if (!can(actor, 'person.manage', personResource(before))) throw new AppError('access.denied');
    const current: PersonFields = {
      name: before.name,
      phone: before.phone,
      id_number: before.id_number,
      address: before.address,
      unit_id: before.unit_id,
      confidential: before.confidential,
    };
    const wanted: PersonFields = {
      name: input.name ?? current.name,
      phone: input.phone === undefined ? current.phone : input.phone,
      id_number: input.idNumber === undefined ? current.id_number : input.idNumber,
      address: input.address === undefined ? current.address : input.address,
      unit_id: input.unitId ?? current.unit_id,
      confidential: input.confidential === undefined ? current.confidential : input.confidential ? 1 : 0,
    };
    const changed = (Object.keys(wanted) as (keyof PersonFields)[]).filter((k) => wanted[k] !== current[k]);
    if (changed.length === 0) {
      if (before.version !== input.version) throw new AppError('record.conflict');
      return before;
    }
    if (changed.includes('unit_id')) await manageableUnit(trx, actor, wanted.unit_id);
    if (
      current.confidential === 1 &&
      wanted.confidential === 0 &&
      !can(actor, 'person.grant', personResource(before))
    ) {
      throw new AppError('access.denied');
    }
    const changes: Partial<PersonFields> = Object.fromEntries(changed.map((k) => [k, wanted[k]]));
    if (!(await updatePersonIfVersion(trx, id, input.version, changes)))
      throw new AppError('record.conflict');
    const author = staffId(actor);
    if (wanted.confidential === 1 && current.confidential === 0 && author !== null) {
      if (!(await hasGrant(trx, id, author))) await insertGrant(trx, id, author, author);
    }
    const was = auditSnapshot(current);
    const is = auditSnapshot(wanted);
    const pick = (s: typeof was) =>
      Object.fromEntries(changed.map((k) => [FIELD_NAMES[k], s[FIELD_NAMES[k]]]));
    await recordAudit(trx, ctx, {
      action: 'person.update',
      recordType: PERSON_RECORD,
      recordId: id,
      before: pick(was),
      after: { ...pick(is), changed: changed.map((k) => FIELD_NAMES[k]) },
    });
    return reloadAfterWrite(trx, actor, id);
  });
  return presentPerson(row, actor);
}

/** A visible person the actor may assign workers to (404 when hidden, 403 without `person.grant`). */
async function loadGrantable(conn: Conn, actor: Actor, id: number): Promise<PersonWithUnit> {
  const row = await loadVisible(conn, actor, id);
  if (!can(actor, 'person.grant', personResource(row))) throw new AppError('access.denied');
  return row;
}

async function presentGrants(conn: Conn, personId: number): Promise<PersonGrantList> {
  const rows = await listGrants(conn, personId);
  return {
    items: rows.map((g) => ({
      userId: g.user_id,
      username: g.username,
      displayName: g.display_name,
      grantedBy: g.granted_by,
      grantedAt: g.created_at,
    })),
  };
}

/** The staff explicitly assigned to a person. */
export async function listPersonGrants(db: Db, viewer: Actor, id: number): Promise<PersonGrantList> {
  await loadGrantable(db, viewer, id);
  return presentGrants(db, id);
}

/** Assigns a staff member to a (confidential) person; the grantee must already reach the person's unit. */
export async function grantPersonAccess(
  db: Db,
  ctx: AuditContext,
  id: number,
  userId: number,
): Promise<PersonGrantList> {
  return db.transaction().execute(async (trx) => {
    const person = await loadGrantable(trx, ctx.actor, id);
    if (!(await findActiveStaff(trx, userId)))
      throw invalidField('userId', 'not_found', 'staff account not found');
    const grantee = await loadActor(trx, userId);
    if (!grantee || !reaches(grantee, 'person.read', person.unit_path)) {
      throw new AppError('person.grantee_out_of_scope');
    }
    if (!(await hasGrant(trx, id, userId))) {
      await insertGrant(trx, id, userId, staffId(ctx.actor));
      await recordAudit(trx, ctx, {
        action: 'person.grant',
        recordType: PERSON_RECORD,
        recordId: id,
        after: { userId },
      });
    }
    return presentGrants(trx, id);
  });
}

/** Withdraws an assignment; revoking one that does not exist changes nothing. */
export async function revokePersonAccess(
  db: Db,
  ctx: AuditContext,
  id: number,
  userId: number,
): Promise<PersonGrantList> {
  return db.transaction().execute(async (trx) => {
    await loadGrantable(trx, ctx.actor, id);
    if (await deleteGrant(trx, id, userId)) {
      await recordAudit(trx, ctx, {
        action: 'person.revoke',
        recordType: PERSON_RECORD,
        recordId: id,
        before: { userId },
      });
    }
    return presentGrants(trx, id);
  });
}

/**
 * The person who reported a case, found by phone number or registered at `unitId` — for the case
 * engine, which records reporters from every channel (residents, volunteers, apps) whether or not
 * the actor may otherwise manage the register. Runs in the caller's transaction; creation is audited.
 */
export async function findOrCreateReporter(
  trx: Transaction<Database>,
  ctx: AuditContext,
  input: { name: string | null; phone: string },
  unitId: number,
): Promise<number> {
  const existing = await trx
    .selectFrom('persons')
    .select('id')
    .where('phone', '=', input.phone)
    .where('confidential', '=', 0)
    .orderBy('id')
    .executeTakeFirst();
  if (existing) return existing.id;
  const fields: PersonFields = {
    name: input.name ?? input.phone.slice(-4),
    phone: input.phone,
    id_number: null,
    address: null,
    unit_id: unitId,
    confidential: 0,
  };
  const id = await insertPerson(trx, fields, staffId(ctx.actor));
  await recordAudit(trx, ctx, {
    action: 'person.create',
    recordType: PERSON_RECORD,
    recordId: id,
    after: { ...auditSnapshot(fields), via: 'case_reporter' },
  });
  return id;
}
