import type { Role } from '../access/roles.ts';
import { CHILD_TYPES, type SchoolLevel, type UnitType, WARD_TYPES } from './units.schemas.ts';

/** Whether a unit is in force on a day (validity bounds are inclusive; a missing bound is open). */
export function isUnitActiveOn(unit: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  return (unit.validFrom === null || unit.validFrom <= day) && (unit.validTo === null || unit.validTo >= day);
}

/** Whether a unit of `child` type may be placed under a unit of `parent` type. */
export function canContain(parent: UnitType, child: UnitType): boolean {
  return CHILD_TYPES[parent].includes(child);
}

/**
 * Schools that can be recognised as "An toàn về ANTT": every level except primary schools, preschools and nurseries
 * (TT 124/2021/TT-BCA Art. 1).
 */
export function isSchoolEligibleForCertification(level: SchoolLevel | null): boolean {
  return level !== null && !['primary', 'preschool', 'nursery'].includes(level);
}

/** Which unit types each role may be bound to. */
export const ROLE_UNIT_TYPES: Record<Role, readonly UnitType[]> = {
  admin: ['province'],
  chief: WARD_TYPES,
  officer: WARD_TYPES,
  civil_guard: [...WARD_TYPES, 'block'],
  block_leader: ['block'],
  mediator: ['block'],
  school_staff: ['school'],
  viewer: ['province', 'district', ...WARD_TYPES],
};

/** Whether an account with this role may be bound to a unit of this type. */
export function canBindRole(role: Role, unitType: UnitType): boolean {
  return ROLE_UNIT_TYPES[role].includes(unitType);
}
