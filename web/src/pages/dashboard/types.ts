// The figures API's answers as the dashboard reads them, picked from the generated schema.
import type { Ok } from '../../api/http.ts';

export type Summary = Ok<'/api/figures/summary'>;
export type Breakdown = Ok<'/api/figures/breakdown'>;
export type BreakdownRow = Breakdown['rows'][number];
export type Series = Ok<'/api/figures/series'>;
export type Areas = Ok<'/api/figures/areas'>;
export type AreaItem = Areas['areas'][number];
export type AttentionList = Ok<'/api/figures/cases'>;
export type AttentionCase = AttentionList['items'][number];
export type OrgTree = Ok<'/api/org/tree'>;
export type OrgNode = OrgTree['roots'][number];
export type FiguresNow = Summary['figures'];
export type Handling = Summary['handling'];
export type Rate = FiguresNow['rates']['onTime'];

/** The six figures of DOMAIN.md, in the order leaders read them. */
export const RATE_KEYS = [
  'oneTimeResolution',
  'satisfaction',
  'resolution',
  'onTime',
  'response',
  'firstContactResolution',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];
