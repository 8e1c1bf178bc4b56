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
  category_groups: CategoryGroupTable;
  categories: CategoryTable;
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  settings: SettingTable;
  cases: CaseTable;
  case_reporters: CaseReporterTable;
  case_assignments: CaseAssignmentTable;
  case_events: CaseEventTable;
  case_extensions: CaseExtensionTable;
  case_callbacks: CaseCallbackTable;
  case_attachments: CaseAttachmentTable;
  tracking_counters: TrackingCounterTable;
  idempotency_keys: IdempotencyKeyTable;
  notifications: NotificationTable;
  jobs: JobTable;
  figure_days: FigureDayTable;
  case_search: CaseSearchTable;
  routing_models: RoutingModelTable;
  mediator_profiles: MediatorProfileTable;
  mediation_counters: MediationCounterTable;
  mediation_cases: MediationCaseTable;
  mediation_joint_units: MediationJointUnitTable;
  mediation_mediators: MediationMediatorTable;
  mediation_parties: MediationPartyTable;
  mediation_records: MediationRecordTable;
  mediation_attachments: MediationAttachmentTable;
  mediation_events: MediationEventTable;
  mediation_agreements: MediationAgreementTable;
  mediation_followups: MediationFollowupTable;
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

export interface CategoryGroupTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CategoryTable {
  id: Generated<number>;
  code: string;
  group_code: string;
  name_zh: string;
  name_en: string;
  description_zh: string | null;
  description_en: string | null;
  /** `SCOPE:FUNCTION`; null sends every case of the category to triage. */
  route: string | null;
  /** 1 = a dispatcher reviews every case before it goes out. */
  review: number;
  resolve_workdays: number;
  urgent_hours: number;
  sensitive: number;
  /** JSON array of Open311-style attribute definitions. */
  attributes: string;
  sort: number;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CalendarDayTable {
  /** Local date `YYYY-MM-DD`. */
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  entered_by: number | null;
  created_at: string;
}

export interface CalendarYearTable {
  year: number;
  published_by: number | null;
  published_at: string;
  note: string | null;
}

export interface SettingTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_by: number | null;
  updated_at: string;
}

export type CaseStatus =
  | 'received'
  | 'dispatched'
  | 'accepted'
  | 'resolved'
  | 'closed'
  | 'merged'
  | 'withdrawn';

export interface CaseTable {
  id: Generated<number>;
  tracking_no: string;
  channel: string;
  kind: string;
  category_id: number | null;
  title: string;
  description: string;
  /** JSON object: the category's extra fields. */
  attributes: string;
  urgent: number;
  sensitive: number;
  status: CaseStatus;
  address: string | null;
  lat: number | null;
  lng: number | null;
  place_unit_id: number | null;
  street_id: number | null;
  community_id: number | null;
  location_path: string | null;
  reporter_id: number | null;
  anonymous: number;
  /** sms | phone | none: how the reporter wants to hear back; null when not asked. */
  contact_preference: string | null;
  resident_user_id: number | null;
  lead_unit_id: number | null;
  lead_unit_path: string | null;
  triage_reason: string | null;
  intake_unit_id: number | null;
  registered_by: number | null;
  registered_at: string;
  answered_at_intake: number;
  dispatched_at: string | null;
  sign_due_at: string | null;
  signed_at: string | null;
  resolve_due_at: string | null;
  due_soon_at: string | null;
  sla_state: 'none' | 'due_soon' | 'overdue';
  resolved_at: string | null;
  outcome: string | null;
  resolution: string | null;
  callback_at: string | null;
  solved: number | null;
  rating: string | null;
  closed_at: string | null;
  ended_at: string | null;
  supervised: number;
  escalation_level: number;
  return_count: number;
  reopen_count: number;
  extended_days: number;
  repeated: number;
  repeat_of_id: number | null;
  merged_into_id: number | null;
  /** A portal or Open311 case that looks like this earlier open one, until a dispatcher confirms or dismisses. */
  suspected_duplicate_of_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CaseReporterTable {
  id: Generated<number>;
  case_id: number;
  person_id: number | null;
  resident_user_id: number | null;
  source_case_id: number;
  added_at: string;
}

export type AssignmentState = 'dispatched' | 'accepted' | 'reported' | 'resolved' | 'returned' | 'cancelled';

export interface CaseAssignmentTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  unit_path: string;
  role: 'lead' | 'co';
  round: number;
  state: AssignmentState;
  dispatched_at: string;
  dispatched_by: number | null;
  sign_due_at: string;
  signed_at: string | null;
  signed_by: number | null;
  report: string | null;
  reported_at: string | null;
  return_reason: string | null;
  ended_at: string | null;
}

/**
 * The full-text index of cases (modules/search/search.index.ts), one row per case. SQLite: a
 * contentless FTS5 table, rowid = case id, columns title and body (space-joined words; write-only).
 * PostgreSQL: case_id and terms (tsvector). Written and matched with raw SQL per engine.
 */
export interface CaseSearchTable {
  rowid: number;
  case_id: number;
  title: string;
  body: string;
  terms: string;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  actor_type: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  unit_id: number | null;
  note: string | null;
  /** JSON object: what changed. */
  data: string;
}

export interface CaseExtensionTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  days: number;
  reason: string;
  state: 'pending' | 'approved' | 'rejected';
  requested_by: number | null;
  requested_at: string;
  approved_days: number | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  due_before: string | null;
  due_after: string | null;
}

export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface CaseCallbackTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  by_user: number | null;
  answered: number;
  solved: number | null;
  rating: Rating | null;
  comment: string | null;
  reopened: number;
}

export interface CaseAttachmentTable {
  id: Generated<number>;
  case_id: number;
  sha256: string;
  file_name: string;
  mime_type: string;
  size: number;
  uploaded_by: number | null;
  uploaded_label: string;
  uploaded_at: string;
}

export interface TrackingCounterTable {
  scope: string;
  day: string;
  last: number;
}

export interface IdempotencyKeyTable {
  actor_key: string;
  key: string;
  request_hash: string;
  case_id: number;
  created_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  case_id: number | null;
  /** JSON object the message is formatted from. */
  params: string;
  created_at: string;
  read_at: string | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** JSON text. */
  payload: string;
  state: 'pending' | 'running' | 'done' | 'failed';
  run_at: string;
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export type CategoryRow = Selectable<CategoryTable>;
export type CaseRow = Selectable<CaseTable>;
export type NewCase = Insertable<CaseTable>;
export type CaseAssignmentRow = Selectable<CaseAssignmentTable>;
export type CaseEventRow = Selectable<CaseEventTable>;

export interface FigureDayTable {
  unit_id: number;
  /** Local date `YYYY-MM-DD`. */
  day: string;
  /** JSON: the day's counts and its registrations by channel, kind and status. */
  counts: string;
  computed_at: string;
}

export interface RoutingModelTable {
  id: Generated<number>;
  trained_at: string;
  /** `cli`, `job` or `seed`: what started the training. */
  trained_by: string;
  samples: number;
  /** Of the samples, how many were the platform's own closed cases (the rest: the seed corpus). */
  case_samples: number;
  /** JSON: held-out accuracy measured at training time. */
  metrics: string;
  /** JSON: the stored category model and the learnt place names. */
  model: string;
}

export interface MediatorProfileTable {
  user_id: number;
  employment: 'full_time' | 'part_time';
  /** JSON array of text. */
  specialties: string;
  active: number;
  version: number;
  updated_by: number | null;
  updated_at: string;
}

export interface MediationCounterTable {
  scope: string;
  year: string;
  last: number;
}

export type MediationStatus =
  | 'applied'
  | 'accepted'
  | 'refused'
  | 'in_progress'
  | 'agreed'
  | 'failed'
  | 'withdrawn';

export interface MediationCaseTable {
  id: Generated<number>;
  number: string;
  lead_unit_id: number;
  lead_unit_path: string;
  source_case_id: number | null;
  channel: 'case' | 'walk_in' | 'portal';
  dispute_type: 'neighbour' | 'family' | 'property' | 'commercial' | 'labour' | 'consumer' | 'other';
  facts: string;
  claims: string;
  oral_application: number;
  oral_record: string | null;
  street_id: number | null;
  community_id: number | null;
  /** Path of the smallest unit holding the place, like cases' location_path: what street and district roles reach. */
  place_path: string;
  status: MediationStatus;
  refusal_reason: string | null;
  /** JSON array: the other routes (arbitration, litigation, administrative, ...) the parties were told of. */
  routes_told: string | null;
  outcome_note: string | null;
  accepted_at: string | null;
  due_at: string | null;
  outcome_at: string | null;
  registered_by: number | null;
  registered_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MediationJointUnitTable {
  id: Generated<number>;
  mediation_case_id: number;
  unit_id: number;
  unit_path: string;
  added_at: string;
}

export interface MediationMediatorTable {
  id: Generated<number>;
  mediation_case_id: number;
  user_id: number;
  lead: number;
  assigned_at: string;
}

export interface MediationPartyTable {
  id: Generated<number>;
  mediation_case_id: number;
  person_id: number;
  role: 'applicant' | 'respondent' | 'agent';
  represents_id: number | null;
  agent_kind: 'legal' | 'entrusted' | null;
  relation: string | null;
  sex: 'male' | 'female' | null;
  age: number | null;
  ethnicity: string | null;
  occupation: string | null;
  sort: number;
}

export interface MediationRecordTable {
  id: Generated<number>;
  mediation_case_id: number;
  kind: 'session' | 'investigation';
  held_at: string;
  ends_at: string | null;
  subject: string | null;
  place: string;
  /** JSON array of text. */
  attendees: string;
  record: string;
  recorded_by: number | null;
  created_at: string;
}

export interface MediationAttachmentTable {
  id: Generated<number>;
  mediation_case_id: number;
  sha256: string;
  file_name: string;
  mime_type: string;
  size: number;
  description: string | null;
  uploaded_by: number | null;
  uploaded_label: string;
  uploaded_at: string;
}

export interface MediationEventTable {
  id: Generated<number>;
  mediation_case_id: number;
  at: string;
  actor_type: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  from_status: string;
  to_status: string;
  note: string | null;
  /** JSON object. */
  data: string;
}

export interface MediationAgreementTable {
  id: Generated<number>;
  mediation_case_id: number;
  seq: number;
  form: 'written' | 'oral';
  status: 'draft' | 'signed' | 'superseded';
  facts: string;
  /** JSON arrays of text. */
  issues: string;
  responsibilities: string;
  terms: string;
  performance_method: string;
  performance_due_on: string;
  concluded_on: string;
  place: string | null;
  supersedes_id: number | null;
  superseded_by_id: number | null;
  signed_at: string | null;
  signed_by: number | null;
  confirmation_due_on: string | null;
  confirmation_reminded_7: number;
  confirmation_reminded_2: number;
  confirmation_applied_at: string | null;
  court_name: string | null;
  court_answer: 'confirmed' | 'rejected' | null;
  court_answered_at: string | null;
  court_reference: string | null;
  court_note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface MediationFollowupTable {
  id: Generated<number>;
  mediation_case_id: number;
  agreement_id: number;
  due_on: string;
  what: string;
  reminded_at: string | null;
  done_at: string | null;
  done_by: number | null;
  method: string | null;
  result: 'performed' | 'partly_performed' | 'not_performed' | null;
  result_note: string | null;
  created_at: string;
}

export type MediationCaseRow = Selectable<MediationCaseTable>;
export type MediationAgreementRow = Selectable<MediationAgreementTable>;
