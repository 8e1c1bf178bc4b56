// Types of the HTTP API, picked out of the generated schema.ts (scripts/api-types.sh): the web app
// never restates a server shape by hand.
import type { paths } from './schema.ts';

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON a route answers with on success. */
export type Ok<P extends ApiPath, M extends Method = 'get'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** The JSON body a route takes. */
export type BodyOf<P extends ApiPath, M extends Method = 'post'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters a route takes. */
export type QueryOf<P extends ApiPath, M extends Method = 'get'> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type CaseDetail = Ok<'/api/cases/{id}'>;
export type CaseList = Ok<'/api/cases'>;
export type CaseSummary = CaseList['items'][number];
export type CaseListQuery = QueryOf<'/api/cases'>;
export type CaseAbilities = CaseDetail['abilities'];
export type CaseEvent = Ok<'/api/cases/{id}/events'>['items'][number];
export type RegisterCaseBody = BodyOf<'/api/cases'>;
export type IntakeResult = Ok<'/api/cases', 'post'>;
export type UnitRefView = NonNullable<CaseSummary['street']>;
export type NotificationList = Ok<'/api/notifications'>;
export type NotificationView = NotificationList['items'][number];
/** A case on a worklist: the summary with its latest return and any pending extension request. */
export type CaseListItem = CaseList['items'][number];
export type CaseCounts = Ok<'/api/cases/counts'>;
/** Full-text search: ranked cases, each with snippets of the fields that matched. */
export type SearchResult = Ok<'/api/search'>;
export type SearchItem = SearchResult['items'][number];
export type SearchHighlight = SearchItem['highlights'][number];
// The resident portal's views.
export type OtpSent = Ok<'/api/auth/otp/request', 'post'>;
export type PublicCaseView = Ok<'/api/public/cases/{trackingNo}'>;
export type PublicStepView = PublicCaseView['steps'][number];
export type MyCaseView = Ok<'/api/portal/cases/{trackingNo}'>;
export type MyCaseListView = Ok<'/api/portal/cases'>;
export type MyCaseSummaryView = MyCaseListView['items'][number];
export type RatingInput = BodyOf<'/api/portal/cases/{trackingNo}/rating'>;
export type CategorySuggestionList = Ok<'/api/public/category-suggestions', 'post'>;
export type SuggestedCategoryView = CategorySuggestionList['suggestions'][number];
export type PointPlaceView = Ok<'/api/public/places/point'>;
export type PublicCommunitiesView = Ok<'/api/org/public/communities'>;
export type CatalogueView = Ok<'/api/categories'>;
// Duplicates: likely earlier reports of a request being typed, or of a case.
export type DuplicateCandidateList = Ok<'/api/cases/duplicate-candidates', 'post'>;
export type DuplicateCandidate = DuplicateCandidateList['items'][number];
export type DuplicateReason = DuplicateCandidate['reasons'][number];
export type CaseDuplicates = Ok<'/api/cases/{id}/duplicates'>;
