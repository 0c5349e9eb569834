import { describe, expect, it } from 'vitest';
import { casesVi } from './cases.messages.ts';
import {
  CASE_TRANSITION_ERRORS,
  CASE_TYPES,
  CLEARANCE_RATE_DEFINITION,
  type ClearanceCase,
  canMoveCase,
  caseTransitionError,
  clearanceRate,
  clearanceRateByGroup,
  defaultPenalCodeArticle,
  groupOf,
  typesOf,
} from './cases.rules.ts';
import { type BuiltinCaseType, CASE_GROUPS, CASE_STATUSES, CASE_TYPE_CODES, type CaseStatus } from './cases.schemas.ts';

const lookup = (key: string) =>
  key
    .replace(/^cases\./, '')
    .split('.')
    .reduce<unknown>((cur, part) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined), casesVi);

describe('case types and their Penal Code articles (Bộ luật Hình sự 2015, amended 2017)', () => {
  it('lists every type once, each with a group and a label', () => {
    expect(CASE_TYPES.map((t) => t.code)).toEqual([...CASE_TYPE_CODES]);
    for (const t of CASE_TYPES) expect(typeof lookup(t.labelKey)).toBe('string');
    for (const g of CASE_GROUPS) expect(typesOf(g).length).toBeGreaterThan(0);
  });

  it('puts theft, fraud and abuse of trust in one report group (BLHS Art. 173, 174, 175)', () => {
    expect(groupOf('theft')).toBe('theft_fraud');
    expect(groupOf('fraud')).toBe('theft_fraud');
    expect(groupOf('abuse_of_trust')).toBe('theft_fraud');
    expect(typesOf('theft_fraud')).toEqual(['theft', 'fraud', 'abuse_of_trust']);
    expect(['173', '174', '175']).toEqual(typesOf('theft_fraud').map(defaultPenalCodeArticle));
  });

  it('names the drug articles: storing 249, transporting 250, trading 251, organising use 255, harbouring use 256', () => {
    expect(defaultPenalCodeArticle('drug_storing')).toBe('249');
    expect(defaultPenalCodeArticle('drug_transporting')).toBe('250');
    expect(defaultPenalCodeArticle('drug_trading')).toBe('251');
    expect(defaultPenalCodeArticle('drug_organising_use')).toBe('255');
    expect(defaultPenalCodeArticle('drug_harbouring_use')).toBe('256');
  });

  it('leaves drug use without an article: it is not a crime under BLHS 2015', () => {
    expect(defaultPenalCodeArticle('drug_using')).toBeNull();
    expect(groupOf('drug_using')).toBe('drugs');
  });

  it('names firecracker trading 190 and storing 191 (banned goods), explosives 305, and no single article for setting them off', () => {
    expect(defaultPenalCodeArticle('firecracker_trading')).toBe('190');
    expect(defaultPenalCodeArticle('firecracker_storing')).toBe('191');
    expect(defaultPenalCodeArticle('explosives')).toBe('305');
    expect(defaultPenalCodeArticle('firecracker_using')).toBeNull();
    expect(typesOf('firecrackers')).toEqual(['firecracker_trading', 'firecracker_storing', 'firecracker_using', 'explosives']);
  });

  it('names gambling 321 and 322, assault 134, public disorder 318, road traffic 260', () => {
    expect(defaultPenalCodeArticle('gambling')).toBe('321');
    expect(defaultPenalCodeArticle('gambling_organising')).toBe('322');
    expect(defaultPenalCodeArticle('assault')).toBe('134');
    expect(defaultPenalCodeArticle('public_disorder')).toBe('318');
    expect(defaultPenalCodeArticle('traffic')).toBe('260');
    expect(defaultPenalCodeArticle('other')).toBeNull();
  });
});

describe('case states', () => {
  it('moves received → verifying → cleared → transferred / prosecuted, or closes without a crime', () => {
    expect(canMoveCase('received', 'verifying')).toBe(true);
    expect(canMoveCase('verifying', 'cleared')).toBe(true);
    expect(canMoveCase('cleared', 'transferred')).toBe(true);
    expect(canMoveCase('cleared', 'prosecuted')).toBe(true);
    expect(canMoveCase('cleared', 'closed_no_crime')).toBe(true);
    expect(canMoveCase('verifying', 'closed_no_crime')).toBe(true);
    expect(canMoveCase('received', 'closed_no_crime')).toBe(true);
    expect(canMoveCase('closed_no_crime', 'verifying')).toBe(true);
  });

  it('records the prosecution of a transferred case when the agency reports it back (BLTTHS 2015 Art. 147)', () => {
    expect(caseTransitionError('transferred', 'prosecuted')).toBeNull();
  });

  it('refuses the other moves, each with its message key', () => {
    const refused: [CaseStatus, CaseStatus, string][] = [
      ['verifying', 'verifying', 'cases.transition.sameStatus'],
      ['prosecuted', 'closed_no_crime', 'cases.transition.caseFinal'],
      ['transferred', 'verifying', 'cases.transition.caseFinal'],
      ['prosecuted', 'transferred', 'cases.transition.caseFinal'],
      ['received', 'cleared', 'cases.transition.verifyFirst'],
      ['closed_no_crime', 'cleared', 'cases.transition.verifyFirst'],
      ['received', 'transferred', 'cases.transition.clearFirst'],
      ['verifying', 'prosecuted', 'cases.transition.clearFirst'],
      ['closed_no_crime', 'prosecuted', 'cases.transition.clearFirst'],
      ['cleared', 'received', 'cases.transition.notAllowed'],
      ['verifying', 'received', 'cases.transition.notAllowed'],
    ];
    for (const [from, to, key] of refused) {
      expect(canMoveCase(from, to)).toBe(false);
      expect(caseTransitionError(from, to)).toBe(key);
    }
  });

  it('answers every refused move with a key that has a message, and allowed moves with null', () => {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        const error = caseTransitionError(from, to);
        expect(error === null).toBe(canMoveCase(from, to));
        if (error) {
          expect(CASE_TRANSITION_ERRORS).toContain(error);
          expect(typeof lookup(error)).toBe('string');
        }
      }
    }
  });
});

const period = { from: '2026-01-01', to: '2026-06-30' };
const many = (n: number, status: CaseStatus, type: BuiltinCaseType = 'theft', discoveredOn = '2026-03-15') =>
  Array.from({ length: n }, () => ({ status, type, group: groupOf(type), discoveredOn }));

describe('clearance rate (tỷ lệ điều tra làm rõ, domain-vn.md §9)', () => {
  it('divides the cases cleared by the cases that occurred: 21 of 25 is 0.84', () => {
    const cases = [
      ...many(15, 'cleared'),
      ...many(4, 'transferred'),
      ...many(2, 'prosecuted'),
      ...many(3, 'verifying'),
      ...many(1, 'received'),
    ];
    expect(clearanceRate(cases, period)).toEqual({ occurred: 25, cleared: 21, rate: 0.84 });
  });

  it('counts cleared, transferred and prosecuted as cleared', () => {
    for (const status of ['cleared', 'transferred', 'prosecuted'] as const) {
      expect(clearanceRate(many(1, status), period)).toEqual({ occurred: 1, cleared: 1, rate: 1 });
    }
    for (const status of ['received', 'verifying'] as const) {
      expect(clearanceRate(many(1, status), period)).toEqual({ occurred: 1, cleared: 0, rate: 0 });
    }
  });

  it('leaves a case closed without a crime out of both numbers', () => {
    const cases = [...many(21, 'cleared'), ...many(4, 'verifying'), ...many(5, 'closed_no_crime')];
    expect(clearanceRate(cases, period)).toEqual({ occurred: 25, cleared: 21, rate: 0.84 });
    expect(clearanceRate(many(3, 'closed_no_crime'), period)).toEqual({ occurred: 0, cleared: 0, rate: null });
  });

  it('is null for a period with no case', () => {
    expect(clearanceRate([], period)).toEqual({ occurred: 0, cleared: 0, rate: null });
  });

  it('counts cases by the day they were discovered (else the day they occurred), both bounds included', () => {
    const cases: ClearanceCase[] = [
      { status: 'cleared', discoveredOn: '2025-12-31' },
      { status: 'cleared', discoveredOn: '2026-01-01' },
      { status: 'verifying', discoveredOn: '2026-06-30' },
      { status: 'cleared', discoveredOn: '2026-07-01', occurredOn: '2026-06-20' },
    ];
    expect(clearanceRate(cases, period)).toEqual({ occurred: 2, cleared: 1, rate: 0.5 });
    const undated: ClearanceCase[] = [
      { status: 'cleared', discoveredOn: null, occurredOn: '2026-02-01' },
      { status: 'cleared', discoveredOn: null, occurredOn: '2025-02-01' },
    ];
    expect(clearanceRate(undated, period)).toEqual({ occurred: 1, cleared: 1, rate: 1 });
  });

  it('gives every report group its own figure', () => {
    const cases = [
      ...many(3, 'cleared', 'drug_trading'),
      ...many(1, 'verifying', 'drug_using'),
      ...many(2, 'transferred', 'fraud'),
      ...many(2, 'verifying', 'theft'),
      ...many(1, 'closed_no_crime', 'gambling'),
    ];
    const byGroup = clearanceRateByGroup(cases, period);
    expect(Object.keys(byGroup)).toEqual([...CASE_GROUPS]);
    expect(byGroup.drugs).toEqual({ occurred: 4, cleared: 3, rate: 0.75 });
    expect(byGroup.theft_fraud).toEqual({ occurred: 4, cleared: 2, rate: 0.5 });
    expect(byGroup.gambling).toEqual({ occurred: 0, cleared: 0, rate: null });
    expect(byGroup.firecrackers.rate).toBeNull();
  });

  it('publishes its definition in Vietnamese and English', () => {
    expect(CLEARANCE_RATE_DEFINITION.vi).toBe(casesVi.clearance.definition);
    expect(CLEARANCE_RATE_DEFINITION.vi).toContain('không có tội phạm');
    expect(CLEARANCE_RATE_DEFINITION.en).toContain('closed because there was no crime');
  });
});
