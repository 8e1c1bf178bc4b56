// Types of the administration APIs, picked from the generated schema (never restated by hand).
import type { ApiPath, BodyOf, Ok, QueryOf } from '../../api/http.ts';
import type { paths } from '../../api/schema.ts';

/** The JSON a route answers with when it creates something (201). */
export type Created<P extends ApiPath, M extends 'post' | 'put' = 'post'> = paths[P][M] extends {
  responses: { 201: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type UserView = Ok<'/api/users/{id}'>;
export type UserList = Ok<'/api/users'>;
export type UserListQuery = QueryOf<'/api/users'>;
export type RoleBinding = UserView['roles'][number];
export type RoleName = RoleBinding['role'];
export type CreateUserBody = BodyOf<'/api/users'>;

export type ApiKeyView = Ok<'/api/api-keys'>['items'][number];
export type ApiKeyCreated = Created<'/api/api-keys'>;
export type CreateApiKeyBody = BodyOf<'/api/api-keys'>;

export type OrgTree = Ok<'/api/org/tree'>;
export type OrgTreeNode = OrgTree['roots'][number];
export type UnitDetail = Ok<'/api/org/units/{id}'>;
export type UnitList = Ok<'/api/org/units'>;
export type UnitView = UnitList['items'][number];
export type CreateUnitBody = BodyOf<'/api/org/units'>;
export type UpdateUnitBody = BodyOf<'/api/org/units/{id}', 'patch'>;
export type OrgDocument = Ok<'/api/org/export'>;
export type OrgImportResult = Ok<'/api/org/import', 'post'>;
export type PointResolution = Ok<'/api/org/resolve/point'>;
export type AddressAnswer = Ok<'/api/org/resolve/address'>;

export type Catalogue = Ok<'/api/categories'>;
export type GroupWithCategories = Catalogue['groups'][number];
export type CategoryView = GroupWithCategories['categories'][number];
export type CategoryAttribute = CategoryView['attributes'][number];
export type CreateCategoryBody = BodyOf<'/api/categories'>;
export type UpdateCategoryBody = BodyOf<'/api/categories/{code}', 'patch'>;
export type CreateGroupBody = BodyOf<'/api/categories/groups'>;
export type UpdateGroupBody = BodyOf<'/api/categories/groups/{code}', 'patch'>;
export type TaxonomyDocument = Ok<'/api/categories/export'>;
export type TaxonomyImportResult = Ok<'/api/categories/import', 'post'>;

export type CalendarStatus = Ok<'/api/calendar/status'>;
export type YearDays = Ok<'/api/calendar/days'>;
export type CalendarDay = YearDays['days'][number];
export type ScheduleBody = BodyOf<'/api/calendar/years/{year}', 'put'>;
export type WorkingHours = Ok<'/api/calendar/working-hours'>;

export type AuditList = Ok<'/api/audit/'>;
export type AuditEntry = AuditList['items'][number];
export type AuditQuery = QueryOf<'/api/audit/'>;
export type AuditVerification = Ok<'/api/audit/verify'>;
