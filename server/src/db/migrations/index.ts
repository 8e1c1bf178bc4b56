import type { Migration } from 'kysely';
import * as foundation from './20261129T0700-foundation.ts';
import * as cases from './20261129T0900-cases.ts';
import * as caseLinks from './20261129T1300-case-links.ts';
import * as contactPreference from './20261130T0900-contact-preference.ts';

/** Every migration, by timestamped name. Never edit one that has landed: add a new one. */
export const migrations: Record<string, Migration> = {
  '20261129T0700-foundation': foundation,
  '20261129T0900-cases': cases,
  '20261129T1300-case-links': caseLinks,
  '20261130T0900-contact-preference': contactPreference,
};
