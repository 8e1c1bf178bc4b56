import { sql } from 'kysely';
import { type MigrationDb, makeAppendOnly, withId } from '../schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('function', 'text')
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('area', 'text')
    .addColumn('area_m2', 'double precision')
    .addColumn('min_lng', 'double precision')
    .addColumn('min_lat', 'double precision')
    .addColumn('max_lng', 'double precision')
    .addColumn('max_lat', 'double precision')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_path').on('units').column('path').execute();
  await db.schema.createIndex('units_parent').on('units').column('parent_id').execute();
  await db.schema.createIndex('units_function').on('units').columns(['function', 'kind']).execute();
  await db.schema
    .createIndex('units_bbox')
    .on('units')
    .columns(['min_lng', 'max_lng', 'min_lat', 'max_lat'])
    .execute();

  await withId(db, db.schema.createTable('persons'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('id_number', 'text')
    .addColumn('address', 'text')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_unit').on('persons').column('unit_id').execute();
  await db.schema.createIndex('persons_phone').on('persons').column('phone').execute();
  await db.schema.createIndex('persons_id_number').on('persons').column('id_number').execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('phone', 'text')
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('users_resident_phone')
    .on('users')
    .column('phone')
    .unique()
    .where(sql.ref('kind'), '=', 'resident')
    .execute();

  await withId(db, db.schema.createTable('role_bindings'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('role_bindings_unique', ['user_id', 'role', 'unit_id'])
    .execute();
  await db.schema.createIndex('role_bindings_unit').on('role_bindings').column('unit_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('otp_codes'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('otp_codes_phone').on('otp_codes').columns(['phone', 'created_at']).execute();

  await withId(db, db.schema.createTable('api_keys'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('record_grants'))
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('granted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('record_grants_unique', ['record_type', 'record_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_record')
    .on('audit_log')
    .columns(['record_type', 'record_id'])
    .execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await makeAppendOnly(db, 'audit_log');

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head')
    .values({ id: 1, last_seq: 0, last_hash: '0'.repeat(64) })
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const t of [
    'audit_head',
    'audit_log',
    'record_grants',
    'api_keys',
    'otp_codes',
    'sessions',
    'role_bindings',
    'users',
    'persons',
    'units',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
