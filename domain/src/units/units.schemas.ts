import { z } from 'zod';
import { dateOnly, trimmed } from '../common/common.schemas.ts';

/**
 * Unit types. Administrative levels after the 2025 reform are province → commune level (xã, phường, đặc khu);
 * the district level (quận, huyện, thành phố thuộc tỉnh) is kept only for historic units (domain-vn.md §7).
 */
export const UNIT_TYPES = ['province', 'district', 'ward', 'commune', 'special_zone', 'block', 'school', 'agency', 'enterprise'] as const;
export const unitTypeSchema = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof unitTypeSchema>;

/** School levels; primary schools, preschools and nurseries cannot be certified (TT 124/2021 Art. 1). */
export const SCHOOL_LEVELS = [
  'nursery',
  'preschool',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'vocational',
  'university',
  'other',
] as const;
export const schoolLevelSchema = z.enum(SCHOOL_LEVELS);
export type SchoolLevel = z.infer<typeof schoolLevelSchema>;

export const unitContactSchema = z.object({
  phone: z.string().max(40).nullable(),
  email: z.string().max(200).nullable(),
  address: z.string().max(500).nullable(),
});

export const unitSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  wardId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  type: unitTypeSchema,
  schoolLevel: schoolLevelSchema.nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  predecessorIds: z.array(z.uuid()),
  successorIds: z.array(z.uuid()),
  isDemo: z.boolean(),
  isActive: z.boolean(),
  contact: unitContactSchema,
  note: z.string().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

const code = z
  .string()
  .transform((v) => v.trim())
  .pipe(
    z
      .string()
      .min(1, { message: 'validation.required' })
      .max(40, { message: 'validation.tooLong' })
      .regex(/^[A-Za-z0-9._-]+$/, { message: 'units.codeFormat' }),
  );
const email = z.union([z.email(), z.literal('')]).transform((v) => v || null);
const optional = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => v.trim() || null)
    .nullable()
    .optional();

export const createUnitSchema = z.strictObject({
  parentId: z.uuid(),
  code,
  name: trimmed(1, 200),
  type: unitTypeSchema,
  schoolLevel: schoolLevelSchema.nullable().optional(),
  validFrom: dateOnly.nullable().optional(),
  validTo: dateOnly.nullable().optional(),
  predecessorIds: z.array(z.uuid()).max(50).optional(),
  contactPhone: optional(40),
  contactEmail: email.nullable().optional(),
  contactAddress: optional(500),
  note: optional(2000),
});
export type CreateUnitInput = z.input<typeof createUnitSchema>;

export const updateUnitSchema = createUnitSchema.omit({ parentId: true, type: true }).partial();
export type UpdateUnitInput = z.input<typeof updateUnitSchema>;

export const listUnitsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  type: unitTypeSchema.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

/** Which child types each unit type may hold. */
export const CHILD_TYPES: Record<UnitType, readonly UnitType[]> = {
  province: ['district', 'ward', 'commune', 'special_zone', 'agency', 'enterprise'],
  district: ['ward', 'commune', 'agency', 'enterprise', 'school'],
  ward: ['block', 'school', 'agency', 'enterprise'],
  commune: ['block', 'school', 'agency', 'enterprise'],
  special_zone: ['block', 'school', 'agency', 'enterprise'],
  block: [],
  school: [],
  agency: [],
  enterprise: [],
};

/** Commune-level units: each one is a tenant of the system. */
export const WARD_TYPES: readonly UnitType[] = ['ward', 'commune', 'special_zone'];

export function isWardType(type: UnitType): boolean {
  return WARD_TYPES.includes(type);
}
