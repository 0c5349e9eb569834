import { addWorkingDays, type Day } from '../calendar/calendar.rules.ts';
import type { RehabAttachmentKind, RehabDecisionOutcome, RehabDossierStatus } from './rehab.schemas.ts';
import { REHAB_ATTACHMENT_KINDS } from './rehab.schemas.ts';

/**
 * The rules for compulsory-rehab dossiers by the day the person was found in an Art. 32 case (domain-vn.md §6). A new
 * row is added when the law changes; a dossier keeps the rules of its day. The 2025 rows carry what domain-vn.md marks
 * [V] in `toVerify`. Luật Phòng, chống ma túy 2025 (120/2025/QH15) will need a row once its effective date and the
 * body that decides compulsory rehab under it are confirmed.
 */
export const REHAB_DOSSIER_RULES = [
  {
    from: '2022-01-01',
    /** The commune police chief draws up the dossier within 5 working days of finding the person in an Art. 32 case. */
    compileWorkingDays: 5,
    /** The court that decides: district court (Tòa án nhân dân cấp huyện). */
    court: 'district',
    requiredAttachments: ['personal_history', 'violation_record', 'addiction_assessment'],
    basis: 'Luật PCMT 2021 Điều 32; NĐ 116/2021/NĐ-CP (Mẫu 27, Mẫu 30); NĐ 109/2021/NĐ-CP',
    toVerify: null,
  },
  {
    from: '2025-03-01',
    compileWorkingDays: 5,
    court: 'district',
    requiredAttachments: ['personal_history', 'violation_record', 'addiction_assessment'],
    basis: 'Luật PCMT 2021 Điều 32; NĐ 116/2021/NĐ-CP; NĐ 02/2025/NĐ-CP; TTLT 03/2025/TTLT-BCA-VKSNDTC-TANDTC',
    toVerify: 'Without district police or labour offices: who forwards the dossier, and the transfer and notice deadlines (TTLT 03/2025).',
  },
  {
    from: '2025-07-01',
    compileWorkingDays: 5,
    /** Tòa án nhân dân khu vực (regional court) since the district courts closed. */
    court: 'regional',
    requiredAttachments: ['personal_history', 'violation_record', 'addiction_assessment'],
    basis: 'Luật PCMT 2021 Điều 32; NĐ 116/2021/NĐ-CP; TTLT 03/2025/TTLT-BCA-VKSNDTC-TANDTC; Pháp lệnh 08/2025/UBTVQH15',
    toVerify:
      "The full list of documents in NĐ 116/2021 (the person's statement, the family's opinion); whether Luật PCMT 120/2025 changes the procedure.",
  },
] as const satisfies readonly {
  from: Day;
  compileWorkingDays: number;
  court: 'district' | 'regional';
  requiredAttachments: readonly RehabAttachmentKind[];
  basis: string;
  toVerify: string | null;
}[];

export type RehabDossierRule = (typeof REHAB_DOSSIER_RULES)[number];

/** The row of `REHAB_DOSSIER_RULES` in force on a day (the first row for earlier days). */
export function rehabRuleOn(day: Day): RehabDossierRule {
  return [...REHAB_DOSSIER_RULES].reverse().find((r) => r.from <= day) ?? REHAB_DOSSIER_RULES[0];
}

/**
 * When the dossier must be compiled: 5 working days after the day the person was found in an Art. 32 case, that day
 * not counted (NĐ 116/2021/NĐ-CP as summarised in domain-vn.md §6.3; [V] the article number).
 */
export function rehabCompileDeadline(foundOn: Day, isWorkingDay: (day: Day) => boolean): { dueOn: Day; basis: string } {
  const rule = rehabRuleOn(foundOn);
  return { dueOn: addWorkingDays(foundOn, rule.compileWorkingDays, isWorkingDay), basis: rule.basis };
}

/** Whether a dossier not yet compiled has passed its compile limit on `today`. */
export function isRehabCompileOverdue(status: RehabDossierStatus, compileDueOn: Day, today: Day): boolean {
  return (status === 'opened' || status === 'documents_gathered') && today > compileDueOn;
}

/** Form numbers and sources of the attachments (domain-vn.md §6.3). */
const ATTACHMENT_FORMS: Record<RehabAttachmentKind, { form: string | null; basis: string | null }> = {
  /** Bản tóm tắt lý lịch. */
  personal_history: { form: 'Mẫu 30', basis: 'NĐ 116/2021/NĐ-CP' },
  /** Biên bản vi phạm (e.g. of the duties of voluntary rehab or post-rehab management). */
  violation_record: { form: 'Mẫu 27', basis: 'NĐ 116/2021/NĐ-CP' },
  /** Bản sao phiếu kết quả xác định tình trạng nghiện ma túy. */
  addiction_assessment: { form: null, basis: 'NĐ 109/2021/NĐ-CP' },
  /** Bản tường trình của người nghiện: [V] whether NĐ 116/2021 requires it. */
  personal_statement: { form: null, basis: null },
  /** Ý kiến của gia đình: [V] whether NĐ 116/2021 requires it. */
  family_opinion: { form: null, basis: null },
  /** The court's decision, filed when it is received. */
  court_decision: { form: null, basis: null },
  other: { form: null, basis: null },
};

export type RehabAttachmentEntry = {
  code: RehabAttachmentKind;
  labelKey: string;
  form: string | null;
  basis: string | null;
  /** Required before the dossier counts as compiled under the rules in force today (the last row). */
  required: boolean;
};

const currentRule = REHAB_DOSSIER_RULES[REHAB_DOSSIER_RULES.length - 1] ?? REHAB_DOSSIER_RULES[0];

/** The attachment catalogue: code, label key, form number, and whether the current rules require it. */
export const REHAB_ATTACHMENTS: readonly RehabAttachmentEntry[] = REHAB_ATTACHMENT_KINDS.map((code) => ({
  code,
  labelKey: `cases.rehab.attachments.${code}`,
  ...ATTACHMENT_FORMS[code],
  required: (currentRule.requiredAttachments as readonly RehabAttachmentKind[]).includes(code),
}));

/** The required attachments a dossier still lacks, under the rules of the day the person was found. */
export function missingRehabAttachments(foundOn: Day, present: readonly RehabAttachmentKind[]): RehabAttachmentKind[] {
  return rehabRuleOn(foundOn).requiredAttachments.filter((k) => !present.includes(k));
}

/**
 * Which state a dossier may move to. A dossier may go back to gathering documents before it is sent, or when the
 * court or procuracy returns it for more documents [I]. A rejected decision ends the dossier.
 */
export const REHAB_TRANSITIONS: Record<RehabDossierStatus, readonly RehabDossierStatus[]> = {
  opened: ['documents_gathered'],
  documents_gathered: ['compiled'],
  compiled: ['sent_to_court', 'documents_gathered'],
  sent_to_court: ['decided', 'documents_gathered'],
  decided: ['carried_out'],
  carried_out: [],
};

export function canMoveRehabDossier(from: RehabDossierStatus, to: RehabDossierStatus): boolean {
  return REHAB_TRANSITIONS[from].includes(to);
}

/** The message keys a refused step answers with. */
export const REHAB_TRANSITION_ERRORS = [
  'cases.rehab.transition.sameStatus',
  'cases.rehab.transition.final',
  'cases.rehab.transition.notAllowed',
  'cases.rehab.transition.notSentToCourt',
  'cases.rehab.transition.decisionNumberRequired',
  'cases.rehab.transition.decisionDateRequired',
  'cases.rehab.transition.decisionOutcomeRequired',
  'cases.rehab.transition.decisionBeforeSending',
  'cases.rehab.transition.notAccepted',
  'cases.rehab.transition.missingAttachments',
  'cases.rehab.transition.dateInFuture',
  'cases.rehab.transition.beforeFound',
] as const;
export type RehabTransitionError = (typeof REHAB_TRANSITION_ERRORS)[number];

/** A proposed step with what the stored dossier knows. */
export type RehabMove = {
  from: RehabDossierStatus;
  to: RehabDossierStatus;
  /** The day of the step (for `decided`, the day the decision was received). */
  on: Day;
  /** Today in Vietnam. */
  today: Day;
  foundOn: Day;
  attachments: readonly RehabAttachmentKind[];
  sentToCourtOn?: Day | null;
  /** For `decided`, the decision being recorded; for any other step, the stored one (if any). */
  decision?: { number?: string | null; date?: Day | null; outcome?: RehabDecisionOutcome | null } | null;
};

/**
 * Null when the step is allowed; otherwise the message key that says why not. The ward never records a court decision
 * it did not receive: a decision needs a dossier sent to the court first, a decision number and a date no earlier than
 * the sending and no later than today. A dossier is compiled only with the required attachments, and carried out only
 * after a decision that applies the measure.
 */
export function rehabTransitionError(move: RehabMove): RehabTransitionError | null {
  const { from, to, decision } = move;
  if (from === to) return 'cases.rehab.transition.sameStatus';
  const ended = from === 'carried_out' || (from === 'decided' && decision?.outcome === 'rejected');
  if (ended && !canMoveRehabDossier(from, to)) return 'cases.rehab.transition.final';
  if (to === 'decided') {
    if (from !== 'sent_to_court') return 'cases.rehab.transition.notSentToCourt';
    if (!decision?.number?.trim()) return 'cases.rehab.transition.decisionNumberRequired';
    if (!decision.date) return 'cases.rehab.transition.decisionDateRequired';
    if (!decision.outcome) return 'cases.rehab.transition.decisionOutcomeRequired';
    if (move.sentToCourtOn && decision.date < move.sentToCourtOn) return 'cases.rehab.transition.decisionBeforeSending';
    if (decision.date > move.today) return 'cases.rehab.transition.dateInFuture';
  }
  if (!canMoveRehabDossier(from, to)) return 'cases.rehab.transition.notAllowed';
  if (to === 'carried_out' && decision?.outcome !== 'accepted') return 'cases.rehab.transition.notAccepted';
  if (to === 'compiled' && missingRehabAttachments(move.foundOn, move.attachments).length > 0) {
    return 'cases.rehab.transition.missingAttachments';
  }
  if (move.on > move.today) return 'cases.rehab.transition.dateInFuture';
  if (move.on < move.foundOn) return 'cases.rehab.transition.beforeFound';
  return null;
}
