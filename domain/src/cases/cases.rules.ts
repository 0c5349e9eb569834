import type { Day } from '../calendar/calendar.rules.ts';
import { casesEn, casesVi } from './cases.messages.ts';
import { type BuiltinCaseType, CASE_GROUPS, CASE_TYPE_CODES, type CaseGroup, type CaseStatus } from './cases.schemas.ts';

/**
 * The Penal Code article each case type usually falls under: Bộ luật Hình sự 2015 (Luật 100/2015/QH13), amended by
 * Luật 12/2017/QH14. A case may turn out to be an administrative violation instead; the article is the one to look at,
 * not a charge. Null where no single article applies or the article is uncertain (see the notes); an officer can
 * record another article on the case (`penalCodeArticle`). [V] A 2025 amendment of the Code is believed to keep these
 * article numbers; check before relying on them.
 */
const CASE_TYPE_CATALOGUE: Record<BuiltinCaseType, { group: CaseGroup; penalCodeArticle: string | null; note?: string }> = {
  /** Tội mua bán trái phép chất ma túy. */
  drug_trading: { group: 'drugs', penalCodeArticle: '251' },
  /** Tội vận chuyển trái phép chất ma túy. */
  drug_transporting: { group: 'drugs', penalCodeArticle: '250' },
  /** Tội tàng trữ trái phép chất ma túy. */
  drug_storing: { group: 'drugs', penalCodeArticle: '249' },
  /** Tội tổ chức sử dụng trái phép chất ma túy. */
  drug_organising_use: { group: 'drugs', penalCodeArticle: '255' },
  /** Tội chứa chấp việc sử dụng trái phép chất ma túy. */
  drug_harbouring_use: { group: 'drugs', penalCodeArticle: '256' },
  drug_using: {
    group: 'drugs',
    penalCodeArticle: null,
    note: 'Using drugs is not a crime under BLHS 2015; it is an administrative violation (NĐ 144/2021/NĐ-CP) and may lead to a rehab dossier (Luật PCMT 2021 Art. 32).',
  },
  /** Tội sản xuất, buôn bán hàng cấm: firecrackers (pháo nổ) are banned goods named in Art. 190.1. */
  firecracker_trading: { group: 'firecrackers', penalCodeArticle: '190' },
  /** Tội tàng trữ, vận chuyển hàng cấm: firecrackers (pháo nổ) are named in Art. 191.1. */
  firecracker_storing: { group: 'firecrackers', penalCodeArticle: '191' },
  firecracker_using: {
    group: 'firecrackers',
    penalCodeArticle: null,
    note: 'Setting off firecrackers is an administrative violation; some cases that disturbed public order were charged under Art. 318 [V]. No single article: left null.',
  },
  /**
   * Tội chế tạo, tàng trữ, vận chuyển, sử dụng, mua bán trái phép hoặc chiếm đoạt vật liệu nổ. Cases of firecracker
   * powder (thuốc pháo) have been prosecuted under it, but whether a given powder is an explosive is for expert
   * examination: [V] record the article the investigation agency names.
   */
  explosives: { group: 'firecrackers', penalCodeArticle: '305' },
  /** Tội trộm cắp tài sản. */
  theft: { group: 'theft_fraud', penalCodeArticle: '173' },
  /** Tội lừa đảo chiếm đoạt tài sản. */
  fraud: { group: 'theft_fraud', penalCodeArticle: '174' },
  /** Tội lạm dụng tín nhiệm chiếm đoạt tài sản. */
  abuse_of_trust: { group: 'theft_fraud', penalCodeArticle: '175' },
  /** Tội đánh bạc. */
  gambling: { group: 'gambling', penalCodeArticle: '321' },
  /** Tội tổ chức đánh bạc hoặc gá bạc. */
  gambling_organising: { group: 'gambling', penalCodeArticle: '322' },
  /** Tội cố ý gây thương tích hoặc gây tổn hại cho sức khỏe của người khác. */
  assault: { group: 'assault', penalCodeArticle: '134' },
  /** Tội gây rối trật tự công cộng. */
  public_disorder: { group: 'disorder', penalCodeArticle: '318' },
  /** Tội vi phạm quy định về tham gia giao thông đường bộ. */
  traffic: { group: 'traffic', penalCodeArticle: '260' },
  other: { group: 'other', penalCodeArticle: null },
};

export type BuiltinCaseTypeEntry = {
  code: BuiltinCaseType;
  group: CaseGroup;
  /** Message key of the type's name (`cases.types.<code>` in cases.messages.ts). */
  labelKey: string;
  /** The BLHS 2015 article ("251"), or null when none applies or it is uncertain. */
  penalCodeArticle: string | null;
  note?: string;
};

/**
 * The built-in case types in display order (code, report group, label key, Penal Code article): the seed of the
 * catalogue an administrator then keeps (`case_types`).
 */
export const CASE_TYPES: readonly BuiltinCaseTypeEntry[] = CASE_TYPE_CODES.map((code) => ({
  code,
  labelKey: `cases.types.${code}`,
  ...CASE_TYPE_CATALOGUE[code],
}));

/** The report group of a case type (theft, fraud and abuse of trust report together as theft_fraud). */
export function groupOf(type: BuiltinCaseType): CaseGroup {
  return CASE_TYPE_CATALOGUE[type].group;
}

/** The case types of a report group, in catalogue order. */
export function typesOf(group: CaseGroup): BuiltinCaseType[] {
  return CASE_TYPE_CODES.filter((t) => CASE_TYPE_CATALOGUE[t].group === group);
}

/** The Penal Code article a type falls under by default, or null. */
export function defaultPenalCodeArticle(type: BuiltinCaseType): string | null {
  return CASE_TYPE_CATALOGUE[type].penalCodeArticle;
}

/**
 * Which status a case may move to. Verification may show there was no crime at any step before the case leaves the
 * ward; a case is transferred or prosecuted only once cleared (làm rõ), so that both imply clearance; a case transferred
 * to the investigation agency may later be marked prosecuted when the agency reports the decision back (BLTTHS 2015
 * Art. 147); a case closed without a crime may be reopened for verification when new information arrives.
 */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['verifying', 'closed_no_crime'],
  verifying: ['cleared', 'closed_no_crime'],
  cleared: ['transferred', 'prosecuted', 'closed_no_crime'],
  transferred: ['prosecuted'],
  prosecuted: [],
  closed_no_crime: ['verifying'],
};

export function canMoveCase(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** The message keys a refused move answers with. */
export const CASE_TRANSITION_ERRORS = [
  'cases.transition.sameStatus',
  'cases.transition.caseFinal',
  'cases.transition.verifyFirst',
  'cases.transition.clearFirst',
  'cases.transition.notAllowed',
] as const;
export type CaseTransitionError = (typeof CASE_TRANSITION_ERRORS)[number];

/** Null when the move is allowed; otherwise the message key that says why not. */
export function caseTransitionError(from: CaseStatus, to: CaseStatus): CaseTransitionError | null {
  if (canMoveCase(from, to)) return null;
  if (from === to) return 'cases.transition.sameStatus';
  if (from === 'prosecuted' || from === 'transferred') return 'cases.transition.caseFinal';
  if (to === 'cleared') return 'cases.transition.verifyFirst';
  if (to === 'transferred' || to === 'prosecuted') return 'cases.transition.clearFirst';
  return 'cases.transition.notAllowed';
}

/** The statuses that count as cleared (làm rõ) for the clearance rate. */
export const CLEARED_STATUSES: readonly CaseStatus[] = ['cleared', 'transferred', 'prosecuted'];
/** The statuses left out of the clearance rate altogether. */
export const CLEARANCE_EXCLUDED_STATUSES: readonly CaseStatus[] = ['closed_no_crime'];

/** The clearance rate's definition, to show beside the figure (the message `cases.clearance.definition`). */
export const CLEARANCE_RATE_DEFINITION = { vi: casesVi.clearance.definition, en: casesEn.clearance.definition } as const;

export type Period = { from: Day; to: Day };
/** A case as the clearance rate sees it; a case with no discovery day recorded counts by the day it occurred. */
export type ClearanceCase = { status: CaseStatus; discoveredOn: Day | null; occurredOn?: Day };
export type ClearanceFigure = { occurred: number; cleared: number; rate: number | null };

export function isClearedStatus(status: CaseStatus): boolean {
  return CLEARED_STATUSES.includes(status);
}

/**
 * Tỷ lệ điều tra làm rõ (domain-vn.md §9): cases cleared ÷ cases that occurred, over the cases discovered within the
 * period (both bounds inclusive). A case counts by its discovery day (its occurrence day when none is recorded), so
 * that a period's figures do not grow when an old incident comes to light later. Cleared means cleared, transferred or prosecuted — each is reached only through
 * clearance (`CASE_TRANSITIONS`) — by the status when the figure is computed. A case closed without a crime is left
 * out of both numerator and denominator: there was no crime to clear, and counting it either way would move the rate
 * for a reason that has nothing to do with solving crimes. Null when no case counts.
 */
export function clearanceRate(cases: readonly ClearanceCase[], period: Period): ClearanceFigure {
  let occurred = 0;
  let cleared = 0;
  for (const c of cases) {
    const day = c.discoveredOn ?? c.occurredOn;
    if (day === undefined || day < period.from || day > period.to) continue;
    if (CLEARANCE_EXCLUDED_STATUSES.includes(c.status)) continue;
    occurred += 1;
    if (isClearedStatus(c.status)) cleared += 1;
  }
  return { occurred, cleared, rate: occurred === 0 ? null : cleared / occurred };
}

/** `clearanceRate` for each report group, every group present. */
export function clearanceRateByGroup(
  cases: readonly (ClearanceCase & { group: CaseGroup })[],
  period: Period,
): Record<CaseGroup, ClearanceFigure> {
  return Object.fromEntries(
    CASE_GROUPS.map((group) => [
      group,
      clearanceRate(
        cases.filter((c) => c.group === group),
        period,
      ),
    ]),
  ) as Record<CaseGroup, ClearanceFigure>;
}
