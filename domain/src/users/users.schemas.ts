import { z } from 'zod';
import { roleSchema } from '../access/roles.ts';
import { localeSchema, trimmed } from '../common/common.schemas.ts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** Usernames are compared in lower case; dots, dashes and underscores are allowed. */
export const usernameSchema = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.string().regex(USERNAME_PATTERN, { message: 'users.usernameFormat' }));

/** Passwords: at least 12 characters, any Unicode, never truncated (ASVS 6.2.1, 6.2.9). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
export const passwordSchema = z
  .string()
  .transform((v) => v.normalize('NFC'))
  .pipe(z.string().min(PASSWORD_MIN, { message: 'users.passwordTooShort' }).max(PASSWORD_MAX, { message: 'validation.tooLong' }));

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.uuid(),
  unitName: z.string(),
  wardId: z.uuid().nullable(),
  locale: localeSchema,
  totpEnabled: z.boolean(),
  isDisabled: z.boolean(),
  isLocked: z.boolean(),
  createdAt: z.date(),
  lastLoginAt: z.date().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: trimmed(1, 200),
  role: roleSchema,
  unitId: z.uuid(),
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  displayName: trimmed(1, 200).optional(),
  role: roleSchema.optional(),
  unitId: z.uuid().optional(),
  isDisabled: z.boolean().optional(),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.strictObject({ password: passwordSchema });

export const listUsersQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  role: roleSchema.optional(),
  unitId: z.uuid().optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const loginSchema = z.strictObject({
  username: z
    .string()
    .max(100)
    .transform((v) => v.trim().toLowerCase()),
  password: z
    .string()
    .max(PASSWORD_MAX)
    .transform((v) => v.normalize('NFC')),
});

export const totpCodeSchema = z.strictObject({
  code: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, { message: 'auth.totpFormat' })),
});

export const recoveryCodeSchema = z.strictObject({
  code: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{10}$/, { message: 'auth.recoveryFormat' })),
});

export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});

/** What the login endpoint answers: done, or which second step comes next. */
export const loginResultSchema = z.object({
  status: z.enum(['ok', 'totp_required', 'totp_enrol']),
  enrolment: totpEnrolmentSchema.optional(),
});

export const meSchema = z.object({
  user: userSchema,
  unit: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  actions: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;

export const setLocaleSchema = z.strictObject({ locale: localeSchema });

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export const createTokenSchema = z.strictObject({ name: trimmed(1, 100) });
