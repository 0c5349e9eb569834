import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { vi } from '../i18n/vi.ts';
import { CERT_UNIT_TYPES, criteriaFor, NATIONAL_CRITERIA_SETS, TT124_2021 } from './certification.criteria.ts';
import {
  awardRefusal,
  classificationDeadline,
  classify,
  decisionDeadline,
  eligibility,
  evaluationWindow,
  evaluationYearOf,
  householdRegistrationMet,
  INELIGIBILITY_REASONS,
  recipientFits,
  recognitionInForce,
  registrationPeriod,
  scoreSheet,
  selfAssessmentTooEarly,
  sheetFor,
  wardRuleProblems,
} from './certification.rules.ts';

describe('criteria as data (TT 124/2021 Art. 4–7, as amended by TT 48/2025)', () => {
  it('has unique ids, an article for each, and evidence', () => {
    for (const set of NATIONAL_CRITERIA_SETS) {
      const ids = set.criteria.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of set.criteria) {
        expect(c.article).toMatch(/Art\. \d/);
        expect(c.evidence.length).toBeGreaterThan(0);
        expect(c.vi.length).toBeGreaterThan(10);
        expect(c.en.length).toBeGreaterThan(10);
      }
    }
  });

  it('gives each unit type the articles of its own (Art. 4: 5 for residential areas, Art. 5: 4 for wards, Art. 6: 5, Art. 7: 6)', () => {
    const articles = (t: (typeof CERT_UNIT_TYPES)[number]) => criteriaFor(t, 2025).map((c) => c.criterion.article);
    expect(articles('residential_area')).toEqual(['Art. 4.1', 'Art. 4.2', 'Art. 4.3', 'Art. 4.4', 'Art. 4.5']);
    expect(articles('ward')).toEqual(['Art. 5.1', 'Art. 5.2', 'Art. 5.3', 'Art. 5.4']);
    expect(articles('agency')).toHaveLength(5);
    expect(articles('enterprise')).toEqual(articles('agency'));
    expect(articles('school')).toEqual(['Art. 7.1', 'Art. 7.2', 'Art. 7.3', 'Art. 7.4', 'Art. 7.5', 'Art. 7.6']);
  });

  it('reads years before 2022 under TT 23/2012 and from 2022 under TT 124/2021', () => {
    expect(criteriaFor('residential_area', 2020).map((c) => c.set.id)).toEqual(['tt23-2012']);
    expect(criteriaFor('residential_area', 2022).every((c) => c.set.id === TT124_2021.id)).toBe(true);
  });

  it('adds a province’s own criteria to its units only (Art. 8.1)', () => {
    const extra = {
      id: 'nghe-an-2025',
      source: 'QĐ mẫu của tỉnh',
      fromYear: 2025,
      toYear: null,
      province: 'nghe-an',
      criteria: [
        {
          id: 'na:1',
          article: 'Art. 1',
          unitTypes: ['residential_area'] as const,
          evidence: ['document'] as const,
          indicators: [],
          vi: 'Tiêu chí bổ sung của tỉnh',
          en: 'The province’s own criterion',
        },
      ],
    };
    expect(criteriaFor('residential_area', 2025, [extra], 'nghe-an').map((c) => c.criterion.id)).toContain('na:1');
    expect(criteriaFor('residential_area', 2025, [extra], 'ha-noi').map((c) => c.criterion.id)).not.toContain('na:1');
    expect(criteriaFor('residential_area', 2024, [extra], 'nghe-an').map((c) => c.criterion.id)).not.toContain('na:1');
  });
});

describe('eligibility (TT 124/2021 Art. 1–2)', () => {
  it('refuses primary schools, preschools and nurseries from 2022, with the reason and article', () => {
    for (const level of ['primary', 'preschool', 'nursery']) {
      expect(eligibility({ type: 'school', schoolLevel: level }, 2025)).toEqual({
        eligible: false,
        reason: 'schoolLevel',
        article: 'TT 124/2021 Art. 1',
      });
    }
    expect(eligibility({ type: 'school', schoolLevel: 'lower_secondary' }, 2025)).toEqual({ eligible: true, certType: 'school' });
    // TT 23/2012 covered every school: the 2020 figures stand.
    expect(eligibility({ type: 'school', schoolLevel: 'primary' }, 2020).eligible).toBe(true);
  });

  it('refuses small and micro enterprises and asks for the size when it is unknown', () => {
    expect(eligibility({ type: 'enterprise', enterpriseSize: 'small' }, 2025)).toMatchObject({ eligible: false, reason: 'enterpriseSize' });
    expect(eligibility({ type: 'enterprise', enterpriseSize: 'micro' }, 2025)).toMatchObject({ eligible: false, reason: 'enterpriseSize' });
    expect(eligibility({ type: 'enterprise' }, 2025)).toMatchObject({ eligible: false, reason: 'enterpriseSizeUnknown' });
    expect(eligibility({ type: 'enterprise', enterpriseSize: 'medium' }, 2025).eligible).toBe(true);
  });

  it('refuses armed-forces agencies (Art. 2.2) and units that are not recognised at all', () => {
    expect(eligibility({ type: 'agency', armedForces: true }, 2025)).toMatchObject({
      eligible: false,
      reason: 'armedForces',
      article: 'TT 124/2021 Art. 2.2',
    });
    expect(eligibility({ type: 'agency' }, 2025).eligible).toBe(true);
    expect(eligibility({ type: 'province' }, 2025)).toMatchObject({ eligible: false, reason: 'notCertifiable' });
    expect(eligibility({ type: 'block' }, 2025)).toEqual({ eligible: true, certType: 'residential_area' });
    expect(eligibility({ type: 'ward' }, 2025)).toEqual({ eligible: true, certType: 'ward' });
  });

  it('says every refusal in Vietnamese and English', () => {
    for (const r of INELIGIBILITY_REASONS) {
      expect(vi.certification.ineligible[r]).toBeTruthy();
      expect(en.certification.ineligible[r]).toBeTruthy();
    }
  });
});

describe('the yearly cycle (Art. 4.1, 8.2, 9.1)', () => {
  it('evaluates residential areas from 01/11 of the year before to 31/10, across the calendar year (Art. 8.2)', () => {
    expect(evaluationWindow('residential_area', 2020)).toEqual({ from: '2019-11-01', to: '2020-10-31' });
    expect(evaluationYearOf('residential_area', '2019-10-31')).toBe(2019);
    expect(evaluationYearOf('residential_area', '2019-11-01')).toBe(2020);
    expect(evaluationYearOf('residential_area', '2020-01-01')).toBe(2020);
  });

  it('evaluates wards and organisations from 16/11 of the year before to 15/11 (Art. 8.2)', () => {
    for (const t of ['ward', 'agency', 'enterprise', 'school'] as const) {
      expect(evaluationWindow(t, 2026)).toEqual({ from: '2025-11-16', to: '2026-11-15' });
    }
    expect(evaluationYearOf('school', '2025-11-15')).toBe(2025);
    expect(evaluationYearOf('school', '2025-11-16')).toBe(2026);
    expect(evaluationYearOf('ward', '2025-12-31')).toBe(2026);
  });

  it('registers in Q1 (Art. 4.1, 5.1) with 100% of households for a residential area (Art. 4.1)', () => {
    expect(registrationPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(householdRegistrationMet(412, 412)).toBe(true);
    expect(householdRegistrationMet(411, 412)).toBe(false);
    expect(householdRegistrationMet(0, 0)).toBe(false);
  });

  it('decides residential areas before 15/11 and the others before 20/11 (Art. 9.1)', () => {
    expect(decisionDeadline('residential_area', 2026)).toBe('2026-11-15');
    expect(decisionDeadline('ward', 2026)).toBe('2026-11-20');
    expect(decisionDeadline('school', 2026)).toBe('2026-11-20');
  });

  it('holds the self-assessment meeting once the window has ended (Art. 9.1)', () => {
    expect(selfAssessmentTooEarly('residential_area', 2026, '2026-10-30')).toBe(true);
    expect(selfAssessmentTooEarly('residential_area', 2026, '2026-10-31')).toBe(false);
    expect(selfAssessmentTooEarly('school', 2026, '2026-11-14')).toBe(true);
    expect(selfAssessmentTooEarly('school', 2026, '2026-11-15')).toBe(false);
  });

  it('keeps a recognition in force until the next decision, at most to the end of the following year', () => {
    expect(recognitionInForce(2019, '2019-11-12', null)).toEqual({ from: '2019-11-12', to: '2020-12-31' });
    expect(recognitionInForce(2019, '2019-11-12', '2020-11-10')).toEqual({ from: '2019-11-12', to: '2020-11-09' });
  });
});

describe('the ward rule (Art. 5.1 and 5.4): 100% registered, ≥ 70% recognised, ≥ 1 effective model', () => {
  it('passes at exactly 70% and fails just below', () => {
    expect(wardRuleProblems({ units: 10, registered: 10, recognised: 7, effectiveModels: 1 })).toEqual([]);
    expect(wardRuleProblems({ units: 10, registered: 10, recognised: 6, effectiveModels: 1 })).toEqual(['belowRecognisedShare']);
    // 6 of 9 is 66.7%; 7 of 9 is 77.8%.
    expect(wardRuleProblems({ units: 9, registered: 9, recognised: 6, effectiveModels: 1 })).toEqual(['belowRecognisedShare']);
    expect(wardRuleProblems({ units: 9, registered: 9, recognised: 7, effectiveModels: 1 })).toEqual([]);
    // 69.99…%: 6999 of 10000.
    expect(wardRuleProblems({ units: 10000, registered: 10000, recognised: 6999, effectiveModels: 1 })).toEqual(['belowRecognisedShare']);
  });

  it('needs every unit registered and one effective model', () => {
    expect(wardRuleProblems({ units: 12, registered: 11, recognised: 11, effectiveModels: 1 })).toEqual(['notAllRegistered']);
    expect(wardRuleProblems({ units: 12, registered: 12, recognised: 12, effectiveModels: 0 })).toEqual(['noEffectiveModel']);
    expect(wardRuleProblems({ units: 0, registered: 0, recognised: 0, effectiveModels: 1 })).toEqual(['noUnits']);
  });
});

describe('classification of the movement (QĐ 510/QĐ-BCA-V05 2022)', () => {
  it('has sheets of 100 points', () => {
    for (const t of CERT_UNIT_TYPES) expect(sheetFor(t).reduce((a, l) => a + l.max, 0)).toBe(100);
  });

  it('classifies by configurable thresholds [V] at their edges', () => {
    expect(classify(90)).toBe('excellent');
    expect(classify(89)).toBe('good');
    expect(classify(70)).toBe('good');
    expect(classify(69)).toBe('average');
    expect(classify(49)).toBe('weak');
    expect(
      classify(80, [
        { cls: 'excellent', min: 80 },
        { cls: 'average', min: 0 },
      ]),
    ).toBe('excellent');
  });

  it('refuses points above a line’s maximum or on unknown lines', () => {
    expect(scoreSheet('residential_area', { leadership: 15, outreach: 20 })).toEqual({ total: 35, bad: [] });
    expect(scoreSheet('residential_area', { leadership: 16 }).bad).toEqual(['leadership']);
    expect(scoreSheet('school', { nope: 1 }).bad).toEqual(['nope']);
  });

  it('sends residential areas’ sheets before 20/11 and the others’ before 30/11 (Art. 11)', () => {
    expect(classificationDeadline('residential_area', 2026)).toBe('2026-11-20');
    expect(classificationDeadline('enterprise', 2026)).toBe('2026-11-30');
  });
});

describe('awards (TT 12/2019/TT-BCA Art. 2; TT 22/2025/TT-BCA)', () => {
  it('refuses anyone under disciplinary review or serving a term (TT 12/2019 Art. 2)', () => {
    expect(awardRefusal({ underDisciplinaryReview: true, disciplineUntil: null }, '2026-12-10')).toBe('underDisciplinaryReview');
    expect(awardRefusal({ underDisciplinaryReview: false, disciplineUntil: '2026-12-10' }, '2026-12-10')).toBe('servingDiscipline');
    expect(awardRefusal({ underDisciplinaryReview: false, disciplineUntil: '2026-12-09' }, '2026-12-10')).toBeNull();
    expect(awardRefusal({ underDisciplinaryReview: false, disciplineUntil: null }, '2026-12-10')).toBeNull();
  });

  it('gives flags to groups and the medal to individuals', () => {
    expect(recipientFits('lead_flag', 'group')).toBe(true);
    expect(recipientFits('lead_flag', 'individual')).toBe(false);
    expect(recipientFits('medal', 'group')).toBe(false);
    expect(recipientFits('certificate_of_merit', 'individual')).toBe(true);
  });
});
