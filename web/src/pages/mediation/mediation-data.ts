import { useCallback, useEffect, useRef, useState } from 'react';
import type { BodyOf, Ok } from '../../api/http.ts';
import { ApiError } from '../../api/workbench.ts';
import { useClient } from '../../components/session.tsx';
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

/** How loading ended when it did not: hidden and missing look the same. */
export type LoadFailure = { kind: 'not_found' } | { kind: 'error'; message: string };

/** The mediation case and its history, loaded together and reloaded after every action. */
export function useMediation(id: string | undefined) {
  const client = useClient();
  const [detail, setDetail] = useState<MediationDetail | null>(null);
  const [events, setEvents] = useState<MediationEvent[]>([]);
  const [failure, setFailure] = useState<LoadFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    setLoading(true);
    try {
      if (!id || !/^\d+$/.test(id)) throw new ApiError(404, 'record.not_found', '');
      const [d, e] = await Promise.all([
        client.get<MediationDetail>(mediationPath(id)),
        client.get<Ok<'/api/mediation/{id}/events'>>(mediationPath(id, '/events')),
      ]);
      if (mine !== request.current) return;
      setDetail(d);
      setEvents(e.items);
      setFailure(null);
    } catch (error) {
      if (mine !== request.current) return;
      setDetail(null);
      setFailure(
        error instanceof ApiError && [400, 403, 404].includes(error.status)
          ? { kind: 'not_found' }
          : { kind: 'error', message: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, [client, id]);

  useEffect(() => void reload(), [reload]);

  /** An action answered with the case as it now is: show it at once, then fetch the history. */
  const applied = useCallback(
    async (next: MediationDetail) => {
      setDetail(next);
      await reload();
    },
    [reload],
  );

  return { detail, events, failure, loading, reload, applied };
}

/** A text typed in a form, or nothing when only spaces were typed. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Lines of a text area as a list, blank lines dropped. */
export function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}
