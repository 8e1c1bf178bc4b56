import type { Db } from '../../db/database.ts';
import { type Actor, can, pathWithin, scopeOf } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { generateApiKey } from '../../platform/auth/api-keys.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/time.ts';

function visibleKeys(db: Db, scope: string[]) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('units as u', 'u.id', 'k.unit_id')
    .select([
      'k.id',
      'k.name',
      'k.prefix',
      'k.unit_id',
      'k.rate_limit_per_minute',
      'k.created_at',
      'k.last_used_at',
      'k.revoked_at',
      'u.code',
      'u.name_zh',
      'u.name_en',
      'u.path',
    ])
    .where((eb) => pathWithin(eb, 'u.path', scope));
}

type KeyRow = Awaited<ReturnType<ReturnType<typeof visibleKeys>['executeTakeFirstOrThrow']>>;

function presentKey(k: KeyRow) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    unit: { id: k.unit_id, code: k.code, nameZh: k.name_zh, nameEn: k.name_en },
    rateLimitPerMinute: k.rate_limit_per_minute,
    createdAt: k.created_at,
    lastUsedAt: k.last_used_at,
    revokedAt: k.revoked_at,
  };
}

/** API keys of machine clients owned by units in the viewer's scope; secrets are never listed. */
export async function listApiKeys(db: Db, viewer: Actor) {
  const scope = scopeOf(viewer, 'apikey.manage');
  if (scope.length === 0) throw new AppError('access.denied');
  const rows = await visibleKeys(db, scope).orderBy('k.id').execute();
  return rows.map(presentKey);
}

/** Issues a key for a unit; the plain key is returned this once and only its hash is kept. */
export async function createApiKey(
  db: Db,
  ctx: AuditContext,
  input: { name: string; unitId: number; rateLimitPerMinute: number },
) {
  const unit = await db
    .selectFrom('units')
    .select(['path', 'active'])
    .where('id', '=', input.unitId)
    .executeTakeFirst();
  if (!unit || unit.active !== 1) {
    throw new AppError('request.invalid', { fields: 'body.unitId' }, [
      { path: 'body.unitId', code: 'not_found', message: 'unit not found' },
    ]);
  }
  if (!can(ctx.actor, 'apikey.manage', { unitPath: unit.path })) throw new AppError('access.denied');
  const generated = generateApiKey();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_keys')
      .values({
        name: input.name,
        prefix: generated.prefix,
        key_hash: generated.hash,
        unit_id: input.unitId,
        created_by: ctx.actor.type === 'staff' ? ctx.actor.userId : null,
        rate_limit_per_minute: input.rateLimitPerMinute,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'apikey.create',
      recordType: 'api_key',
      recordId: row.id,
      after: {
        name: input.name,
        prefix: generated.prefix,
        unitId: input.unitId,
        rateLimitPerMinute: input.rateLimitPerMinute,
      },
    });
    return row.id;
  });
  const key = await visibleKeys(db, scopeOf(ctx.actor, 'apikey.manage'))
    .where('k.id', '=', id)
    .executeTakeFirstOrThrow();
  return { apiKey: presentKey(key), key: generated.key };
}

/** Revokes a key at once; calls with it are refused from the next request on. */
export async function revokeApiKey(db: Db, ctx: AuditContext, id: number) {
  const scope = scopeOf(ctx.actor, 'apikey.manage');
  const key = await visibleKeys(db, scope).where('k.id', '=', id).executeTakeFirst();
  if (!key) throw new AppError('record.not_found');
  if (!key.revoked_at) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
      await recordAudit(trx, ctx, { action: 'apikey.revoke', recordType: 'api_key', recordId: id });
    });
  }
  const after = await visibleKeys(db, scope).where('k.id', '=', id).executeTakeFirstOrThrow();
  return presentKey(after);
}
