// The server's shapes the intake page reads, picked from the generated API types.
import type { BodyOf, CaseSummary, Ok } from '../../api/http.ts';

export type Catalogue = Ok<'/api/categories'>;
export type CategoryGroup = Catalogue['groups'][number];
export type Category = CategoryGroup['categories'][number];
export type CategoryAttribute = Category['attributes'][number];
export type Communities = Ok<'/api/org/public/communities'>;
export type Street = Communities['streets'][number];
export type AddressResolution = NonNullable<Ok<'/api/org/resolve/address'>['result']>;
export type PersonList = Ok<'/api/persons'>;
export type RegisterBody = BodyOf<'/api/cases'>;
export type Channel = NonNullable<RegisterBody['channel']>;
export type CaseKind = NonNullable<RegisterBody['kind']>;
export type EarlierCase = CaseSummary;
