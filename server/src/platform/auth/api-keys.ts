import type { Db } from '../../db/database.ts';
import type { Actor } from '../access.ts';
import { nowIso } from '../time.ts';
import { randomToken, sha256 } from './crypto.ts';

export const API_KEY_PREFIX = 'shq_';

/** A new key in the form `shq_<8-char id>_<secret>`: the id is shown in lists, the whole key only once. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomToken(6).replace(/[-_]/g, 'x').slice(0, 8);
  const key = `${API_KEY_PREFIX}${prefix}_${randomToken(32)}`;
  return { key, prefix, hash: sha256(key) };
}

/** The actor behind an API key, or null when the key is unknown or revoked. */
export async function resolveApiKey(db: Db, key: string): Promise<Extract<Actor, { type: 'apikey' }> | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('units as u', 'u.id', 'k.unit_id')
    .select(['k.id', 'k.name', 'k.unit_id', 'k.revoked_at', 'k.last_used_at', 'u.path'])
    .where('k.key_hash', '=', sha256(key))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const now = nowIso();
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { type: 'apikey', keyId: row.id, name: row.name, unitId: row.unit_id, unitPath: row.path };
}
