import type { BodyOf, Ok } from '../../../api/http.ts';
import type { Client } from '../../../api/workbench.ts';

/** What the portal sends to apply for mediation. */
export type MediationApplication = BodyOf<'/api/portal/mediations'>;
/** One of the resident's applications, with its status. */
export type MyMediationView = Ok<'/api/portal/mediations/{id}'>;
export type MyMediationListView = Ok<'/api/portal/mediations'>;
export type DisputeTypeCode = MediationApplication['disputeType'];

/** The dispute types a resident chooses from, in the order the form shows them. */
export const DISPUTE_TYPES: DisputeTypeCode[] = [
  'neighbour',
  'family',
  'property',
  'consumer',
  'commercial',
  'labour',
  'other',
];

/** The portal's calls about mediation, typed from the server's OpenAPI document. */
export function createMediationApi(client: Client) {
  return {
    apply: (body: MediationApplication) => client.post<MyMediationView>('/api/portal/mediations', body),
    mine: () => client.get<MyMediationListView>('/api/portal/mediations'),
  };
}
