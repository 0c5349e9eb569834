import { addDays, addMonths, type Day } from '../calendar/calendar.rules.ts';
import type {
  IncidentHandling,
  IncidentType,
  ParticipantKind,
  PatrolRating,
  PatrolTeamKind,
  Recurrence,
  ResidenceFinding,
} from './patrols.schemas.ts';
import { INCIDENT_HANDLINGS, INCIDENT_TYPES, PATROL_RATINGS, RESIDENCE_FINDINGS } from './patrols.schemas.ts';

/**
 * Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở 2023 (passed 28/11/2023) is in force from this day: the
 * civil defence force (bảo vệ dân phố) ends and the Tổ bảo vệ an ninh, trật tự begins (domain-vn.md §5).
 */
export const SECURITY_FORCE_LAW_IN_FORCE: Day = '2024-07-01';

/** Vietnam is UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3_600_000;

type KindRule = {
  /** Police (ward police) or civilian: the kind of turn a member's participation counts as. */
  force: ParticipantKind;
  /** Unit types a team of this kind may belong to. */
  unitTypes: readonly string[];
  /** The first and last days the kind exists in law; a round or a team outside them is refused. */
  from?: Day;
  until?: Day;
  /** The age limits the law sets on members, with their source. */
  age?: { min: number; max: number; basis: string };
  /** Whether the team must name the blocks of its area. */
  needsArea: boolean;
};

const WARD_TYPES = ['ward', 'commune', 'special_zone'];

/** What each team kind is, in law and in the unit tree. */
export const TEAM_KINDS: Record<PatrolTeamKind, KindRule> = {
  ward_police: { force: 'officer', unitTypes: WARD_TYPES, needsArea: false },
  /** Luật 2023 Art. 2 and 14.2: placed in a block; its area is one or more blocks. Art. 13: members aged 18 to 70. */
  security_team: {
    force: 'civilian',
    unitTypes: [...WARD_TYPES, 'block'],
    from: SECURITY_FORCE_LAW_IN_FORCE,
    age: { min: 18, max: 70, basis: 'Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở 2023, Điều 13' },
    needsArea: true,
  },
  /** Bảo vệ dân phố: merged into the Tổ bảo vệ ANTT by the 2023 Law; its records before 01/07/2024 are kept. */
  neighbourhood_guard: {
    force: 'civilian',
    unitTypes: [...WARD_TYPES, 'block'],
    until: addDays(SECURITY_FORCE_LAW_IN_FORCE, -1),
    needsArea: false,
  },
  people_patrol: { force: 'civilian', unitTypes: ['block'], needsArea: false },
  school_gate: { force: 'civilian', unitTypes: ['school'], needsArea: false },
};

/** Whether a kind is kept only for records made before the 2023 Law (bảo vệ dân phố). */
export function isLegacyKind(kind: PatrolTeamKind): boolean {
  return TEAM_KINDS[kind].until !== undefined;
}

/** The kind of turn a member of a team of this kind counts as: officers for the ward police, civilians otherwise. */
export function participantKindOf(kind: PatrolTeamKind): ParticipantKind {
  return TEAM_KINDS[kind].force;
}

/**
 * Why a team of this kind cannot exist or patrol on a day, or null: a bảo vệ dân phố team after 30/06/2024, a Tổ bảo vệ
 * ANTT before 01/07/2024 (the 2023 Law's day in force).
 */
export function teamKindDayError(kind: PatrolTeamKind, day: Day): string | null {
  const rule = TEAM_KINDS[kind];
  if (rule.until && day > rule.until) return 'patrols.kind.legacyAfterLaw';
  if (rule.from && day < rule.from) return 'patrols.kind.beforeLaw';
  return null;
}

/** Why a team of this kind cannot belong to a unit of this type, or null. */
export function teamUnitError(kind: PatrolTeamKind, unitType: string): string | null {
  return TEAM_KINDS[kind].unitTypes.includes(unitType) ? null : 'patrols.kind.unitType';
}

/** Full years of age on a day. */
export function ageOn(birthDate: Day, day: Day): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Whether a person may join a team of this kind on a day, by the age the law sets: for a Tổ bảo vệ ANTT, from 18 to
 * 70 years old (Luật 2023 Art. 13), older only by the commune chair's decision on the commune police's proposal. Other
 * kinds have no age in law here. Answers a message key, or null when eligible.
 */
export function memberEligibilityError(
  kind: PatrolTeamKind,
  birthDate: Day | null | undefined,
  on: Day,
  hasAgeException: boolean,
): string | null {
  const limits = TEAM_KINDS[kind].age;
  if (!limits) return null;
  if (!birthDate) return 'patrols.eligibility.birthDateRequired';
  if (birthDate > on) return 'patrols.eligibility.birthDateInFuture';
  const age = ageOn(birthDate, on);
  if (age < limits.min) return 'patrols.eligibility.tooYoung';
  if (age > limits.max && !hasAgeException) return 'patrols.eligibility.tooOld';
  return null;
}

/* ---------- turns, hours, coverage ---------- */

export type Turns = { total: number; officers: number; civilians: number };

/** Each participant of a round is one turn (lượt); officers' and civilians' turns are counted apart. */
export function countTurns(participants: readonly { kind: ParticipantKind }[]): Turns {
  const officers = participants.filter((p) => p.kind === 'officer').length;
  return { total: participants.length, officers, civilians: participants.length - officers };
}

/**
 * Why a round's participants cannot be recorded, or null: the same member twice (one person is one turn per round), or
 * the same named guest twice.
 */
export function participantsError(participants: readonly { memberId?: string | null; name?: string | null }[]): string | null {
  const members = participants.map((p) => p.memberId).filter((m): m is string => !!m);
  const guests = participants.filter((p) => !p.memberId).map((p) => (p.name ?? '').normalize('NFC').trim().toLocaleLowerCase('vi'));
  if (new Set(members).size !== members.length || new Set(guests).size !== guests.length) return 'patrols.participantTwice';
  return null;
}

/** The longest a round may last. */
export const ROUND_MAX_MINUTES = 24 * 60;

/** A round's length in whole minutes. */
export function roundMinutes(startedAt: Date | string, endedAt: Date | string): number {
  return Math.round((new Date(endedAt).getTime() - new Date(startedAt).getTime()) / 60_000);
}

/** Why a round's times cannot be recorded, or null: it must end after it starts, last at most 24 hours, and not end in the future. */
export function roundTimesError(startedAt: Date | string, endedAt: Date | string, now: Date): string | null {
  const minutes = roundMinutes(startedAt, endedAt);
  if (minutes <= 0) return 'patrols.endBeforeStart';
  if (minutes > ROUND_MAX_MINUTES) return 'patrols.roundTooLong';
  // A few minutes of clock drift on a phone are tolerated.
  if (new Date(endedAt).getTime() > now.getTime() + 10 * 60_000) return 'patrols.roundInFuture';
  return null;
}

/** The Vietnamese calendar day of an instant. */
export function vnDayOf(at: Date | string): Day {
  return new Date(new Date(at).getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a Vietnamese calendar day. */
export function vnStartOfDay(day: Day): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/**
 * Whether a round counts in a period: by the Vietnamese day it started, bounds included (a round from 30/06 23:00 to
 * 01/07 01:00 counts in June).
 */
export function isRoundInPeriod(startedAt: Date | string, period: { from: Day; to: Day }): boolean {
  const day = vnDayOf(startedAt);
  return day >= period.from && day <= period.to;
}

/** Hours to one decimal (the way the ward reports them). */
export function toHours(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

export type RoundFacts = {
  startedAt: Date | string;
  endedAt: Date | string;
  officers: number;
  civilians: number;
};

export type RoundTotals = {
  rounds: number;
  turns: number;
  officerTurns: number;
  civilianTurns: number;
  hours: number;
  personHours: number;
};

/**
 * The totals of the rounds started in a period: rounds, turns (officers' and civilians' apart), hours patrolled (each
 * round once) and person-hours (each turn by its round's length). Rounds outside the period are ignored.
 */
export function totalRounds(rounds: readonly RoundFacts[], period: { from: Day; to: Day }): RoundTotals {
  let minutes = 0;
  let personMinutes = 0;
  let officers = 0;
  let civilians = 0;
  let count = 0;
  for (const r of rounds) {
    if (!isRoundInPeriod(r.startedAt, period)) continue;
    const m = Math.max(0, roundMinutes(r.startedAt, r.endedAt));
    count += 1;
    minutes += m;
    personMinutes += m * (r.officers + r.civilians);
    officers += r.officers;
    civilians += r.civilians;
  }
  return {
    rounds: count,
    turns: officers + civilians,
    officerTurns: officers,
    civilianTurns: civilians,
    hours: toHours(minutes),
    personHours: toHours(personMinutes),
  };
}

/**
 * Block coverage over a period: of the blocks in force, those at least one round reached — a checkpoint in the block
 * marked, or a residence check in it. The rate is null when there is no block.
 */
export function blockCoverage(
  blockIds: readonly string[],
  reachedBlockIds: Iterable<string | null | undefined>,
): { blocks: number; covered: number; rate: number | null; uncoveredIds: string[] } {
  const reached = new Set<string>();
  for (const id of reachedBlockIds) if (id) reached.add(id);
  const blocks = [...new Set(blockIds)];
  const covered = blocks.filter((b) => reached.has(b));
  return {
    blocks: blocks.length,
    covered: covered.length,
    rate: blocks.length ? covered.length / blocks.length : null,
    uncoveredIds: blocks.filter((b) => !reached.has(b)),
  };
}

/** Counts per key, every key present (incidents by type or handling, residence findings). */
export function countBy<K extends string>(keys: readonly K[], values: Iterable<K>): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) if (v in out) out[v] += 1;
  return out;
}

export const countIncidentsByType = (types: Iterable<IncidentType>) => countBy(INCIDENT_TYPES, types);
export const countIncidentsByHandling = (handlings: Iterable<IncidentHandling>) => countBy(INCIDENT_HANDLINGS, handlings);
export const countFindings = (findings: Iterable<ResidenceFinding>) => countBy(RESIDENCE_FINDINGS, findings);

/* ---------- checkpoints ---------- */

/** The text of a checkpoint's QR code: `BINHAN-CP1:<checkpoint id>:<code>`. */
export const CHECKPOINT_QR_PREFIX = 'BINHAN-CP1';

export function checkpointQrPayload(checkpointId: string, code: string): string {
  return `${CHECKPOINT_QR_PREFIX}:${checkpointId}:${code}`;
}

/** Reads a scanned QR text; null when it is not a Bình An checkpoint code. */
export function parseCheckpointQr(text: string): { checkpointId: string; code: string } | null {
  const m = /^BINHAN-CP1:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9_-]{6,64})$/i.exec(text.trim());
  return m?.[1] && m[2] ? { checkpointId: m[1].toLowerCase(), code: m[2] } : null;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Whether a checkpoint mark proves presence: a scanned QR code that matches the checkpoint's, or a GPS fix within the
 * checkpoint's radius (widened by the phone's stated accuracy, at most 100 m more). A tap proves nothing by itself.
 */
export function checkpointVisitCheck(
  visit: { method: 'qr' | 'tap' | 'gps'; code?: string | null; lat?: number | null; lng?: number | null; accuracyM?: number | null },
  checkpoint: { code: string; lat: number | null; lng: number | null; radiusM: number },
): { verified: boolean; distanceM: number | null } {
  const distanceM =
    visit.lat != null && visit.lng != null && checkpoint.lat != null && checkpoint.lng != null
      ? Math.round(distanceMetres({ lat: visit.lat, lng: visit.lng }, { lat: checkpoint.lat, lng: checkpoint.lng }))
      : null;
  if (visit.method === 'qr') return { verified: !!visit.code && visit.code === checkpoint.code, distanceM };
  if (visit.method === 'gps' && distanceM !== null) {
    return { verified: distanceM <= checkpoint.radiusM + Math.min(100, Math.max(0, visit.accuracyM ?? 0)), distanceM };
  }
  return { verified: false, distanceM };
}

/* ---------- schedules ---------- */

/** The ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: Day): number {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/**
 * The days a recurrence falls on between two days (inclusive). A monthly day the month lacks (31 in April) is skipped,
 * as RFC 5545 does for BYMONTHDAY.
 */
export function occurrences(recurrence: Recurrence, from: Day, to: Day): Day[] {
  const out: Day[] = [];
  if (to < from) return out;
  if (recurrence.freq === 'weekly') {
    const days = new Set(recurrence.weekdays);
    for (let d = from; d <= to; d = addDays(d, 1)) if (days.has(isoWeekday(d))) out.push(d);
    return out;
  }
  const monthDays = [...new Set(recurrence.monthDays)].sort((a, b) => a - b);
  for (let month = `${from.slice(0, 7)}-01`; month <= to; month = addMonths(month, 1)) {
    for (const md of monthDays) {
      const day = `${month.slice(0, 8)}${String(md).padStart(2, '0')}`;
      // A day past the month's end reads back as another month: skip it.
      if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) continue;
      if (day >= from && day <= to) out.push(day);
    }
  }
  return out;
}

/** A shift's start and end: the day's time of day in Vietnam, then its length. */
export function shiftInstants(day: Day, startTime: string, durationMinutes: number): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(`${day}T${startTime}:00+07:00`);
  return { startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000) };
}

/* ---------- ratings ---------- */

/** The rating period of a year: 15/11 of the year before to 14/11 of the year (Hướng dẫn 01/HD-BCA-V05). */
export function ratingPeriod(year: number): { from: Day; to: Day } {
  return { from: `${year - 1}-11-15`, to: `${year}-11-14` };
}

/** The year whose rating period holds a day. */
export function ratingYearOf(day: Day): number {
  const year = Number(day.slice(0, 4));
  return day >= `${year}-11-15` ? year + 1 : year;
}

/** Members and teams that served less than this are not rated (HD 01/HD-BCA-V05). */
export const RATING_MIN_MONTHS = 9;

/**
 * Why a member cannot be rated for a year, or null: joined less than 9 months before the period ends, or left before
 * it ended.
 */
export function memberRatingError(member: { joinedOn: Day; leftOn: Day | null }, year: number): string | null {
  const period = ratingPeriod(year);
  if (member.leftOn && member.leftOn < period.to) return 'patrols.rating.leftBeforeEnd';
  if (addMonths(member.joinedOn, RATING_MIN_MONTHS) > addDays(period.to, 1)) return 'patrols.rating.tooShort';
  return null;
}

/** Why a team cannot be rated for a year, or null: set up less than 9 months before the period ends, or closed before. */
export function teamRatingError(team: { establishedOn: Day; closedOn: Day | null }, year: number): string | null {
  const period = ratingPeriod(year);
  if (team.closedOn && team.closedOn < period.to) return 'patrols.rating.closedBeforeEnd';
  if (addMonths(team.establishedOn, RATING_MIN_MONTHS) > addDays(period.to, 1)) return 'patrols.rating.teamTooNew';
  return null;
}

/** Position of a level, best first. */
export function ratingRank(level: PatrolRating): number {
  return PATROL_RATINGS.indexOf(level);
}

/** A team leader's rating may not be higher than the team's (HD 01/HD-BCA-V05); null when it is not. */
export function leaderRatingError(leaderLevel: PatrolRating, teamLevel: PatrolRating | null): string | null {
  if (teamLevel === null) return null;
  return ratingRank(leaderLevel) < ratingRank(teamLevel) ? 'patrols.rating.leaderAboveTeam' : null;
}

/** The number rated "excellent" may be at most 20 % of those rated "good" (HD 01/HD-BCA-V05). */
export function excellentQuota(levels: readonly PatrolRating[]): {
  excellent: number;
  good: number;
  maxExcellent: number;
  withinQuota: boolean;
} {
  const excellent = levels.filter((l) => l === 'excellent').length;
  const good = levels.filter((l) => l === 'good').length;
  const maxExcellent = Math.floor(good * 0.2);
  return { excellent, good, maxExcellent, withinQuota: excellent <= maxExcellent };
}

/* ---------- incidents ---------- */

/** The built-in case type a handed-over incident is recorded under in the register (an officer may change it). */
export const INCIDENT_CASE_TYPES: Record<IncidentType, string> = {
  public_disorder: 'public_disorder',
  fight: 'assault',
  theft: 'theft',
  drugs: 'drug_using',
  gambling: 'gambling',
  traffic: 'traffic',
  fire: 'other',
  suspicious: 'other',
  domestic_violence: 'other',
  noise: 'other',
  other: 'other',
};
