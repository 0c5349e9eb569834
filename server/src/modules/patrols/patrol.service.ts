import { randomUUID } from 'node:crypto';
import {
  addDays,
  type addMemberSchema,
  type closeTeamSchema,
  type createRouteSchema,
  type createScheduleSchema,
  type createTeamSchema,
  excellentQuota,
  leaderRatingError,
  type leaveMemberSchema,
  type listRoutesQuerySchema,
  type listShiftsQuerySchema,
  type listTeamsQuerySchema,
  memberEligibilityError,
  memberRatingError,
  occurrences,
  type PatrolRating,
  type PatrolTeamKind,
  type Recurrence,
  type rateSchema,
  ratingPeriod,
  type replaceCheckpointsSchema,
  SCHEDULE_MAX_DAYS,
  SHIFT_LIST_MAX_DAYS,
  shiftInstants,
  TEAM_KINDS,
  teamKindDayError,
  teamRatingError,
  teamUnitError,
  translate,
  type updateMemberSchema,
  type updateRouteSchema,
  type updateScheduleSchema,
  type updateShiftSchema,
  type updateTeamSchema,
  vnStartOfDay,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, can, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { keyedHash, randomToken } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/pg-errors.ts';
import { vnToday } from '../../platform/time.ts';
import { findUnitInScope, resolveUnitScope } from '../units/index.ts';
import { findUserView } from '../users/index.ts';
import { canSeeQrCodes, type PatrolContext, patrolContext } from './patrol.policy.ts';
import {
  deleteShiftsOfScheduleFrom,
  endMembershipsOfTeam,
  findCheckpoints,
  findMemberInScope,
  findMembersByIds,
  findMembersOfTeam,
  findRatingsOfMembers,
  findRatingsOfTeam,
  findRosterOfTeam,
  findRouteInScope,
  findRoutesInScope,
  findScheduleInScope,
  findSchedulesInScope,
  findShiftDaysOfSchedule,
  findShiftInScope,
  findShiftsInScope,
  findTeamInScope,
  findTeamsInScope,
  findWardMemberLevels,
  findWardUnits,
  insertCheckpoint,
  insertMember,
  insertRoute,
  insertSchedule,
  insertShifts,
  insertTeam,
  type MemberRecord,
  type PatrolScope,
  replaceShiftMembers,
  replaceTeamArea,
  type TeamRecord,
  updateCheckpointRow,
  updateMemberRow,
  updateRouteRow,
  updateScheduleRow,
  updateShiftRow,
  updateTeamRow,
  upsertRating,
} from './patrol.repository.ts';
import { isTeamActiveOn, memberView, ratingView, rosterMemberView, routeView, scheduleView, shiftView, teamView } from './patrol.views.ts';

export const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });
const today = (deps: Deps) => vnToday(deps.clock());
const field = (path: string, message: string) => [{ path, message }];

/** A rule broken by what the client sent: 422 with the field and the rule's message. */
export function ruleError(path: string, message: string): AppError {
  return new AppError('patrolRecord', field(path, message));
}

function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw new AppError('validation', field('cursor', 'validation.invalid'));
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const isNameCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1]);

/** Loads a team in reach or answers 404. */
export async function loadTeam(tx: Tx, scope: PatrolScope, id: string): Promise<TeamRecord> {
  const team = await findTeamInScope(tx, scope, id);
  if (!team) throw new AppError('notFound');
  return team;
}

async function loadMember(tx: Tx, scope: PatrolScope, id: string): Promise<MemberRecord> {
  const member = await findMemberInScope(tx, scope, id);
  if (!member) throw new AppError('notFound');
  return member;
}

/* ---------- teams ---------- */

/** The teams in reach: all of the ward for the ward police, one's own for a civil guard or block leader. */
export async function listTeams(deps: Deps, actor: Actor, q: z.output<typeof listTeamsQuerySchema>) {
  requirePermission(actor, 'patrol.read');
  const limit = q.limit ?? 50;
  const after = decodeCursor(q.cursor, isNameCursor);
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const rows = await findTeamsInScope(
      tx,
      ctx.scope,
      { q: q.q, kind: q.kind, unitId: q.unitId, status: q.status, today: today(deps), after: after && { name: after[0], id: after[1] } },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((t) => teamView(t, ctx.myTeamIds, today(deps))),
      nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  });
}

export async function getTeam(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    return teamView(await loadTeam(tx, ctx.scope, id), ctx.myTeamIds, today(deps));
  });
}

/** The blocks of a team's area: each must be a block of the team's ward. */
async function checkArea(tx: Tx, wardId: string, unitIds: readonly string[]): Promise<void> {
  const found = await findWardUnits(tx, wardId, unitIds);
  if (found.length !== unitIds.length || found.some((u) => u.type !== 'block'))
    throw ruleError('areaUnitIds', 'patrols.kind.areaNotBlocks');
}

/** Sets up a team (Tổ bảo vệ ANTT, people's patrol team …) in the ward of its unit. */
export async function createTeam(deps: Deps, actor: Actor, input: z.output<typeof createTeamSchema>) {
  requirePermission(actor, 'patrol.manage');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.unitId, today(deps));
    if (!unit?.wardId) throw new AppError('notFound');
    const unitError = teamUnitError(input.kind, unit.type);
    if (unitError) throw ruleError('unitId', unitError);
    const kindError = teamKindDayError(input.kind, input.establishedOn);
    if (kindError) throw new AppError('teamKindPeriod', field('establishedOn', kindError));
    let area = input.areaUnitIds ?? [];
    if (area.length === 0 && unit.type === 'block') area = [unit.id];
    if (TEAM_KINDS[input.kind].needsArea && area.length === 0) throw ruleError('areaUnitIds', 'patrols.kind.areaRequired');
    await checkArea(tx, unit.wardId, area);
    await insertTeam(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      kind: input.kind,
      name: input.name,
      establishedOn: input.establishedOn,
      decisionRef: input.decisionRef || null,
      note: input.note || null,
    });
    await replaceTeamArea(tx, unit.wardId, id, area);
    await recordAudit(tx, {
      action: 'patrol.team_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'patrol_team',
      entityId: id,
      detail: { kind: input.kind, unitId: unit.id, area: area.length },
    });
    const ctx = await patrolContext(tx, actor);
    return teamView(await loadTeam(tx, ctx.scope, id), ctx.myTeamIds, today(deps));
  });
}

export async function updateTeam(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateTeamSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, id);
    const kind = team.kind as PatrolTeamKind;
    if (input.establishedOn) {
      const kindError = teamKindDayError(kind, input.establishedOn);
      if (kindError) throw new AppError('teamKindPeriod', field('establishedOn', kindError));
      if (team.closedOn && team.closedOn < input.establishedOn) throw ruleError('establishedOn', 'patrols.closedBeforeEstablished');
    }
    if (input.areaUnitIds) {
      if (TEAM_KINDS[kind].needsArea && input.areaUnitIds.length === 0) throw ruleError('areaUnitIds', 'patrols.kind.areaRequired');
      await checkArea(tx, team.wardId, input.areaUnitIds);
      await replaceTeamArea(tx, team.wardId, team.id, input.areaUnitIds);
    }
    const { areaUnitIds: _, ...values } = input;
    await updateTeamRow(tx, team.wardId, team.id, {
      ...values,
      decisionRef: values.decisionRef === undefined ? undefined : values.decisionRef || null,
      note: values.note === undefined ? undefined : values.note || null,
    });
    await recordAudit(tx, {
      action: 'patrol.team_update',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'patrol_team',
      entityId: team.id,
      detail: { fields: Object.keys(input) },
    });
    return teamView(await loadTeam(tx, ctx.scope, id), ctx.myTeamIds, today(deps));
  });
}

/** Closes a team on a day (dissolved, merged, or a bảo vệ dân phố replaced by a Tổ bảo vệ ANTT); its members leave then. */
export async function closeTeam(deps: Deps, actor: Actor, id: string, input: z.output<typeof closeTeamSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, id);
    if (input.closedOn < team.establishedOn) throw ruleError('closedOn', 'patrols.closedBeforeEstablished');
    await updateTeamRow(tx, team.wardId, team.id, { closedOn: input.closedOn, closeReason: input.reason || null });
    await endMembershipsOfTeam(tx, team.wardId, team.id, input.closedOn, input.reason || null);
    await recordAudit(tx, {
      action: 'patrol.team_close',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'patrol_team',
      entityId: team.id,
      detail: { closedOn: input.closedOn },
    });
    return teamView(await loadTeam(tx, ctx.scope, id), ctx.myTeamIds, today(deps));
  });
}

/* ---------- members ---------- */

/** A team's members with their contacts: a read of personal data, audited. */
export async function listMembers(deps: Deps, actor: Actor, teamId: string, includeLeft: boolean) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, teamId);
    const members = await findMembersOfTeam(tx, team.wardId, team.id, includeLeft);
    const ratings = await findRatingsOfMembers(
      tx,
      team.wardId,
      members.map((m) => m.id),
    );
    await recordAudit(tx, {
      action: 'patrol.member_list',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'patrol_team',
      entityId: team.id,
      detail: { count: members.length, includeLeft },
    });
    return { items: members.map((m) => memberView(m, ratings, today(deps))) };
  });
}

/**
 * A team's roster for the pickers (schedules, shifts, a round's participants, the phone's record screen): names, roles
 * and whether each still serves — no contacts. Not audited, like the names the schedules, shifts and rounds carry.
 */
export async function listRoster(deps: Deps, actor: Actor, teamId: string, includeLeft: boolean) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, teamId);
    const rows = await findRosterOfTeam(tx, team.wardId, team.id, includeLeft);
    return { items: rows.map((m) => rosterMemberView(m, today(deps))) };
  });
}

export async function getMember(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const member = await loadMember(tx, ctx.scope, id);
    await recordAudit(tx, {
      action: 'patrol.member_read',
      actor: by(actor),
      wardId: member.wardId,
      entityType: 'patrol_member',
      entityId: id,
    });
    return memberView(member, await findRatingsOfMembers(tx, member.wardId, [id]), today(deps));
  });
}

type MemberFacts = {
  birthDate: string | null;
  joinedOn: string;
  ageExceptionRef: string | null;
  role: string;
  userId: string | null;
};

/** The rules a member's facts must meet in a team: eligibility by age, dates within the team's life, one leader, one account. */
async function checkMember(tx: Tx, deps: Deps, team: TeamRecord, facts: MemberFacts, memberId: string | null): Promise<void> {
  const kind = team.kind as PatrolTeamKind;
  if (facts.joinedOn < team.establishedOn) throw ruleError('joinedOn', 'patrols.joinedBeforeEstablished');
  if (team.closedOn && facts.joinedOn > team.closedOn) {
    throw new AppError('teamInactive', field('joinedOn', translate('vi', 'patrols.teamClosedOn', { date: team.closedOn })));
  }
  const eligibility = memberEligibilityError(kind, facts.birthDate, facts.joinedOn, !!facts.ageExceptionRef);
  if (eligibility) throw new AppError('memberIneligible', field('birthDate', eligibility));
  const others = (await findMembersOfTeam(tx, team.wardId, team.id, false)).filter((m) => m.id !== memberId);
  if (facts.role === 'leader' && others.some((m) => m.role === 'leader'))
    throw new AppError('leaderTaken', field('role', 'errors.leaderTaken'));
  if (facts.userId) {
    if (others.some((m) => m.userId === facts.userId)) throw ruleError('userId', 'patrols.userTaken');
    const user = await findUserView(tx, facts.userId, deps.clock());
    const reach = user ? await resolveUnitScope(tx, user.unitId) : null;
    const inWard = reach && (reach.wardIds === 'all' || reach.wardIds.includes(team.wardId));
    if (!user || !inWard) throw ruleError('userId', 'patrols.userNotInWard');
  }
}

/** Adds a member to a team; the law's eligibility (18–70 for a Tổ bảo vệ ANTT) is checked on the day of joining. */
export async function addMember(deps: Deps, actor: Actor, teamId: string, input: z.output<typeof addMemberSchema>) {
  requirePermission(actor, 'patrol.manage');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, teamId);
    const facts = {
      birthDate: input.birthDate ?? null,
      joinedOn: input.joinedOn,
      ageExceptionRef: input.ageExceptionRef || null,
      role: input.role,
      userId: input.userId ?? null,
    };
    await checkMember(tx, deps, team, facts, null);
    try {
      await insertMember(tx, {
        wardId: team.wardId,
        id,
        teamId: team.id,
        ...facts,
        fullName: input.fullName,
        phone: input.phone || null,
        address: input.address || null,
        decisionRef: input.decisionRef || null,
        note: input.note || null,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('conflict');
      throw err;
    }
    await recordAudit(tx, {
      action: 'patrol.member_add',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'patrol_member',
      entityId: id,
      detail: { teamId: team.id, role: input.role, linkedAccount: !!input.userId },
    });
    return memberView(await loadMember(tx, ctx.scope, id), [], today(deps));
  });
}

export async function updateMember(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateMemberSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const member = await loadMember(tx, ctx.scope, id);
    if (member.leftOn) throw ruleError('leftOn', 'patrols.memberLeft');
    const team = await loadTeam(tx, ctx.scope, member.teamId);
    const facts: MemberFacts = {
      birthDate: input.birthDate === undefined ? member.birthDate : input.birthDate,
      joinedOn: input.joinedOn ?? member.joinedOn,
      ageExceptionRef: input.ageExceptionRef === undefined ? member.ageExceptionRef : input.ageExceptionRef || null,
      role: input.role ?? member.role,
      userId: input.userId === undefined ? member.userId : input.userId,
    };
    await checkMember(tx, deps, team, facts, member.id);
    const optional = (v: string | null | undefined) => (v === undefined ? undefined : v || null);
    try {
      await updateMemberRow(tx, member.wardId, member.id, {
        ...facts,
        fullName: input.fullName,
        phone: optional(input.phone),
        address: optional(input.address),
        decisionRef: optional(input.decisionRef),
        note: optional(input.note),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('conflict');
      throw err;
    }
    await recordAudit(tx, {
      action: 'patrol.member_update',
      actor: by(actor),
      wardId: member.wardId,
      entityType: 'patrol_member',
      entityId: member.id,
      // Field names only: never the personal values.
      detail: { fields: Object.keys(input) },
    });
    const ratings = await findRatingsOfMembers(tx, member.wardId, [member.id]);
    return memberView(await loadMember(tx, ctx.scope, id), ratings, today(deps));
  });
}

/** A member leaves the team on a day; their calendar feed stops with it. */
export async function leaveMember(deps: Deps, actor: Actor, id: string, input: z.output<typeof leaveMemberSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const member = await loadMember(tx, ctx.scope, id);
    if (member.leftOn) throw ruleError('leftOn', 'patrols.memberLeft');
    if (input.leftOn < member.joinedOn) throw ruleError('leftOn', 'patrols.leftBeforeJoined');
    await updateMemberRow(tx, member.wardId, member.id, {
      leftOn: input.leftOn,
      leaveReason: input.reason || null,
      icalTokenHash: null,
      icalCreatedAt: null,
    });
    await recordAudit(tx, {
      action: 'patrol.member_leave',
      actor: by(actor),
      wardId: member.wardId,
      entityType: 'patrol_member',
      entityId: member.id,
      detail: { leftOn: input.leftOn },
    });
    const ratings = await findRatingsOfMembers(tx, member.wardId, [member.id]);
    return memberView(await loadMember(tx, ctx.scope, id), ratings, today(deps));
  });
}

/* ---------- calendar feeds ---------- */

/** The purpose under which a feed token's keyed hash is made (platform/crypto.ts). */
export const FEED_PURPOSE = 'patrol-ical';

/** Who may open or close a member's feed: the ward police, or the member's own account. */
async function loadFeedMember(tx: Tx, ctx: PatrolContext, actor: Actor, id: string): Promise<MemberRecord> {
  const member = await loadMember(tx, ctx.scope, id);
  if (!can(actor, 'patrol.manage') && member.userId !== actor.userId) throw new AppError('forbidden');
  if (member.leftOn) throw ruleError('leftOn', 'patrols.memberLeft');
  return member;
}

/**
 * Opens a new secret calendar feed of a member's shifts (a phone calendar subscribes to it without a cookie); any
 * earlier feed of the member stops. The token is answered once and stored only as a keyed hash.
 */
export async function createCalendarFeed(deps: Deps, actor: Actor, id: string): Promise<{ token: string; createdAt: string }> {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const member = await loadFeedMember(tx, ctx, actor, id);
    const token = randomToken(32);
    const createdAt = deps.clock();
    await updateMemberRow(tx, member.wardId, member.id, {
      icalTokenHash: keyedHash(deps.key, token, FEED_PURPOSE),
      icalCreatedAt: createdAt,
    });
    await recordAudit(tx, {
      action: 'patrol.calendar_feed_create',
      actor: by(actor),
      wardId: member.wardId,
      entityType: 'patrol_member',
      entityId: member.id,
    });
    return { token, createdAt: createdAt.toISOString() };
  });
}

export async function revokeCalendarFeed(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'patrol.read');
  await withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const member = await loadFeedMember(tx, ctx, actor, id);
    await updateMemberRow(tx, member.wardId, member.id, { icalTokenHash: null, icalCreatedAt: null });
    await recordAudit(tx, {
      action: 'patrol.calendar_feed_revoke',
      actor: by(actor),
      wardId: member.wardId,
      entityType: 'patrol_member',
      entityId: member.id,
    });
  });
}

/* ---------- ratings ---------- */

/** A team's ratings for a year: the team's, each member's with whether they may be rated, and the ward's quota. */
export async function getTeamRatings(deps: Deps, actor: Actor, teamId: string, year: number) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, teamId);
    const ratings = await findRatingsOfTeam(tx, team.wardId, team.id, year);
    const members = (await findMembersOfTeam(tx, team.wardId, team.id, true)).filter(
      (m) => m.joinedOn <= ratingPeriod(year).to && (m.leftOn === null || m.leftOn >= ratingPeriod(year).from),
    );
    const teamRating = ratings.find((r) => r.memberId === null);
    const levels = await findWardMemberLevels(tx, team.wardId, year);
    return {
      year,
      period: ratingPeriod(year),
      team: teamRating ? ratingView(teamRating) : null,
      teamRatable: teamRatingError(team, year) === null,
      members: members.map((m) => {
        const error = memberRatingError(m, year);
        const r = ratings.find((x) => x.memberId === m.id);
        return {
          memberId: m.id,
          fullName: m.fullName,
          role: m.role as 'leader' | 'deputy' | 'member',
          rating: r ? ratingView(r) : null,
          ratable: error === null,
          reason: error ? translate(actor.locale, error) : null,
        };
      }),
      quota: excellentQuota(levels.map((l) => l.level as PatrolRating)),
    };
  });
}

/** Rates a team for a year (HD 01/HD-BCA-V05): not if set up under 9 months before the period ends. */
export async function rateTeam(deps: Deps, actor: Actor, teamId: string, year: number, input: z.output<typeof rateSchema>) {
  requirePermission(actor, 'patrol.manage');
  await withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, teamId);
    const error = teamRatingError(team, year);
    if (error) throw new AppError('ratingNotAllowed', field('year', error));
    const leader = (await findMembersOfTeam(tx, team.wardId, team.id, true)).find((m) => m.role === 'leader');
    const leaderRating = leader ? (await findRatingsOfMembers(tx, team.wardId, [leader.id])).find((r) => r.year === year) : undefined;
    if (leaderRating) {
      const leaderError = leaderRatingError(leaderRating.level as PatrolRating, input.level);
      if (leaderError) throw new AppError('ratingNotAllowed', field('level', leaderError));
    }
    await upsertRating(tx, {
      wardId: team.wardId,
      teamId: team.id,
      memberId: null,
      year,
      level: input.level,
      note: input.note || null,
      ratedBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'patrol.rating',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'patrol_team',
      entityId: team.id,
      detail: { year, level: input.level },
    });
  });
  return getTeamRatings(deps, actor, teamId, year);
}

/** Rates a member for a year: not under 9 months of service; a leader never above the team. */
export async function rateMember(deps: Deps, actor: Actor, memberId: string, year: number, input: z.output<typeof rateSchema>) {
  requirePermission(actor, 'patrol.manage');
  const teamId = await withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const member = await loadMember(tx, ctx.scope, memberId);
    const error = memberRatingError(member, year);
    if (error) throw new AppError('ratingNotAllowed', field('year', error));
    if (member.role === 'leader') {
      const teamRating = (await findRatingsOfTeam(tx, member.wardId, member.teamId, year)).find((r) => r.memberId === null);
      const leaderError = leaderRatingError(input.level, (teamRating?.level as PatrolRating | undefined) ?? null);
      if (leaderError) throw new AppError('ratingNotAllowed', field('level', leaderError));
    }
    await upsertRating(tx, {
      wardId: member.wardId,
      teamId: member.teamId,
      memberId: member.id,
      year,
      level: input.level,
      note: input.note || null,
      ratedBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'patrol.rating',
      actor: by(actor),
      wardId: member.wardId,
      entityType: 'patrol_member',
      entityId: member.id,
      detail: { year, level: input.level },
    });
    return member.teamId;
  });
  return getTeamRatings(deps, actor, teamId, year);
}

/* ---------- routes and checkpoints ---------- */

/** Routes in reach with their checkpoints in walking order; QR secrets only for those who print them. */
export async function listRoutes(deps: Deps, actor: Actor, q: z.output<typeof listRoutesQuerySchema>) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const routes = await findRoutesInScope(tx, ctx.scope, { teamId: q.teamId, q: q.q, includeInactive: q.includeInactive === 'true' });
    const byWard = new Map<string, string[]>();
    for (const r of routes) byWard.set(r.wardId, [...(byWard.get(r.wardId) ?? []), r.id]);
    const checkpoints = (await Promise.all([...byWard].map(([wardId, ids]) => findCheckpoints(tx, wardId, ids)))).flat();
    return { items: routes.map((r) => routeView(r, checkpoints, canSeeQrCodes(actor))) };
  });
}

async function routeDetail(tx: Tx, scope: PatrolScope, actor: Actor, id: string) {
  const route = await findRouteInScope(tx, scope, id);
  if (!route) throw new AppError('notFound');
  return routeView(route, await findCheckpoints(tx, route.wardId, [route.id]), canSeeQrCodes(actor));
}

export async function getRoute(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => routeDetail(tx, (await patrolContext(tx, actor)).scope, actor, id));
}

type CheckpointInput = z.output<typeof replaceCheckpointsSchema>['checkpoints'][number];

async function checkCheckpointUnits(tx: Tx, wardId: string, list: readonly CheckpointInput[]): Promise<void> {
  const ids = [...new Set(list.map((c) => c.unitId).filter((u): u is string => !!u))];
  const found = await findWardUnits(tx, wardId, ids);
  list.forEach((c, i) => {
    if (c.unitId && found.find((u) => u.id === c.unitId)?.type !== 'block')
      throw ruleError(`checkpoints.${i}.unitId`, 'patrols.unitNotBlock');
  });
}

/** A new checkpoint's secret QR code: 72 random bits. */
const checkpointCode = () => randomToken(9);

/** Makes a route of ordered checkpoints, for a team or for the whole ward. */
export async function createRoute(deps: Deps, actor: Actor, input: z.output<typeof createRouteSchema>) {
  requirePermission(actor, 'patrol.manage');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = input.teamId ? await loadTeam(tx, ctx.scope, input.teamId) : null;
    const wardId = team?.wardId ?? actor.wardId;
    if (!wardId) throw ruleError('teamId', 'validation.required');
    await checkCheckpointUnits(tx, wardId, input.checkpoints);
    await insertRoute(tx, { wardId, id, teamId: team?.id ?? null, name: input.name, description: input.description || null });
    let ordinal = 0;
    for (const c of input.checkpoints) {
      ordinal += 1;
      await insertCheckpoint(tx, {
        wardId,
        routeId: id,
        ordinal,
        name: c.name,
        unitId: c.unitId ?? null,
        street: c.street || null,
        lat: c.lat ?? null,
        lng: c.lng ?? null,
        radiusM: c.radiusM ?? 100,
        code: checkpointCode(),
      });
    }
    await recordAudit(tx, {
      action: 'patrol.route_create',
      actor: by(actor),
      wardId,
      entityType: 'patrol_route',
      entityId: id,
      detail: { teamId: team?.id ?? null, checkpoints: input.checkpoints.length },
    });
    return routeDetail(tx, ctx.scope, actor, id);
  });
}

export async function updateRoute(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateRouteSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const route = await findRouteInScope(tx, ctx.scope, id);
    if (!route) throw new AppError('notFound');
    if (input.teamId) {
      const team = await loadTeam(tx, ctx.scope, input.teamId);
      if (team.wardId !== route.wardId) throw ruleError('teamId', 'patrols.routeNotOfTeam');
    }
    await updateRouteRow(tx, route.wardId, route.id, {
      name: input.name,
      teamId: input.teamId,
      description: input.description === undefined ? undefined : input.description || null,
      active: input.active,
    });
    await recordAudit(tx, {
      action: 'patrol.route_update',
      actor: by(actor),
      wardId: route.wardId,
      entityType: 'patrol_route',
      entityId: route.id,
      detail: { fields: Object.keys(input) },
    });
    return routeDetail(tx, ctx.scope, actor, id);
  });
}

/**
 * Sets a route's checkpoints in a new order: listed checkpoints with an id are kept (with their QR code) and changed,
 * those without are added, and the route's others are retired — never deleted, since rounds may have reached them.
 */
export async function replaceCheckpoints(deps: Deps, actor: Actor, id: string, input: z.output<typeof replaceCheckpointsSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const route = await findRouteInScope(tx, ctx.scope, id);
    if (!route) throw new AppError('notFound');
    const existing = await findCheckpoints(tx, route.wardId, [route.id]);
    input.checkpoints.forEach((c, i) => {
      if (c.id && !existing.some((e) => e.id === c.id)) throw ruleError(`checkpoints.${i}.id`, 'patrols.checkpointUnknown');
    });
    await checkCheckpointUnits(tx, route.wardId, input.checkpoints);
    const kept = new Set(input.checkpoints.map((c) => c.id).filter(Boolean));
    const now = deps.clock();
    for (const e of existing)
      if (!kept.has(e.id)) await updateCheckpointRow(tx, route.wardId, e.id, { retiredAt: now, ordinal: 1000 + e.ordinal });
    let ordinal = 0;
    for (const c of input.checkpoints) {
      ordinal += 1;
      const values = {
        ordinal,
        name: c.name,
        unitId: c.unitId ?? null,
        street: c.street || null,
        lat: c.lat ?? null,
        lng: c.lng ?? null,
        radiusM: c.radiusM ?? 100,
      };
      if (c.id) await updateCheckpointRow(tx, route.wardId, c.id, values);
      else await insertCheckpoint(tx, { wardId: route.wardId, routeId: route.id, code: checkpointCode(), ...values });
    }
    await updateRouteRow(tx, route.wardId, route.id, {});
    await recordAudit(tx, {
      action: 'patrol.checkpoints_replace',
      actor: by(actor),
      wardId: route.wardId,
      entityType: 'patrol_route',
      entityId: route.id,
      detail: { checkpoints: input.checkpoints.length, retired: existing.length - kept.size },
    });
    return routeDetail(tx, ctx.scope, actor, id);
  });
}

/* ---------- schedules and shifts ---------- */

async function memberNames(tx: Tx, wardId: string, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await findMembersByIds(tx, [wardId], ids)).map((m) => [m.id, m.fullName]));
}

/** Members assigned to shifts must be serving members of the team. */
async function checkAssignees(tx: Tx, team: TeamRecord, ids: readonly string[], path: string): Promise<void> {
  const serving = new Set((await findMembersOfTeam(tx, team.wardId, team.id, false)).map((m) => m.id));
  ids.forEach((id, i) => {
    if (!serving.has(id)) throw ruleError(`${path}.${i}`, 'patrols.memberNotOfTeam');
  });
}

async function checkScheduleRoute(tx: Tx, scope: PatrolScope, team: TeamRecord, routeId: string | null | undefined): Promise<void> {
  if (!routeId) return;
  const route = await findRouteInScope(tx, scope, routeId);
  if (!route || route.wardId !== team.wardId || (route.teamId !== null && route.teamId !== team.id)) {
    throw ruleError('routeId', 'patrols.routeNotOfTeam');
  }
  if (!route.active) throw ruleError('routeId', 'patrols.routeInactive');
}

/** Makes the shifts of a schedule on the days it falls on from a day to its end, skipping days that have one. */
async function generateShifts(
  tx: Tx,
  s: {
    wardId: string;
    id: string;
    teamId: string;
    routeId: string | null;
    recurrence: Recurrence;
    startTime: string;
    durationMinutes: number;
    validTo: string;
    memberIds: readonly string[];
  },
  from: string,
): Promise<number> {
  const taken = await findShiftDaysOfSchedule(tx, s.wardId, s.id);
  const days = occurrences(s.recurrence, from, s.validTo).filter((d) => !taken.has(d));
  await insertShifts(
    tx,
    days.map((on) => ({
      wardId: s.wardId,
      id: randomUUID(),
      teamId: s.teamId,
      scheduleId: s.id,
      routeId: s.routeId,
      onDay: on,
      ...shiftInstants(on, s.startTime, s.durationMinutes),
      memberIds: s.memberIds,
    })),
  );
  return days.length;
}

function checkSpan(from: string, to: string): void {
  if (addDays(from, SCHEDULE_MAX_DAYS - 1) < to) throw ruleError('validTo', 'patrols.schedule.tooLong');
}

async function scheduleDetail(tx: Tx, scope: PatrolScope, id: string, now: Date) {
  const s = await findScheduleInScope(tx, scope, id, now);
  if (!s) throw new AppError('notFound');
  return scheduleView(s, await memberNames(tx, s.wardId, s.memberIds));
}

export async function listSchedules(deps: Deps, actor: Actor, teamId: string | undefined) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const rows = await findSchedulesInScope(tx, ctx.scope, teamId, deps.clock());
    const names = new Map<string, string>();
    for (const wardId of new Set(rows.map((r) => r.wardId))) {
      const ids = rows.filter((r) => r.wardId === wardId).flatMap((r) => r.memberIds);
      for (const [k, v] of await memberNames(tx, wardId, [...new Set(ids)])) names.set(k, v);
    }
    return { items: rows.map((s) => scheduleView(s, names)) };
  });
}

export async function getSchedule(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => scheduleDetail(tx, (await patrolContext(tx, actor)).scope, id, deps.clock()));
}

/** Makes a weekly or monthly schedule for a team and the shifts it falls on, with the members assigned to them. */
export async function createSchedule(deps: Deps, actor: Actor, input: z.output<typeof createScheduleSchema>) {
  requirePermission(actor, 'patrol.manage');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const team = await loadTeam(tx, ctx.scope, input.teamId);
    checkSpan(input.validFrom, input.validTo);
    if (!isTeamActiveOn(team, input.validFrom) || (team.closedOn && team.closedOn < input.validTo)) {
      throw new AppError('teamInactive', field('validFrom', 'patrols.roundOutsideTeam'));
    }
    await checkScheduleRoute(tx, ctx.scope, team, input.routeId);
    await checkAssignees(tx, team, input.memberIds ?? [], 'memberIds');
    const row = {
      wardId: team.wardId,
      id,
      teamId: team.id,
      routeId: input.routeId ?? null,
      name: input.name,
      recurrence: input.recurrence,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      validFrom: input.validFrom,
      validTo: input.validTo,
      memberIds: input.memberIds ?? [],
    };
    await insertSchedule(tx, row);
    const shifts = await generateShifts(tx, row, input.validFrom);
    await recordAudit(tx, {
      action: 'patrol.schedule_create',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'patrol_schedule',
      entityId: id,
      detail: { teamId: team.id, shifts },
    });
    return scheduleDetail(tx, ctx.scope, id, deps.clock());
  });
}

/** Changes a schedule; its shifts from now on (without a round) are made again, past ones stay. */
export async function updateSchedule(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateScheduleSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const now = deps.clock();
    const s = await findScheduleInScope(tx, ctx.scope, id, now);
    if (!s) throw new AppError('notFound');
    const team = await loadTeam(tx, ctx.scope, s.teamId);
    const next = {
      wardId: s.wardId,
      id: s.id,
      teamId: s.teamId,
      name: input.name ?? s.name,
      routeId: input.routeId === undefined ? s.routeId : input.routeId,
      recurrence: input.recurrence ?? (s.recurrence as Recurrence),
      startTime: input.startTime ?? s.startTime,
      durationMinutes: input.durationMinutes ?? s.durationMinutes,
      validTo: input.validTo ?? s.validTo,
      memberIds: input.memberIds ?? s.memberIds,
    };
    if (next.validTo < s.validFrom) throw ruleError('validTo', 'patrols.periodInverted');
    checkSpan(s.validFrom, next.validTo);
    if (team.closedOn && team.closedOn < next.validTo) throw new AppError('teamInactive', field('validTo', 'patrols.roundOutsideTeam'));
    if (input.routeId !== undefined) await checkScheduleRoute(tx, ctx.scope, team, input.routeId);
    if (input.memberIds) await checkAssignees(tx, team, input.memberIds, 'memberIds');
    await updateScheduleRow(tx, s.wardId, s.id, {
      name: next.name,
      routeId: next.routeId,
      recurrence: next.recurrence,
      startTime: next.startTime,
      durationMinutes: next.durationMinutes,
      validTo: next.validTo,
      memberIds: [...next.memberIds],
    });
    let shifts = 0;
    if (Object.keys(input).some((k) => k !== 'name')) {
      await deleteShiftsOfScheduleFrom(tx, s.wardId, s.id, now);
      const todayVn = vnToday(now);
      shifts = await generateShifts(tx, next, [s.validFrom, todayVn].sort()[1] as string);
      // A shift of today that has not started yet is made again above; one already started stays as it was.
      await deleteShiftsPast(tx, s.wardId, s.id, next.validTo);
    }
    await recordAudit(tx, {
      action: 'patrol.schedule_update',
      actor: by(actor),
      wardId: s.wardId,
      entityType: 'patrol_schedule',
      entityId: s.id,
      detail: { fields: Object.keys(input), shifts },
    });
    return scheduleDetail(tx, ctx.scope, id, now);
  });
}

/** Shifts after a shortened schedule's new end go (those without a round). */
async function deleteShiftsPast(tx: Tx, wardId: string, scheduleId: string, validTo: string): Promise<void> {
  await deleteShiftsOfScheduleFrom(tx, wardId, scheduleId, vnStartOfDay(addDays(validTo, 1)));
}

/** Shifts starting in a period (at most 92 days): of a team, of a member, or the caller's own. */
export async function listShifts(deps: Deps, actor: Actor, q: z.output<typeof listShiftsQuerySchema>) {
  requirePermission(actor, 'patrol.read');
  if (addDays(q.from, SHIFT_LIST_MAX_DAYS - 1) < q.to) throw new AppError('validation', field('to', 'patrols.schedule.periodTooLong'));
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    let memberIds: string[] | undefined;
    if (q.mine === 'true') memberIds = ctx.memberships.map((m) => m.memberId);
    if (q.memberId) memberIds = memberIds ? memberIds.filter((m) => m === q.memberId) : [q.memberId];
    const rows = await findShiftsInScope(tx, ctx.scope, {
      from: vnStartOfDay(q.from),
      to: vnStartOfDay(addDays(q.to, 1)),
      teamId: q.teamId,
      memberIds,
    });
    return { items: rows.map(shiftView) };
  });
}

/** Changes one shift: who is on it, its route, cancelled or not, a note. */
export async function updateShift(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateShiftSchema>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    const shift = await findShiftInScope(tx, ctx.scope, id);
    if (!shift) throw new AppError('notFound');
    const team = await loadTeam(tx, ctx.scope, shift.teamId);
    if (input.memberIds) {
      await checkAssignees(tx, team, input.memberIds, 'memberIds');
      await replaceShiftMembers(tx, shift.wardId, shift.id, input.memberIds);
    }
    if (input.routeId !== undefined) await checkScheduleRoute(tx, ctx.scope, team, input.routeId);
    await updateShiftRow(tx, shift.wardId, shift.id, {
      routeId: input.routeId,
      cancelled: input.cancelled,
      note: input.note === undefined ? undefined : input.note || null,
    });
    await recordAudit(tx, {
      action: 'patrol.shift_update',
      actor: by(actor),
      wardId: shift.wardId,
      entityType: 'patrol_shift',
      entityId: shift.id,
      detail: { fields: Object.keys(input) },
    });
    const updated = await findShiftInScope(tx, ctx.scope, id);
    if (!updated) throw new AppError('notFound');
    return shiftView(updated);
  });
}

/* ---------- me ---------- */

/** The teams the caller serves in (for the phone: which team to record for, which member to subscribe as). */
export async function getMe(deps: Deps, actor: Actor) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const ctx = await patrolContext(tx, actor);
    return {
      memberships: ctx.memberships.map((m) => ({
        memberId: m.memberId,
        teamId: m.teamId,
        teamName: m.teamName,
        teamKind: m.teamKind as PatrolTeamKind,
        role: m.role as 'leader' | 'deputy' | 'member',
        force: TEAM_KINDS[m.teamKind as PatrolTeamKind].force,
        hasCalendarFeed: m.hasCalendarFeed,
      })),
      canManage: can(actor, 'patrol.manage'),
      canRecord: can(actor, 'patrol.record'),
    };
  });
}
