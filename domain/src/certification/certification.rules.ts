import type { CertUnitType, CriteriaSet, EvidenceKind } from './certification.criteria.ts';

/**
 * The rules of the "An toàn về an ninh, trật tự" recognition (TT 124/2021/TT-BCA as amended by TT 48/2025/TT-BCA), the
 * classification of the movement (QĐ 510/QĐ-BCA-V05 2022) and awards (TT 12/2019/TT-BCA Art. 2). Pure functions; each
 * names its article in `certification.rules.test.ts`. Dates are Vietnamese days, 'yyyy-mm-dd'.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/* ---------- who can be recognised (Art. 1–2) ---------- */

export type UnitFacts = {
  type: string;
  schoolLevel?: string | null;
  /** Enterprises: the size class of the Law on SME support (small and micro cannot be recognised). */
  enterpriseSize?: 'micro' | 'small' | 'medium' | 'large' | null;
  /** Agencies: a unit of the armed forces cannot be recognised. */
  armedForces?: boolean | null;
};

export const INELIGIBILITY_REASONS = ['notCertifiable', 'schoolLevel', 'enterpriseSize', 'enterpriseSizeUnknown', 'armedForces'] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

export type Eligibility = { eligible: true; certType: CertUnitType } | { eligible: false; reason: IneligibilityReason; article: string };

/** The unit tree's type → the type of the standard. */
export function certTypeOf(unitType: string): CertUnitType | null {
  switch (unitType) {
    case 'block':
      return 'residential_area';
    case 'ward':
    case 'commune':
    case 'special_zone':
      return 'ward';
    case 'agency':
    case 'enterprise':
    case 'school':
      return unitType;
    default:
      return null;
  }
}

/** TT 124/2021 excludes primary schools, preschools and nurseries (Art. 1); TT 23/2012 covered every school. */
export const INELIGIBLE_SCHOOL_LEVELS = ['nursery', 'preschool', 'primary'] as const;
/** The first evaluation year judged under TT 124/2021 (in force 10/02/2022). */
export const TT124_FIRST_YEAR = 2022;

/**
 * Whether a unit can be recognised in an evaluation year (TT 124/2021 Art. 1–2): residential areas, communes and wards,
 * agencies except the armed forces, enterprises except small and micro ones, schools except primary schools,
 * preschools and nurseries. Before 2022 (TT 23/2012) every school could be.
 */
export function eligibility(unit: UnitFacts, year: number): Eligibility {
  const certType = certTypeOf(unit.type);
  if (!certType) return { eligible: false, reason: 'notCertifiable', article: 'TT 124/2021 Art. 1' };
  if (
    certType === 'school' &&
    year >= TT124_FIRST_YEAR &&
    (INELIGIBLE_SCHOOL_LEVELS as readonly string[]).includes(unit.schoolLevel ?? '')
  ) {
    return { eligible: false, reason: 'schoolLevel', article: 'TT 124/2021 Art. 1' };
  }
  if (certType === 'enterprise') {
    if (!unit.enterpriseSize) return { eligible: false, reason: 'enterpriseSizeUnknown', article: 'TT 124/2021 Art. 1' };
    if (unit.enterpriseSize === 'micro' || unit.enterpriseSize === 'small') {
      return { eligible: false, reason: 'enterpriseSize', article: 'TT 124/2021 Art. 1' };
    }
  }
  if (certType === 'agency' && unit.armedForces) return { eligible: false, reason: 'armedForces', article: 'TT 124/2021 Art. 2.2' };
  return { eligible: true, certType };
}

/* ---------- the yearly cycle (Art. 3, 4.1, 8.2, 9) ---------- */

/**
 * The evaluation window of a year (Art. 8.2): residential areas 01/11 of the year before → 31/10; wards and
 * organisations 16/11 of the year before → 15/11. Both cross the calendar year.
 */
export function evaluationWindow(certType: CertUnitType, year: number): { from: string; to: string } {
  return certType === 'residential_area'
    ? { from: day(year - 1, 11, 1), to: day(year, 10, 31) }
    : { from: day(year - 1, 11, 16), to: day(year, 11, 15) };
}

/** The evaluation year a day falls in, for a type (the inverse of `evaluationWindow`). */
export function evaluationYearOf(certType: CertUnitType, on: string): number {
  const y = Number(on.slice(0, 4));
  return on > evaluationWindow(certType, y).to ? y + 1 : y;
}

/** Registration happens in the first quarter (Art. 4.1, 5.1, 6.1, 7.1). */
export function registrationPeriod(year: number): { from: string; to: string } {
  return { from: day(year, 1, 1), to: day(year, 3, 31) };
}

/** A residential area registers only when every household has (Art. 4.1: 100%). */
export function householdRegistrationMet(registered: number, total: number): boolean {
  return total > 0 && registered >= total;
}

/**
 * The decision deadlines (Art. 9.1): residential areas before 15/11, the others before 20/11. [V] TT 48/2025 changed
 * the route of dossiers after the district level ended; the days are kept as data here until the amended text is read.
 */
export const DECISION_DEADLINES: Record<CertUnitType, { month: number; day: number }> = {
  residential_area: { month: 11, day: 15 },
  ward: { month: 11, day: 20 },
  agency: { month: 11, day: 20 },
  enterprise: { month: 11, day: 20 },
  school: { month: 11, day: 20 },
};
export function decisionDeadline(certType: CertUnitType, year: number): string {
  const d = DECISION_DEADLINES[certType];
  return day(year, d.month, d.day);
}

/** The stages of a unit's year (Art. 9–10): registered, self-assessed at the meeting, dossier submitted, appraised, decided. */
export const CYCLE_STAGES = ['registered', 'self_assessed', 'submitted', 'appraised', 'decided'] as const;
export type CycleStage = (typeof CYCLE_STAGES)[number];
export const CYCLE_OUTCOMES = ['recognised', 'not_recognised'] as const;
export type CycleOutcome = (typeof CYCLE_OUTCOMES)[number];

/** The next stage after each step; a decided year is final (a new year starts a new cycle). */
export const NEXT_STAGE: Record<CycleStage, CycleStage | null> = {
  registered: 'self_assessed',
  self_assessed: 'submitted',
  submitted: 'appraised',
  appraised: 'decided',
  decided: null,
};

/**
 * The self-assessment meeting is held after the evaluation window closes (Art. 9.1): the day of the meeting must not be
 * before the window's last day.
 */
export function selfAssessmentTooEarly(certType: CertUnitType, year: number, meetingOn: string): boolean {
  return meetingOn < evaluationWindow(certType, year).to;
}

/* ---------- the ward rule (Art. 5.1, 5.4) ---------- */

export const WARD_RECOGNISED_SHARE = 70;

export type WardRuleInput = {
  /** Residential areas, agencies, enterprises and schools under the ward that can be recognised. */
  units: number;
  registered: number;
  recognised: number;
  /** Movement models running effectively in the year. */
  effectiveModels: number;
};
export type WardRuleProblem = 'noUnits' | 'notAllRegistered' | 'belowRecognisedShare' | 'noEffectiveModel';

/**
 * A ward meets Art. 5.4 when 100% of its units have registered and at least 70% of them are recognised, and Art. 5.1
 * when at least one movement model runs effectively. The share is compared in whole numbers (7 of 10 passes, 6 of 9 does
 * not).
 */
export function wardRuleProblems(input: WardRuleInput): WardRuleProblem[] {
  const problems: WardRuleProblem[] = [];
  if (input.units <= 0) problems.push('noUnits');
  else {
    if (input.registered < input.units) problems.push('notAllRegistered');
    if (input.recognised * 100 < WARD_RECOGNISED_SHARE * input.units) problems.push('belowRecognisedShare');
  }
  if (input.effectiveModels < 1) problems.push('noEffectiveModel');
  return problems;
}

/* ---------- recognitions in force ---------- */

/**
 * A recognition for an evaluation year is in force from its decision until the unit's next decision, and at most to
 * the end of the following calendar year (the result is the basis of the next year's awards, Art. 3). [V] the law does
 * not say how long a certificate lasts; this is the ward's reading.
 */
export function recognitionInForce(year: number, decidedOn: string, nextDecisionOn: string | null): { from: string; to: string } {
  const cap = day(year + 1, 12, 31);
  if (nextDecisionOn && nextDecisionOn > decidedOn) {
    const before = new Date(`${nextDecisionOn}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    const last = before.toISOString().slice(0, 10);
    return { from: decidedOn, to: [last, cap].sort()[0] as string };
  }
  return { from: decidedOn, to: cap };
}

export function overlaps(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/* ---------- classification of the movement (QĐ 510/QĐ-BCA-V05 2022) ---------- */

export const MOVEMENT_CLASSES = ['excellent', 'good', 'average', 'weak'] as const;
export type MovementClass = (typeof MOVEMENT_CLASSES)[number];

/**
 * Thresholds of the 100-point sheet, highest first. [V] QĐ 510/2022 classes in provincial practice are xuất sắc / khá /
 * trung bình; the points and the fourth class are a province's choice: data, not code.
 */
export const DEFAULT_CLASS_THRESHOLDS: readonly { cls: MovementClass; min: number }[] = [
  { cls: 'excellent', min: 90 },
  { cls: 'good', min: 70 },
  { cls: 'average', min: 50 },
  { cls: 'weak', min: 0 },
];

export function classify(
  score: number,
  thresholds: readonly { cls: MovementClass; min: number }[] = DEFAULT_CLASS_THRESHOLDS,
): MovementClass {
  const sorted = [...thresholds].sort((a, b) => b.min - a.min);
  return (sorted.find((t) => score >= t.min) ?? sorted[sorted.length - 1] ?? { cls: 'weak' as const }).cls;
}

export type SheetLine = { id: string; max: number; vi: string; en: string };

/**
 * The self-scoring sheet (QĐ 510/2022): lines and their maximum points, 100 in all. [V] abbreviated to its headings; a
 * province replaces it with its own lines.
 */
export const CLASSIFICATION_SHEET: Record<'residential_area' | 'other', readonly SheetLine[]> = {
  residential_area: [
    { id: 'leadership', max: 15, vi: 'Lãnh đạo, chỉ đạo, đăng ký, nghị quyết, kế hoạch', en: 'Leadership, registration, resolution, plan' },
    { id: 'outreach', max: 20, vi: 'Tuyên truyền, vận động, Ngày hội toàn dân bảo vệ ANTQ', en: 'Outreach and the National Security Day' },
    { id: 'models', max: 20, vi: 'Xây dựng, nhân rộng mô hình', en: 'Building and replicating models' },
    {
      id: 'results',
      max: 30,
      vi: 'Kết quả phòng, chống tội phạm, tệ nạn xã hội, hòa giải',
      en: 'Results against crime, social evils; mediation',
    },
    { id: 'force', max: 15, vi: 'Lực lượng tham gia bảo vệ ANTT ở cơ sở', en: 'The grassroots security force' },
  ],
  other: [
    { id: 'leadership', max: 15, vi: 'Nghị quyết, kế hoạch, chế độ báo cáo', en: 'Resolution, plan, reporting' },
    {
      id: 'participation',
      max: 15,
      vi: 'Tỷ lệ cán bộ, người lao động, người học tham gia',
      en: 'Share of staff, workers, learners taking part',
    },
    {
      id: 'outreach',
      max: 15,
      vi: 'Ngày hội toàn dân bảo vệ ANTQ và hoạt động chuyên đề',
      en: 'The National Security Day and themed activities',
    },
    { id: 'models', max: 20, vi: 'Mô hình, điển hình tiên tiến', en: 'Models and exemplars' },
    { id: 'results', max: 25, vi: 'Kết quả bảo đảm ANTT nội bộ', en: 'Internal security results' },
    { id: 'coordination', max: 10, vi: 'Quy chế phối hợp với Công an', en: 'Coordination rules with the police' },
  ],
};

export function sheetFor(certType: CertUnitType): readonly SheetLine[] {
  return CLASSIFICATION_SHEET[certType === 'residential_area' ? 'residential_area' : 'other'];
}

/** Scores must be whole points within each line's maximum; the total is out of 100. */
export function scoreSheet(certType: CertUnitType, scores: Record<string, number>): { total: number; bad: string[] } {
  const lines = sheetFor(certType);
  const bad = Object.keys(scores).filter((k) => !lines.some((l) => l.id === k));
  let total = 0;
  for (const l of lines) {
    const s = scores[l.id] ?? 0;
    if (!Number.isInteger(s) || s < 0 || s > l.max) bad.push(l.id);
    else total += s;
  }
  return { total, bad };
}

/** Classification dossiers (QĐ 510/2022 Art. 11): residential areas before 20/11, wards and organisations before 30/11. */
export function classificationDeadline(certType: CertUnitType, year: number): string {
  return certType === 'residential_area' ? day(year, 11, 20) : day(year, 11, 30);
}

/* ---------- awards (TT 12/2019/TT-BCA Art. 2; TT 22/2025/TT-BCA) ---------- */

export const AWARD_KINDS = ['emulation_flag', 'lead_flag', 'certificate_of_merit', 'commendation', 'medal'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
export const AWARD_RECIPIENTS = ['group', 'individual'] as const;
export type AwardRecipient = (typeof AWARD_RECIPIENTS)[number];
export const AWARD_STATUSES = ['proposed', 'granted', 'refused'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/** The medal goes to individuals; flags go to groups (TT 22/2025: the Ministry's emulation flag to ward police units). */
export function recipientFits(kind: AwardKind, recipient: AwardRecipient): boolean {
  if (kind === 'medal') return recipient === 'individual';
  if (kind === 'emulation_flag' || kind === 'lead_flag') return recipient === 'group';
  return true;
}

/**
 * No title or award to a group or person awaiting disciplinary review or still serving a disciplinary term (TT 12/2019
 * Art. 2). `disciplineUntil` is the last day of a term being served.
 */
export function awardRefusal(
  candidate: { underDisciplinaryReview: boolean; disciplineUntil: string | null },
  on: string,
): 'underDisciplinaryReview' | 'servingDiscipline' | null {
  if (candidate.underDisciplinaryReview) return 'underDisciplinaryReview';
  if (candidate.disciplineUntil && candidate.disciplineUntil >= on) return 'servingDiscipline';
  return null;
}

/* ---------- a province's own criteria and thresholds (TT 124/2021 Art. 8.1; QĐ 510/2022) ---------- */

/** A criterion a province adds to the national ones (TT 124/2021 Art. 8.1), as stored. */
export type ProvinceCriterionRecord = {
  id: string;
  article: string;
  unitTypes: readonly CertUnitType[];
  evidence: readonly EvidenceKind[];
  fromYear: number;
  toYear: number | null;
  labelVi: string;
  labelEn: string;
};

/** The answers name a province's criterion by its own id, apart from the national `<set>:<article>` ids. */
export const provinceCriterionId = (id: string) => `prov:${id}`;

/**
 * A province's criteria as criteria sets (one per criterion, each with its own years), to follow the national ones
 * in `criteriaFor` for the units of that province.
 */
export function provinceCriteriaSets(province: { code: string; name: string }, rows: readonly ProvinceCriterionRecord[]): CriteriaSet[] {
  return rows.map((r) => ({
    id: `province-${province.code}-${r.id}`,
    source: `Quy định của ${province.name}`,
    fromYear: r.fromYear,
    toYear: r.toYear,
    province: province.code,
    criteria: [
      {
        id: provinceCriterionId(r.id),
        article: r.article,
        unitTypes: r.unitTypes,
        evidence: r.evidence,
        indicators: [],
        vi: r.labelVi,
        en: r.labelEn,
      },
    ],
  }));
}

/** Whether a criterion comes from a province's own rules rather than a national text. */
export const isProvinceSet = (set: CriteriaSet) => set.province !== null;

export type ClassThresholds = Record<MovementClass, number>;

/** The defaults of QĐ 510/2022 as a province starts from them ([V] see DEFAULT_CLASS_THRESHOLDS). */
export const DEFAULT_THRESHOLDS: ClassThresholds = Object.fromEntries(
  DEFAULT_CLASS_THRESHOLDS.map((t) => [t.cls, t.min]),
) as ClassThresholds;

/**
 * A province's thresholds must classify every score from 0 to 100 into exactly one class: the lowest class starts at
 * 0 and each higher class needs strictly more points than the one below. Returns the classes that break the rule.
 */
export function thresholdProblems(t: ClassThresholds): MovementClass[] {
  const bad: MovementClass[] = [];
  if (t.weak !== 0) bad.push('weak');
  if (!(t.average > t.weak)) bad.push('average');
  if (!(t.good > t.average)) bad.push('good');
  if (!(t.excellent > t.good) || t.excellent > 100) bad.push('excellent');
  return bad;
}

export const thresholdList = (t: ClassThresholds) => MOVEMENT_CLASSES.map((cls) => ({ cls, min: t[cls] }));
