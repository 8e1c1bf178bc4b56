import type { Migration } from 'kysely';
import * as foundation from './20261129T0700-foundation.ts';
import * as cases from './20261129T0900-cases.ts';
import * as caseLinks from './20261129T1300-case-links.ts';
import * as contactPreference from './20261130T0900-contact-preference.ts';
import * as caseSearch from './20261201T0900-case-search.ts';
import * as suspectedDuplicates from './20261201T1000-suspected-duplicates.ts';
import * as routingModels from './20261201T1100-routing-models.ts';
import * as mediation from './20261202T0900-mediation.ts';

/** Every migration, by timestamped name. Never edit one that has landed: add a new one. */
export const migrations: Record<string, Migration> = {
  '20261129T0700-foundation': foundation,
  '20261129T0900-cases': cases,
  '20261129T1300-case-links': caseLinks,
  '20261130T0900-contact-preference': contactPreference,
  '20261201T0900-case-search': caseSearch,
  '20261201T1000-suspected-duplicates': suspectedDuplicates,
  '20261201T1100-routing-models': routingModels,
  '20261202T0900-mediation': mediation,
};
