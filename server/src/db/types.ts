import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The Database type Kysely checks every query against. Columns are dialect-neutral:
 * times are ISO 8601 UTC text, flags are integers 0/1, structured values are JSON text.
 */
export interface Database {
  units: UnitTable;
  users: UserTable;
  role_bindings: RoleBindingTable;
  sessions: SessionTable;
  otp_codes: OtpCodeTable;
  api_keys: ApiKeyTable;
  persons: PersonTable;
  record_grants: RecordGrantTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

export interface UnitTable {
  id: Generated<number>;
  code: string;
  parent_id: number | null;
  kind: string;
  function: string | null;
  name_zh: string;
  name_en: string;
  /** Materialised path of ids, `/1/4/23/`: a subtree is `path LIKE '/1/4/%'`. */
  path: string;
  depth: number;
  aliases: string;
  area: string | null;
  area_m2: number | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  kind: 'staff' | 'resident';
  username: string | null;
  display_name: string;
  password_hash: string | null;
  phone: string | null;
  person_id: number | null;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  is_demo: number;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RoleBindingTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  unit_id: number;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie's token: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface OtpCodeTable {
  id: Generated<number>;
  phone: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: number;
  used_at: string | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  unit_id: number;
  created_by: number | null;
  rate_limit_per_minute: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  phone: string | null;
  id_number: string | null;
  address: string | null;
  unit_id: number;
  confidential: number;
  created_by: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RecordGrantTable {
  id: Generated<number>;
  record_type: string;
  record_id: number;
  user_id: number;
  granted_by: number | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type PersonRow = Selectable<PersonTable>;
export type AuditRow = Selectable<AuditLogTable>;
