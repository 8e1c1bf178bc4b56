import { type MigrationDb, makeAppendOnly, withId } from '../schema-helpers.ts';

/**
 * The case engine: categories, the working calendar, cases with their assignments, history,
 * extensions, callbacks and attachments, tracking-number counters, idempotency keys, the staff
 * inbox and the job queue that carries side effects.
 */
export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('category_groups'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('categories'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('group_code', 'text', (c) => c.notNull().references('category_groups.code'))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_zh', 'text')
    .addColumn('description_en', 'text')
    // SCOPE:FUNCTION; null sends every case of the category to triage.
    .addColumn('route', 'text')
    // 1 = a dispatcher reviews every case of this category before it goes out.
    .addColumn('review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolve_workdays', 'integer', (c) => c.notNull())
    .addColumn('urgent_hours', 'integer', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of Open311-style attributes (code, datatype, required, names, values).
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Days that differ from the plain Monday–Friday week: statutory holidays and make-up working days.
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // holiday | workday
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Years whose schedule an administrator has published (the library covers only the years it ships).
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('published_by', 'integer')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('cases'))
    .addColumn('tracking_no', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('place_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('street_id', 'integer', (c) => c.references('units.id'))
    .addColumn('community_id', 'integer', (c) => c.references('units.id'))
    // Path of the smallest unit holding the place: scopes "cases located in my area".
    .addColumn('location_path', 'text')
    .addColumn('reporter_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resident_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('lead_unit_path', 'text')
    .addColumn('triage_reason', 'text')
    .addColumn('intake_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('registered_by', 'integer')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('answered_at_intake', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dispatched_at', 'text')
    .addColumn('sign_due_at', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('resolve_due_at', 'text')
    .addColumn('due_soon_at', 'text')
    // none | due_soon | overdue: what the sweep last found for the current deadline.
    .addColumn('sla_state', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('resolved_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('resolution', 'text')
    .addColumn('callback_at', 'text')
    .addColumn('solved', 'integer')
    .addColumn('rating', 'text')
    .addColumn('closed_at', 'text')
    // When the case stopped being open (closed, merged or withdrawn): the backlog's end.
    .addColumn('ended_at', 'text')
    .addColumn('supervised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extended_days', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 once the same reporter came back about the same category and place within 30 days.
    .addColumn('repeated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('repeat_of_id', 'integer')
    .addColumn('merged_into_id', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const caseIndexes: Array<[string, string[]]> = [
    ['cases_status', ['status', 'registered_at']],
    ['cases_registered', ['registered_at']],
    ['cases_lead_unit', ['lead_unit_id', 'status']],
    ['cases_lead_path', ['lead_unit_path']],
    ['cases_location_path', ['location_path']],
    ['cases_street', ['street_id', 'registered_at']],
    ['cases_community', ['community_id', 'registered_at']],
    ['cases_category', ['category_id', 'registered_at']],
    ['cases_reporter', ['reporter_id', 'registered_at']],
    ['cases_resident', ['resident_user_id', 'id']],
    ['cases_registrar', ['registered_by', 'registered_at']],
    ['cases_resolved', ['resolved_at']],
    ['cases_closed', ['closed_at']],
    ['cases_sla', ['status', 'sla_state']],
  ];
  for (const [name, columns] of caseIndexes) {
    await db.schema.createIndex(name).on('cases').columns(columns).execute();
  }

  // Additional reporters a case carries after duplicates were merged into it.
  await withId(db, db.schema.createTable('case_reporters'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('resident_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('source_case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_reporters_case').on('case_reporters').column('case_id').execute();

  // One row per unit a case was sent to, per dispatch round: the lead unit and its co-units.
  await withId(db, db.schema.createTable('case_assignments'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()) // lead | co
    .addColumn('round', 'integer', (c) => c.notNull())
    // dispatched | accepted | reported (co-unit's part done) | resolved | returned | cancelled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'text', (c) => c.notNull())
    .addColumn('dispatched_by', 'integer')
    .addColumn('sign_due_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'integer')
    .addColumn('report', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('case_assignments_case')
    .on('case_assignments')
    .columns(['case_id', 'round'])
    .execute();
  await db.schema
    .createIndex('case_assignments_unit')
    .on('case_assignments')
    .columns(['unit_id', 'state'])
    .execute();
  await db.schema.createIndex('case_assignments_path').on('case_assignments').column('unit_path').execute();
  // Returns (misroutes) by when they happened, for the figures.
  await db.schema
    .createIndex('case_assignments_ended')
    .on('case_assignments')
    .columns(['state', 'ended_at'])
    .execute();
  await db.schema
    .createIndex('case_assignments_dispatched')
    .on('case_assignments')
    .column('dispatched_at')
    .execute();

  // The case's history: one row per action, never rewritten.
  await withId(db, db.schema.createTable('case_events'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('unit_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'id']).execute();
  await makeAppendOnly(db, 'case_events');

  await withId(db, db.schema.createTable('case_extensions'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('requested_by', 'integer')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('approved_days', 'integer')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('due_before', 'text')
    .addColumn('due_after', 'text')
    .execute();
  await db.schema.createIndex('case_extensions_case').on('case_extensions').column('case_id').execute();
  await db.schema.createIndex('case_extensions_state').on('case_extensions').column('state').execute();

  await withId(db, db.schema.createTable('case_callbacks'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user', 'integer')
    // 1 = the reporter was reached and answered; 0 = no answer (the case stays resolved).
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addColumn('solved', 'integer')
    .addColumn('rating', 'text') // satisfied | basically_satisfied | dissatisfied
    .addColumn('comment', 'text')
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('case_callbacks_case').on('case_callbacks').column('case_id').execute();
  await db.schema.createIndex('case_callbacks_at').on('case_callbacks').column('at').execute();

  await withId(db, db.schema.createTable('case_attachments'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer')
    .addColumn('uploaded_label', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_attachments_case').on('case_attachments').column('case_id').execute();

  // Per-scope, per-day sequence for tracking numbers; the row lock makes it safe across processes.
  await db.schema
    .createTable('tracking_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tracking_counters_pk', ['scope', 'day'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_key', 'key'])
    .execute();

  await withId(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  // Figures of settled local days per unit subtree: a year's summary sums these instead of scanning.
  await db.schema
    .createTable('figure_days')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_days_pk', ['unit_id', 'day'])
    .execute();
  await db.schema.createIndex('figure_days_day').on('figure_days').column('day').execute();

  await withId(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | running | done | failed
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
}
