import { z } from 'zod';
import { isValidIdNumber, isValidPhone, normalisePhone } from '../../platform/identity.ts';

/** A mainland mobile number; the error names the field in the caller's language. */
/** A mobile or a fixed line with its area code (callers ring the help line from both), kept normalised. */
export const PersonPhone = z
  .string()
  .trim()
  .transform(normalisePhone)
  .refine(isValidPhone, { params: { i18n: 'phone' } });

/** An 18-character citizen ID number with a correct GB 11643 check character (stored upper-case). */
export const PersonIdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidIdNumber, { params: { i18n: 'id_number' } });

const Name = z.string().trim().min(1).max(100);
const Address = z.string().trim().min(1).max(300);

export const CreatePersonBody = z.object({
  name: Name,
  phone: PersonPhone.nullable().optional(),
  idNumber: PersonIdNumber.nullable().optional(),
  address: Address.nullable().optional(),
  /** Where the person is registered; defaults to the unit of the caller's first role that may register persons. */
  unitId: z.number().int().positive().optional(),
  confidential: z.boolean().default(false),
});
export type CreatePersonBody = z.infer<typeof CreatePersonBody>;

export const UpdatePersonBody = z.object({
  version: z.number().int().positive(),
  name: Name.optional(),
  phone: PersonPhone.nullable().optional(),
  idNumber: PersonIdNumber.nullable().optional(),
  address: Address.nullable().optional(),
  unitId: z.number().int().positive().optional(),
  confidential: z.boolean().optional(),
});
export type UpdatePersonBody = z.infer<typeof UpdatePersonBody>;

export const PersonListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  phone: PersonPhone.optional(),
  /** Persons registered at this unit or anywhere below it. */
  unitId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(0).optional(),
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;

export const PersonParams = z.object({ id: z.coerce.number().int().positive() });
export const PersonGrantParams = z.object({
  id: z.coerce.number().int().positive(),
  userId: z.coerce.number().int().positive(),
});
export const GrantBody = z.object({ userId: z.number().int().positive() });

export const PersonUnit = z.object({
  id: z.number(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});

/** What the viewer may do to this record, so the UI shows only the buttons that work. */
export const PersonAbilities = z.object({
  update: z.boolean(),
  viewPhone: z.boolean(),
  viewIdNumber: z.boolean(),
  grant: z.boolean(),
});
export type PersonAbilities = z.infer<typeof PersonAbilities>;

export const PersonView = z.object({
  id: z.number(),
  name: z.string(),
  /** Whole only when the viewer may see it; otherwise `138****1234`. */
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  /** Whole only when the viewer may see it; otherwise the first 6 and last 4 characters. */
  idNumber: z.string().nullable(),
  idNumberMasked: z.boolean(),
  /** Derived from the ID number, and only when the ID number is shown whole. */
  birthDate: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  address: z.string().nullable(),
  unit: PersonUnit,
  confidential: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: PersonAbilities,
});
export type PersonView = z.infer<typeof PersonView>;

export const PersonList = z.object({ items: z.array(PersonView), nextAfter: z.number().nullable() });
export type PersonList = z.infer<typeof PersonList>;

export const PersonGrantView = z.object({
  userId: z.number(),
  username: z.string().nullable(),
  displayName: z.string(),
  grantedBy: z.number().nullable(),
  grantedAt: z.string(),
});
export const PersonGrantList = z.object({ items: z.array(PersonGrantView) });
export type PersonGrantList = z.infer<typeof PersonGrantList>;
