import { z } from 'zod';

/** The roles of Bình An, each bound to one unit (product brief, "Who uses it"). */
export const ROLES = ['admin', 'chief', 'officer', 'civil_guard', 'block_leader', 'mediator', 'school_staff', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Police roles and administrators must pass a second factor (security.md G19, ASVS 6.3.3). */
export const ROLES_REQUIRING_TOTP: readonly Role[] = ['admin', 'chief', 'officer'];

/** Whether a role must log in with a TOTP code as well as a password. */
export function isTotpRequired(role: Role): boolean {
  return ROLES_REQUIRING_TOTP.includes(role);
}
