import type { BodyOf, Ok } from '../../api/http.ts';
import { useRecordWithHistory } from '../../components/record/useRecordWithHistory.ts';
import { PLATFORM_TIME_ZONE } from '../../i18n/format.ts';

export type MediationDetail = Ok<'/api/mediation/{id}'>;
export type MediationList = Ok<'/api/mediation'>;
export type MediationSummary = MediationList['items'][number];
export type MediationEvent = Ok<'/api/mediation/{id}/events'>['items'][number];
export type MediationStatus = MediationSummary['status'];
export type DisputeType = MediationSummary['disputeType'];
export type PartyView = MediationSummary['parties'][number];
export type AgreementView = MediationDetail['agreements'][number];
export type MediationAbility = keyof MediationDetail['abilities'];
export type OtherRoute = MediationDetail['routesTold'][number];
export type MediatorList = Ok<'/api/mediation/mediators'>;
export type RegisterBody = BodyOf<'/api/mediation'>;
export type OpenFromCaseBody = BodyOf<'/api/mediation/from-case'>;
export type PartyInput = RegisterBody['parties'][number];
export type AgreementBody = BodyOf<'/api/mediation/{id}/agreements'>;

export const MEDIATION_STATUSES: MediationStatus[] = [
  'applied',
  'accepted',
  'in_progress',
  'agreed',
  'failed',
  'withdrawn',
  'refused',
];
export const DISPUTE_TYPES: DisputeType[] = [
  'neighbour',
  'family',
  'property',
  'commercial',
  'labour',
  'consumer',
  'other',
];
export const OTHER_ROUTES: OtherRoute[] = ['arbitration', 'litigation', 'administrative', 'letters_visits'];
/** Functions of the units that mediate (rooms, joint and labour centres). */
export const MEDIATION_FUNCTIONS = new Set(['MEDIATION', 'LABOUR_MEDIATION', 'COMMERCIAL_MEDIATION']);

/** The mediation case's own URL under /api. */
export const mediationPath = (id: number | string, rest = '') => `/api/mediation/${id}${rest}`;
export const agreementPdfUrl = (id: number, agreementId: number) =>
  mediationPath(id, `/agreements/${agreementId}.pdf`);
export const caseFilePdfUrl = (id: number) => mediationPath(id, '/file.pdf');
export const evidenceUrl = (id: number, attachmentId: number) =>
  mediationPath(id, `/attachments/${attachmentId}`);

/** Wall-clock date and time in Beijing, `YYYY-MM-DDTHH:mm`, whatever the device's zone. */
export function beijingWallClock(at: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: PLATFORM_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export const beijingToday = (at: Date = new Date()) => beijingWallClock(at).slice(0, 10);

/** A wall-clock `YYYY-MM-DDTHH:mm` read as Beijing time, as the instant the API takes. */
export const fromBeijing = (wallClock: string) => `${wallClock.slice(0, 16)}:00+08:00`;

export type { LoadFailure } from '../../components/record/useRecordWithHistory.ts';

/** The mediation case and its history, loaded together and reloaded after every action. */
export function useMediation(id: string | undefined) {
  return useRecordWithHistory<MediationDetail, MediationEvent>(id, mediationPath);
}

export { optionalText } from '../case/action-types.ts';

/** Lines of a text area as a list, blank lines dropped. */
export function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}
