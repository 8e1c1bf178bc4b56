// The actions and record types the server writes to the audit log (grep recordAudit), grouped by
// domain so the filter can offer "all account changes" as well as one kind of change.

export const AUDIT_DOMAINS: Record<string, readonly string[]> = {
  auth: ['auth.login', 'auth.logout'],
  user: [
    'user.create',
    'user.update',
    'user.role_add',
    'user.role_remove',
    'user.password_reset',
    'user.unlock',
  ],
  apikey: ['apikey.create', 'apikey.revoke'],
  unit: ['unit.create', 'unit.update', 'unit.move', 'unit.deactivate', 'unit.reactivate', 'org.import'],
  category: [
    'category.create',
    'category.update',
    'category.activate',
    'category.deactivate',
    'category.import',
    'category_group.create',
    'category_group.update',
  ],
  calendar: ['calendar.publish', 'calendar.withdraw', 'calendar.working_hours'],
  person: ['person.create', 'person.update', 'person.grant', 'person.revoke', 'person.read_confidential'],
  case: ['case.register', 'case.read_sensitive'],
  system: ['system.seed_demo', 'system.seed_cases'],
};

/** Case actions come from the case history (`case.dispatch`, …) and are named by common:action. */
export const CASE_EVENT_ACTIONS = [
  'dispatch',
  'sign',
  'return',
  'request_extension',
  'decide_extension',
  'report_part',
  'resolve',
  'callback',
  'reopen',
  'supervise',
  'merge',
  'withdraw',
  'note',
  'contact',
  'answer',
  'attach',
  'auto_close',
] as const;

export const RECORD_TYPES = [
  'user',
  'session',
  'api_key',
  'unit',
  'category',
  'category_group',
  'calendar_year',
  'setting',
  'person',
  'case',
  'system',
] as const;

export const ACTOR_TYPES = ['staff', 'resident', 'apikey', 'system', 'anonymous'] as const;

/** `user.role_add` → the i18n key `audit.actions.user_role_add` (keys hold no dots). */
export function actionKey(action: string): string {
  return `audit.actions.${action.replace(/\./g, '_')}`;
}
