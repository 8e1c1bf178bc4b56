import { sql } from 'kysely';
import { isPostgres, type MigrationDb, makeAppendOnly, withId } from '../schema-helpers.ts';

/**
 * People's mediation: mediator profiles, mediation cases with their parties, mediators, joint
 * organisations, sessions and investigations, evidence, history, agreements (调解协议书) with their
 * performance follow-ups and judicial-confirmation window, and the yearly case-number counters.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('mediator_profiles')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('employment', 'text', (c) => c.notNull()) // full_time | part_time
    .addColumn('specialties', 'text', (c) => c.notNull().defaultTo('[]')) // JSON array of text
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mediation_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mediation_counters_pk', ['scope', 'year'])
    .execute();

  await withId(db, db.schema.createTable('mediation_cases'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('lead_unit_path', 'text', (c) => c.notNull())
    .addColumn('source_case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('channel', 'text', (c) => c.notNull()) // case | walk_in | portal
    .addColumn('dispute_type', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('claims', 'text', (c) => c.notNull())
    .addColumn('oral_application', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('oral_record', 'text')
    .addColumn('street_id', 'integer', (c) => c.references('units.id'))
    .addColumn('community_id', 'integer', (c) => c.references('units.id'))
    .addColumn('place_path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('refusal_reason', 'text')
    .addColumn('routes_told', 'text') // JSON array: what other routes the parties were told of
    .addColumn('outcome_note', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('registered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mediation_cases_lead')
    .on('mediation_cases')
    .column('lead_unit_path')
    .execute();
  await db.schema.createIndex('mediation_cases_place').on('mediation_cases').column('place_path').execute();
  // One live mediation per case: a refused or withdrawn one leaves room for another.
  await db.schema
    .createIndex('mediation_cases_source')
    .on('mediation_cases')
    .column('source_case_id')
    .unique()
    .where(sql.ref('source_case_id'), 'is not', null)
    .where(sql.ref('status'), 'not in', ['refused', 'withdrawn'])
    .execute();

  await withId(db, db.schema.createTable('mediation_joint_units'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mediation_joint_units_unique', ['mediation_case_id', 'unit_id'])
    .execute();

  await withId(db, db.schema.createTable('mediation_mediators'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mediation_mediators_unique', ['mediation_case_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('mediation_parties'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // applicant | respondent | agent
    // For an agent: the party (a row of this table) they represent.
    .addColumn('represents_id', 'integer')
    .addColumn('agent_kind', 'text') // legal | entrusted, for agents
    .addColumn('relation', 'text') // how an agent stands to the party, or their firm
    .addColumn('sex', 'text')
    .addColumn('age', 'integer')
    .addColumn('ethnicity', 'text')
    .addColumn('occupation', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mediation_parties_case')
    .on('mediation_parties')
    .column('mediation_case_id')
    .execute();

  // Sessions (调解) and investigations (调查) alike: when, where, who was there, what was said and found.
  await withId(db, db.schema.createTable('mediation_records'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // session | investigation
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('subject', 'text') // investigations: who was asked or what was inspected
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull()) // JSON array of text
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mediation_records_case')
    .on('mediation_records')
    .column('mediation_case_id')
    .execute();

  await withId(db, db.schema.createTable('mediation_attachments'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('uploaded_by', 'integer')
    .addColumn('uploaded_label', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('mediation_events'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('mediation_events_case')
    .on('mediation_events')
    .column('mediation_case_id')
    .execute();
  await makeAppendOnly(db, 'mediation_events');

  await withId(db, db.schema.createTable('mediation_agreements'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull()) // written | oral
    .addColumn('status', 'text', (c) => c.notNull()) // draft | signed | superseded
    .addColumn('facts', 'text', (c) => c.notNull())
    // JSON arrays of text: one matter in dispute, one party's responsibility, one term per item.
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('responsibilities', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('performance_method', 'text', (c) => c.notNull())
    .addColumn('performance_due_on', 'text', (c) => c.notNull()) // local date
    .addColumn('concluded_on', 'text', (c) => c.notNull()) // local date
    .addColumn('place', 'text')
    .addColumn('supersedes_id', 'integer')
    .addColumn('superseded_by_id', 'integer')
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'integer')
    .addColumn('confirmation_due_on', 'text') // local date: signed + 30 days
    .addColumn('confirmation_reminded_7', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmation_reminded_2', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmation_applied_at', 'text')
    .addColumn('court_name', 'text')
    .addColumn('court_answer', 'text') // confirmed | rejected
    .addColumn('court_answered_at', 'text')
    .addColumn('court_reference', 'text')
    .addColumn('court_note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mediation_agreements_seq', ['mediation_case_id', 'seq'])
    .execute();

  await fixSignedAgreements(db);

  await withId(db, db.schema.createTable('mediation_followups'))
    .addColumn('mediation_case_id', 'integer', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('agreement_id', 'integer', (c) => c.notNull().references('mediation_agreements.id'))
    .addColumn('due_on', 'text', (c) => c.notNull()) // local date
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer')
    .addColumn('method', 'text') // 电话, 上门, ... as given
    .addColumn('result', 'text') // performed | partly_performed | not_performed
    .addColumn('result_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mediation_followups_due')
    .on('mediation_followups')
    .columns(['done_at', 'due_on'])
    .execute();
}

/** What an agreement says and when it was signed: fixed once it leaves draft. */
const FIXED_COLUMNS = [
  'form',
  'facts',
  'issues',
  'responsibilities',
  'terms',
  'performance_method',
  'performance_due_on',
  'concluded_on',
  'place',
  'signed_at',
  'supersedes_id',
];

/**
 * A signed agreement never changes (人民调解法: a change is a new agreement): the database refuses an
 * update of its content, whatever code tries it. Its status (superseded) and the judicial
 * confirmation still move.
 */
async function fixSignedAgreements(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    const changed = FIXED_COLUMNS.map((c) => `new.${c} is distinct from old.${c}`).join(' or ');
    await sql
      .raw(
        `create or replace function shequ_agreement_fixed() returns trigger language plpgsql as $$
         begin
           if old.status <> 'draft' and (${changed}) then
             raise exception 'a signed mediation agreement cannot be changed';
           end if;
           return new;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger mediation_agreements_fixed before update on mediation_agreements
         for each row execute function shequ_agreement_fixed()`,
      )
      .execute(db);
    return;
  }
  const changed = FIXED_COLUMNS.map((c) => `new.${c} is not old.${c}`).join(' or ');
  await sql
    .raw(
      `create trigger mediation_agreements_fixed before update on mediation_agreements
       when old.status <> 'draft' and (${changed})
       begin select raise(abort, 'a signed mediation agreement cannot be changed'); end`,
    )
    .execute(db);
}
