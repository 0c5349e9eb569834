import { addDays, addWorkingDays, type Day } from '../calendar/calendar.rules.ts';

/**
 * Grassroots mediation (hòa giải ở cơ sở): Luật Hòa giải ở cơ sở 2013 (35/2013/QH13, in force 01/01/2014), NĐ 15/2014/NĐ-CP
 * and NQLT 01/2014/NQLT/CP-UBTƯMTTQVN. Every number the law gives is a dated rule below, so that a team or a case keeps
 * the rule of its own day; a later change of the law is a new row, not an edit.
 *
 * What is configurable rather than law: the thresholds of the early warning (a dispute that keeps returning, a
 * "prolonged complex dispute") are this product's working definitions, kept in `EARLY_WARNING` for the ward to tune.
 * The 2025 reorganisation (no district level, merged wards) changes who signs — the chair of the new commune-level
 * People's Committee — not the numbers; [V] verify any amendment of the 2013 Law before changing a row.
 */

export type MediationRuleSet = {
  /** The first day the rule applies. */
  from: Day;
  /** Art. 12.1: a team has at least three mediators. */
  minMediators: number;
  /** Art. 12.1: a team has women mediators ("có hòa giải viên nữ"). */
  requiresWoman: boolean;
  /** Art. 12.1: in areas with many ethnic-minority residents, an ethnic-minority mediator. */
  requiresEthnicMinorityWhereMany: boolean;
  /** Art. 12.1, Art. 14: a team has a team leader (tổ trưởng). */
  requiresLeader: boolean;
  /** Art. 8.3 (mediators) and Art. 14 (team leader), with NĐ 15/2014: the chair decides within 5 working days. */
  recognitionWorkingDays: number;
  /** Art. 20.2: mediation starts within 3 days of assignment (days, not working days). */
  startWithinDays: number;
  /** Where the article numbers come from, for screens and documents. */
  source: string;
};

export const MEDIATION_RULES: readonly MediationRuleSet[] = [
  {
    from: '2014-01-01',
    minMediators: 3,
    requiresWoman: true,
    requiresEthnicMinorityWhereMany: true,
    requiresLeader: true,
    recognitionWorkingDays: 5,
    startWithinDays: 3,
    source: 'Luật Hòa giải ở cơ sở 2013 (35/2013/QH13); NĐ 15/2014/NĐ-CP',
  },
];

/** The rule set in force on a day (the earliest one for days before 2014). */
export function mediationRulesOn(day: Day): MediationRuleSet {
  const sorted = [...MEDIATION_RULES].sort((a, b) => a.from.localeCompare(b.from));
  let found = sorted[0] as MediationRuleSet;
  for (const r of sorted) if (r.from <= day) found = r;
  return found;
}

export type TeamMemberFacts = {
  role: 'leader' | 'member';
  gender: 'female' | 'male';
  ethnicMinority: boolean;
  joinedOn: Day;
  leftOn: Day | null;
};

export type CompositionProblem = 'tooFewMediators' | 'noWoman' | 'noLeader' | 'noEthnicMinority';

/** The article each composition problem breaks. */
export const COMPOSITION_ARTICLES: Record<CompositionProblem, string> = {
  tooFewMediators: 'Điều 12.1',
  noWoman: 'Điều 12.1',
  noLeader: 'Điều 12.1, Điều 14',
  noEthnicMinority: 'Điều 12.1',
};

/** Whether a member serves on a day (joined, not yet left). */
export function servesOn(m: Pick<TeamMemberFacts, 'joinedOn' | 'leftOn'>, day: Day): boolean {
  return m.joinedOn <= day && (m.leftOn === null || m.leftOn > day);
}

/**
 * What a team breaks of the composition rule on a day (Luật HGCS 2013 Art. 12.1: a leader and at least three mediators,
 * with women mediators; an ethnic-minority mediator where many residents are of ethnic minorities). The leader counts
 * as a mediator. An empty list: the team is well formed. A broken team keeps working; the screens warn.
 */
export function compositionProblems(
  members: readonly TeamMemberFacts[],
  day: Day,
  opts: { ethnicArea: boolean } = { ethnicArea: false },
): CompositionProblem[] {
  const rule = mediationRulesOn(day);
  const serving = members.filter((m) => servesOn(m, day));
  const problems: CompositionProblem[] = [];
  if (serving.length < rule.minMediators) problems.push('tooFewMediators');
  if (rule.requiresWoman && !serving.some((m) => m.gender === 'female')) problems.push('noWoman');
  if (rule.requiresLeader && !serving.some((m) => m.role === 'leader')) problems.push('noLeader');
  if (rule.requiresEthnicMinorityWhereMany && opts.ethnicArea && !serving.some((m) => m.ethnicMinority)) problems.push('noEthnicMinority');
  return problems;
}

/**
 * The day by which the chair of the commune People's Committee must decide to recognise a mediator or a team leader:
 * 5 working days after the Front committee head sends the list (Luật HGCS 2013 Art. 8.3 and Art. 14; NĐ 15/2014), counted
 * on the ward's working-day calendar.
 */
export function recognitionDueOn(proposedOn: Day, isWorkingDay: (day: Day) => boolean): Day {
  return addWorkingDays(proposedOn, mediationRulesOn(proposedOn).recognitionWorkingDays, isWorkingDay);
}

export type RecognitionClock = { dueOn: Day; isOverdue: boolean; decidedOn: Day | null };

/** The recognition clock of a proposal: due, decided, overdue when not decided by the due day. */
export function recognitionClock(
  proposedOn: Day,
  decidedOn: Day | null,
  today: Day,
  isWorkingDay: (day: Day) => boolean,
): RecognitionClock {
  const dueOn = recognitionDueOn(proposedOn, isWorkingDay);
  return { dueOn, decidedOn, isOverdue: decidedOn ? decidedOn > dueOn : today > dueOn };
}

export type LeaderVote = { for: number; total: number };
export type LeaderVoteProblem = 'noMajority' | 'totalNotTeam' | 'forOverTotal';

/** The article the team-leader election rule comes from. */
export const LEADER_ELECTION_ARTICLE = 'Điều 14.1 Luật Hòa giải ở cơ sở 2013; NQLT 01/2014/NQLT/CP-UBTƯMTTQVN';

/**
 * The team leader is elected by the team's mediators from among themselves (Luật HGCS 2013 Art. 14.1), and is proposed
 * for recognition only with the agreement of more than half of the team's mediators (NQLT 01/2014, domain-vn §4.2):
 * `for` must be strictly more than half of `total`, and `total` is the number of mediators serving in the team on the
 * day (the candidate included), so that a majority of those present is not taken for a majority of the team.
 * [V] Verify the clause of NQLT 01/2014 before changing the threshold.
 */
export function leaderVoteProblem(vote: LeaderVote, teamSize: number): LeaderVoteProblem | null {
  if (vote.for > vote.total) return 'forOverTotal';
  if (vote.total !== teamSize) return 'totalNotTeam';
  if (vote.for * 2 <= vote.total) return 'noMajority';
  return null;
}

/** Art. 20.2: the day by which mediation must start, 3 (calendar) days after the assignment. */
export function startDueOn(assignedOn: Day): Day {
  return addDays(assignedOn, mediationRulesOn(assignedOn).startWithinDays);
}

/**
 * Matters grassroots mediation may not take (Luật HGCS 2013 Art. 3.1, detailed by NĐ 15/2014 Art. 5). [V] The
 * clause letters follow the Pháp điển text of the Law; the list is data so that a later change is one edit here.
 */
export const SCOPE_EXCLUSIONS = [
  { code: 'public_interest', article: 'Điều 3.1.a', toPolice: false },
  { code: 'family_forbidden', article: 'Điều 3.1.b', toPolice: false },
  { code: 'criminal', article: 'Điều 3.1.c', toPolice: true },
  { code: 'administrative', article: 'Điều 3.1.c', toPolice: true },
  { code: 'other_law', article: 'Điều 3.1.d', toPolice: false },
] as const;
export type ScopeExclusion = (typeof SCOPE_EXCLUSIONS)[number]['code'];
export const SCOPE_EXCLUSION_CODES = SCOPE_EXCLUSIONS.map((e) => e.code) as unknown as readonly [ScopeExclusion, ...ScopeExclusion[]];

export type ScreeningResult =
  | { inScope: true }
  | { inScope: false; reasons: { code: ScopeExclusion; article: string }[]; suggestPolice: boolean };

/**
 * Screening at intake (Art. 3.1): a matter that harms the public interest, a family matter or civil transaction the law
 * forbids mediating, a violation that must be prosecuted or fined, or one another law excludes is refused with its
 * reasons and articles; a matter for prosecution or a fine is suggested for the police (domain-vn §4.1 → §2).
 */
export function screenMatter(exclusions: readonly ScopeExclusion[]): ScreeningResult {
  const hits = SCOPE_EXCLUSIONS.filter((e) => exclusions.includes(e.code));
  if (hits.length === 0) return { inScope: true };
  return {
    inScope: false,
    reasons: hits.map((e) => ({ code: e.code, article: e.article })),
    suggestPolice: hits.some((e) => e.toPolice),
  };
}

export const MEDIATION_STATUSES = ['in_progress', 'settled', 'not_settled', 'stopped', 'refused', 'referred'] as const;
export type MediationStatus = (typeof MEDIATION_STATUSES)[number];

/** Results recorded at the end of mediation (Art. 23): agreement, no agreement possible, a party asked to stop. */
export const MEDIATION_RESULTS = ['settled', 'not_settled', 'stopped'] as const;
export type MediationResult = (typeof MEDIATION_RESULTS)[number];

/** Which moves a case may make. Art. 27: after "không thành" the parties may ask to continue (back in progress). */
const MOVES: Record<MediationStatus, readonly MediationStatus[]> = {
  in_progress: ['settled', 'not_settled', 'stopped', 'referred'],
  not_settled: ['in_progress', 'referred'],
  stopped: ['in_progress', 'referred'],
  refused: ['referred'],
  settled: [],
  referred: [],
};

/** Whether a case may move from one status to another. */
export function canMoveMediation(from: MediationStatus, to: MediationStatus): boolean {
  return MOVES[from].includes(to);
}

/**
 * The early warning, this product's working definitions (not law; a ward may tune them):
 * - a dispute "keeps returning" when the same party (by name, without diacritics or case) was in `recurringCount` or more
 *   earlier cases of the same block within `recurringWindowDays`;
 * - a "prolonged complex dispute" (tranh chấp phức tạp, kéo dài), which the certification of a safe block counts against
 *   it, is one that is at risk of violence or escalation, or returning, or not settled after `prolongedDays` days.
 */
export const EARLY_WARNING = { recurringCount: 1, recurringWindowDays: 365, prolongedDays: 90 } as const;

/** A name compared without case, diacritics (đ → d) or extra spaces. */
export function partyKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether a new case's parties were already in enough earlier cases of the block to call the dispute returning. */
export function isReturningDispute(
  parties: readonly string[],
  earlier: readonly { receivedOn: Day; parties: readonly string[] }[],
  receivedOn: Day,
): boolean {
  const keys = new Set(parties.map(partyKey).filter(Boolean));
  const since = addDays(receivedOn, -EARLY_WARNING.recurringWindowDays);
  const hits = earlier.filter((c) => c.receivedOn >= since && c.receivedOn <= receivedOn && c.parties.some((p) => keys.has(partyKey(p))));
  return hits.length >= EARLY_WARNING.recurringCount;
}

export const MEDIATION_RISKS = ['none', 'violence', 'escalation'] as const;
export type MediationRisk = (typeof MEDIATION_RISKS)[number];

/** A prolonged complex dispute (see `EARLY_WARNING`): still unsettled, and at risk, returning or older than the limit. */
export function isProlongedDispute(c: {
  status: MediationStatus;
  risk: MediationRisk;
  recurring: boolean;
  receivedOn: Day;
  today: Day;
}): boolean {
  if (c.status === 'settled' || c.status === 'refused' || c.status === 'referred') return false;
  return c.risk !== 'none' || c.recurring || addDays(c.receivedOn, EARLY_WARNING.prolongedDays) < c.today;
}

/** A case the police see (security.md: a mediator sees her block's book; police see escalations). */
export function isEscalation(c: { risk: MediationRisk; recurring: boolean; status: MediationStatus }): boolean {
  return c.risk !== 'none' || c.recurring || c.status === 'referred';
}

/** The settlement rate: cases settled over cases that reached a result (settled + not settled); null when none did. */
export function settlementRate(settled: number, notSettled: number): number | null {
  const done = settled + notSettled;
  return done === 0 ? null : settled / done;
}

export const SETTLEMENT_RATE_DEFINITION = {
  vi: 'Tỷ lệ hòa giải thành = số vụ hòa giải thành / (số vụ hòa giải thành + số vụ hòa giải không thành), theo ngày có kết quả.',
  en: 'Settlement rate = cases settled / (cases settled + cases not settled), by the day of the result.',
} as const;

/** The register's number of a mediation case: HG-<year>-<seq>. */
export function mediationCaseNumber(c: { year: number; seq: number }): string {
  return `HG-${c.year}-${String(c.seq).padStart(4, '0')}`;
}

/**
 * The columns of Part I of the mediation book (Sổ theo dõi hoạt động hòa giải ở cơ sở, the Ministry of Justice's form of
 * 21/04/2014; Art. 21.4), in order. The export writes exactly these, with their Vietnamese headings.
 */
export const BOOK_COLUMNS = [
  { key: 'serial', vi: 'STT', en: 'No.' },
  { key: 'receivedOn', vi: 'Ngày, tháng, năm nhận vụ, việc hòa giải', en: 'Date received' },
  { key: 'mediators', vi: 'Họ và tên hòa giải viên và người được mời tham gia hòa giải', en: 'Mediators and invited persons' },
  {
    key: 'parties',
    vi: 'Họ và tên, tuổi, địa chỉ của các bên và người có liên quan',
    en: 'Parties and related persons (name, age, address)',
  },
  { key: 'content', vi: 'Nội dung chính của vụ, việc hòa giải', en: 'Main content of the case' },
  { key: 'agreement', vi: 'Thỏa thuận đạt được hoặc yêu cầu của các bên', en: 'Agreement reached, or each side’s demands' },
  { key: 'result', vi: 'Kết quả hòa giải (thành / không thành)', en: 'Result (settled / not settled)' },
  { key: 'signature', vi: 'Chữ ký của hòa giải viên', en: 'Mediator’s signature' },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes' },
] as const;
export type BookColumnKey = (typeof BOOK_COLUMNS)[number]['key'];
