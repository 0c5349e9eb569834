import { describe, expect, it } from 'vitest';
import { canBindRole, canContain, isSchoolEligibleForCertification, isUnitActiveOn } from './units.rules.ts';

describe('unit rules', () => {
  it('treats validity bounds as inclusive and open when missing', () => {
    const leMao = { validFrom: null, validTo: '2024-11-30' };
    expect(isUnitActiveOn(leMao, '2020-06-30')).toBe(true);
    expect(isUnitActiveOn(leMao, '2024-11-30')).toBe(true);
    expect(isUnitActiveOn(leMao, '2024-12-01')).toBe(false);
    expect(isUnitActiveOn({ validFrom: '2025-07-01', validTo: null }, '2025-06-30')).toBe(false);
  });

  it('keeps the tree shape: wards hold blocks and schools, blocks hold nothing', () => {
    expect(canContain('province', 'ward')).toBe(true);
    expect(canContain('ward', 'block')).toBe(true);
    expect(canContain('ward', 'school')).toBe(true);
    expect(canContain('block', 'block')).toBe(false);
    expect(canContain('province', 'block')).toBe(false);
  });

  it('excludes primary schools, preschools and nurseries from certification (TT 124/2021/TT-BCA Art. 1)', () => {
    expect(isSchoolEligibleForCertification('lower_secondary')).toBe(true);
    expect(isSchoolEligibleForCertification('upper_secondary')).toBe(true);
    expect(isSchoolEligibleForCertification('vocational')).toBe(true);
    expect(isSchoolEligibleForCertification('primary')).toBe(false);
    expect(isSchoolEligibleForCertification('preschool')).toBe(false);
    expect(isSchoolEligibleForCertification('nursery')).toBe(false);
    expect(isSchoolEligibleForCertification(null)).toBe(false);
  });

  it('binds police roles to commune-level units and block roles to blocks', () => {
    expect(canBindRole('chief', 'ward')).toBe(true);
    expect(canBindRole('chief', 'block')).toBe(false);
    expect(canBindRole('block_leader', 'block')).toBe(true);
    expect(canBindRole('admin', 'province')).toBe(true);
    expect(canBindRole('admin', 'ward')).toBe(false);
  });
});
