import { z } from 'zod';
import { ROLES } from '../../platform/access.ts';
import { isValidMobile } from '../../platform/identity.ts';

export const Mobile = z
  .string()
  .trim()
  .refine(isValidMobile, { params: { i18n: 'mobile' } });

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const OtpRequestBody = z.object({ phone: Mobile });
export const OtpVerifyBody = z.object({
  phone: Mobile,
  code: z.string().refine((c) => /^\d{6}$/.test(c), { params: { i18n: 'otp' } }),
});

export const UnitRef = z.object({ id: z.number(), code: z.string(), nameZh: z.string(), nameEn: z.string() });

export const RoleView = z.object({ id: z.number(), role: z.enum(ROLES), unit: UnitRef });

export const UserView = z.object({
  id: z.number(),
  kind: z.enum(['staff', 'resident']),
  username: z.string().nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(RoleView),
  version: z.number(),
});
export type UserView = z.infer<typeof UserView>;

export const MeView = z.object({
  user: UserView,
  actions: z.array(z.string()),
  csrfToken: z.string().nullable(),
});

export const SessionStarted = z.object({ csrfToken: z.string(), user: UserView });

export const OtpSent = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number(),
  retryAfterSeconds: z.number(),
  /** The code itself, only when the server runs as a demo (no SMS gateway): never in production. */
  demoCode: z.string().optional(),
});

/** At least 8 characters mixing at least two of: letters, digits, other characters. */
export const NewPassword = z
  .string()
  .min(8)
  .max(200)
  .refine((p) => [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(p)).length >= 2, {
    params: { i18n: 'password_weak' },
  });

export const RoleInput = z.object({ role: z.enum(ROLES), unitId: z.number().int().positive() });

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .refine((u) => /^[a-z0-9][a-z0-9._-]*$/i.test(u), { params: { i18n: 'username' } }),
  displayName: z.string().trim().min(1).max(100),
  password: NewPassword,
  roles: z.array(RoleInput).min(1).max(20),
});

export const UpdateUserBody = z.object({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(100).optional(),
  active: z.boolean().optional(),
});

export const ResetPasswordBody = z.object({ password: NewPassword });

export const UserListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: z.enum(ROLES).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  /** With unitId: also accounts holding a role anywhere below that unit. */
  includeSubunits: z.enum(['true', 'false']).default('false'),
  active: z.enum(['true', 'false']).optional(),
  /** true: accounts locked out by failed sign-ins now; false: the others. */
  locked: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(0).optional(),
});

export const UserList = z.object({ items: z.array(UserView), nextAfter: z.number().nullable() });

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const RoleParams = z.object({
  id: z.coerce.number().int().positive(),
  bindingId: z.coerce.number().int().positive(),
});

export const ApiKeyView = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  unit: UnitRef,
  rateLimitPerMinute: z.number(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  unitId: z.number().int().positive(),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(60),
});
export const ApiKeyCreated = z.object({ apiKey: ApiKeyView, key: z.string() });
