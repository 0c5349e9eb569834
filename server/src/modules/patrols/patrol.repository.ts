import { and, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type Actor, inScope } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import { users } from '../users/index.ts';
import {
  type CheckpointRow,
  type IncidentRow,
  type MemberRow,
  patrolCheckpoints,
  patrolCheckpointVisits,
  patrolIncidents,
  patrolMembers,
  patrolRatings,
  patrolResidenceChecks,
  patrolRoundParticipants,
  patrolRounds,
  patrolRoutes,
  patrolSchedules,
  patrolShiftMembers,
  patrolShifts,
  patrolTeamAreas,
  patrolTeams,
  type RatingRow,
  type RoundRow,
  type RouteRow,
  type ScheduleRow,
  type ShiftRow,
  type TeamRow,
} from './patrol.table.ts';

/**
 * Who reaches what of the patrol tables: the ward police reach their wards (`inScope`); a civil guard or block leader
 * reaches only the teams they serve in (`teamIds`, from patrol.policy.ts).
 */
export type PatrolScope = { actor: Actor; teamIds: readonly string[] | null };

/** The scope condition on a table with a ward, a team and (for the ward police's unit limits) a unit. */
function scoped(scope: PatrolScope, cols: { wardId: PgColumn; teamId: PgColumn; unitId?: PgColumn }): SQL {
  if (scope.teamIds === null) return inScope(scope.actor, { wardId: cols.wardId, unitId: cols.unitId });
  const teams = scope.teamIds.length ? inArray(cols.teamId, [...scope.teamIds]) : sql`false`;
  return and(inScope(scope.actor, { wardId: cols.wardId }), teams) as SQL;
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/* ---------- teams ---------- */

export type TeamRecord = TeamRow & {
  unitName: string;
  memberCount: number;
  leader: { id: string; fullName: string } | null;
  area: { id: string; name: string }[];
};

const teamColumns = {
  t: patrolTeams,
  unitName: units.name,
  memberCount: sql<number>`(SELECT count(*)::int FROM patrol_members m
    WHERE m.ward_id = ${patrolTeams.wardId} AND m.team_id = ${patrolTeams.id} AND m.left_on IS NULL)`,
  leader: sql<{ id: string; fullName: string } | null>`(SELECT json_build_object('id', m.id, 'fullName', m.full_name)
    FROM patrol_members m WHERE m.ward_id = ${patrolTeams.wardId} AND m.team_id = ${patrolTeams.id}
    AND m.role = 'leader' AND m.left_on IS NULL LIMIT 1)`,
  area: sql<{ id: string; name: string }[]>`coalesce((SELECT json_agg(json_build_object('id', a.unit_id, 'name', au.name) ORDER BY au.name)
    FROM patrol_team_areas a JOIN units au ON au.id = a.unit_id
    WHERE a.ward_id = ${patrolTeams.wardId} AND a.team_id = ${patrolTeams.id}), '[]'::json)`,
};

type TeamSelect = { t: TeamRow; unitName: string; memberCount: number; leader: TeamRecord['leader']; area: TeamRecord['area'] };
const toTeam = (r: TeamSelect): TeamRecord => ({
  ...r.t,
  unitName: r.unitName,
  memberCount: Number(r.memberCount),
  leader: r.leader,
  area: r.area ?? [],
});

export type TeamFilter = {
  q?: string;
  kind?: string;
  unitId?: string;
  status?: 'active' | 'closed' | 'all';
  today: string;
  after?: { name: string; id: string };
};

/** Teams in reach, by name (keyset on name and id). */
export async function findTeamsInScope(tx: DbOrTx, scope: PatrolScope, f: TeamFilter, limit: number): Promise<TeamRecord[]> {
  const where: (SQL | undefined)[] = [scoped(scope, { wardId: patrolTeams.wardId, teamId: patrolTeams.id, unitId: patrolTeams.unitId })];
  if (f.q?.trim()) {
    where.push(sql`f_unaccent(lower(${patrolTeams.name})) LIKE f_unaccent(${likePattern(f.q.trim().normalize('NFC').toLowerCase())})`);
  }
  if (f.kind) where.push(eq(patrolTeams.kind, f.kind));
  if (f.unitId) {
    where.push(
      or(
        eq(patrolTeams.unitId, f.unitId),
        sql`EXISTS (SELECT 1 FROM patrol_team_areas a WHERE a.ward_id = ${patrolTeams.wardId} AND a.team_id = ${patrolTeams.id} AND a.unit_id = ${f.unitId})`,
      ),
    );
  }
  const status = f.status ?? 'active';
  if (status === 'active') where.push(sql`(${patrolTeams.closedOn} IS NULL OR ${patrolTeams.closedOn} >= ${f.today}::date)`);
  if (status === 'closed') where.push(sql`${patrolTeams.closedOn} < ${f.today}::date`);
  if (f.after) where.push(sql`(${patrolTeams.name}, ${patrolTeams.id}) > (${f.after.name}, ${f.after.id}::uuid)`);
  const rows = await tx
    .select(teamColumns)
    .from(patrolTeams)
    .innerJoin(units, eq(units.id, patrolTeams.unitId))
    .where(and(...where))
    .orderBy(asc(patrolTeams.name), asc(patrolTeams.id))
    .limit(limit);
  return rows.map(toTeam);
}

export async function findTeamInScope(tx: DbOrTx, scope: PatrolScope, id: string): Promise<TeamRecord | null> {
  const rows = await tx
    .select(teamColumns)
    .from(patrolTeams)
    .innerJoin(units, eq(units.id, patrolTeams.unitId))
    .where(and(eq(patrolTeams.id, id), scoped(scope, { wardId: patrolTeams.wardId, teamId: patrolTeams.id, unitId: patrolTeams.unitId })))
    .limit(1);
  return rows[0] ? toTeam(rows[0]) : null;
}

export async function insertTeam(tx: DbOrTx, row: typeof patrolTeams.$inferInsert): Promise<void> {
  await tx.insert(patrolTeams).values(row);
}

export async function updateTeamRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolTeams.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolTeams)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patrolTeams.wardId, wardId), eq(patrolTeams.id, id)));
}

export async function replaceTeamArea(tx: DbOrTx, wardId: string, teamId: string, unitIds: readonly string[]): Promise<void> {
  await tx.delete(patrolTeamAreas).where(and(eq(patrolTeamAreas.wardId, wardId), eq(patrolTeamAreas.teamId, teamId)));
  if (unitIds.length) await tx.insert(patrolTeamAreas).values(unitIds.map((unitId) => ({ wardId, teamId, unitId })));
}

/** Units of a ward by id, with their type and validity (to check what a client named). */
export async function findWardUnits(
  tx: DbOrTx,
  wardId: string,
  ids: readonly string[],
): Promise<{ id: string; type: string; name: string; validFrom: string | null; validTo: string | null }[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: units.id, type: units.type, name: units.name, validFrom: units.validFrom, validTo: units.validTo })
    .from(units)
    .where(and(inArray(units.id, [...ids]), or(eq(units.wardId, wardId), eq(units.id, wardId))));
}

/* ---------- members ---------- */

export type MemberRecord = MemberRow & {
  teamName: string;
  teamKind: string;
  user: { id: string; username: string; displayName: string } | null;
};

const memberColumns = {
  m: patrolMembers,
  teamName: patrolTeams.name,
  teamKind: patrolTeams.kind,
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
};
type MemberSelect = {
  m: MemberRow;
  teamName: string;
  teamKind: string;
  userId: string | null;
  username: string | null;
  displayName: string | null;
};
const toMember = (r: MemberSelect): MemberRecord => ({
  ...r.m,
  teamName: r.teamName,
  teamKind: r.teamKind,
  user: r.userId && r.username ? { id: r.userId, username: r.username, displayName: r.displayName ?? '' } : null,
});

function memberQuery(tx: DbOrTx) {
  return tx
    .select(memberColumns)
    .from(patrolMembers)
    .innerJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolMembers.wardId), eq(patrolTeams.id, patrolMembers.teamId)))
    .leftJoin(users, eq(users.id, patrolMembers.userId));
}

export async function findMembersOfTeam(tx: DbOrTx, wardId: string, teamId: string, includeLeft: boolean): Promise<MemberRecord[]> {
  const rows = await memberQuery(tx)
    .where(and(eq(patrolMembers.wardId, wardId), eq(patrolMembers.teamId, teamId), includeLeft ? undefined : isNull(patrolMembers.leftOn)))
    .orderBy(sql`CASE ${patrolMembers.role} WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END`, asc(patrolMembers.fullName));
  return rows.map(toMember);
}

/** A team's roster, names only: the columns a picker needs and none of the contacts (leader, deputy, then by name). */
export async function findRosterOfTeam(
  tx: DbOrTx,
  wardId: string,
  teamId: string,
  includeLeft: boolean,
): Promise<{ id: string; fullName: string; role: string; leftOn: string | null }[]> {
  return tx
    .select({ id: patrolMembers.id, fullName: patrolMembers.fullName, role: patrolMembers.role, leftOn: patrolMembers.leftOn })
    .from(patrolMembers)
    .where(and(eq(patrolMembers.wardId, wardId), eq(patrolMembers.teamId, teamId), includeLeft ? undefined : isNull(patrolMembers.leftOn)))
    .orderBy(sql`CASE ${patrolMembers.role} WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END`, asc(patrolMembers.fullName));
}

export async function findMemberInScope(tx: DbOrTx, scope: PatrolScope, id: string): Promise<MemberRecord | null> {
  const rows = await memberQuery(tx)
    .where(
      and(
        eq(patrolMembers.id, id),
        scoped(scope, { wardId: patrolMembers.wardId, teamId: patrolMembers.teamId, unitId: patrolTeams.unitId }),
      ),
    )
    .limit(1);
  return rows[0] ? toMember(rows[0]) : null;
}

/** Members of the given wards by id, with their team's kind (to check participants and assignments). */
export async function findMembersByIds(
  tx: DbOrTx,
  wardIds: readonly string[],
  ids: readonly string[],
): Promise<(MemberRow & { teamKind: string })[]> {
  if (ids.length === 0 || wardIds.length === 0) return [];
  const rows = await tx
    .select({ m: patrolMembers, teamKind: patrolTeams.kind })
    .from(patrolMembers)
    .innerJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolMembers.wardId), eq(patrolTeams.id, patrolMembers.teamId)))
    .where(and(inArray(patrolMembers.wardId, [...wardIds]), inArray(patrolMembers.id, [...ids])));
  return rows.map((r) => ({ ...r.m, teamKind: r.teamKind }));
}

export type Membership = {
  memberId: string;
  wardId: string;
  teamId: string;
  teamName: string;
  teamKind: string;
  role: string;
  hasCalendarFeed: boolean;
};

/** The teams an account serves in now (memberships not ended). */
export async function findMembershipsOfUser(tx: DbOrTx, userId: string): Promise<Membership[]> {
  const rows = await tx
    .select({
      memberId: patrolMembers.id,
      wardId: patrolMembers.wardId,
      teamId: patrolMembers.teamId,
      teamName: patrolTeams.name,
      teamKind: patrolTeams.kind,
      role: patrolMembers.role,
      feed: patrolMembers.icalTokenHash,
    })
    .from(patrolMembers)
    .innerJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolMembers.wardId), eq(patrolTeams.id, patrolMembers.teamId)))
    .where(and(eq(patrolMembers.userId, userId), isNull(patrolMembers.leftOn), isNull(patrolTeams.closedOn)))
    .orderBy(asc(patrolTeams.name));
  return rows.map(({ feed, ...r }) => ({ ...r, hasCalendarFeed: feed !== null }));
}

export async function insertMember(tx: DbOrTx, row: typeof patrolMembers.$inferInsert): Promise<void> {
  await tx.insert(patrolMembers).values(row);
}

export async function updateMemberRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolMembers.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolMembers)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patrolMembers.wardId, wardId), eq(patrolMembers.id, id)));
}

/** Ends every serving membership of a team on a day (when the team closes). */
export async function endMembershipsOfTeam(tx: DbOrTx, wardId: string, teamId: string, on: string, reason: string | null): Promise<void> {
  await tx
    .update(patrolMembers)
    .set({ leftOn: sql`greatest(${patrolMembers.joinedOn}, ${on}::date)`, leaveReason: reason, updatedAt: new Date() })
    .where(and(eq(patrolMembers.wardId, wardId), eq(patrolMembers.teamId, teamId), isNull(patrolMembers.leftOn)));
}

/** The member a calendar feed token (its keyed hash) belongs to, for the public feed (owner, no actor). */
export async function findMemberByFeedHash(tx: DbOrTx, hash: string): Promise<(MemberRow & { teamName: string }) | null> {
  const rows = await tx
    .select({ m: patrolMembers, teamName: patrolTeams.name })
    .from(patrolMembers)
    .innerJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolMembers.wardId), eq(patrolTeams.id, patrolMembers.teamId)))
    .where(eq(patrolMembers.icalTokenHash, hash))
    .limit(1);
  return rows[0] ? { ...rows[0].m, teamName: rows[0].teamName } : null;
}

/* ---------- ratings ---------- */

export async function findRatingsOfTeam(tx: DbOrTx, wardId: string, teamId: string, year?: number): Promise<RatingRow[]> {
  return tx
    .select()
    .from(patrolRatings)
    .where(and(eq(patrolRatings.wardId, wardId), eq(patrolRatings.teamId, teamId), year ? eq(patrolRatings.year, year) : undefined))
    .orderBy(desc(patrolRatings.year));
}

export async function findRatingsOfMembers(tx: DbOrTx, wardId: string, memberIds: readonly string[]): Promise<RatingRow[]> {
  if (memberIds.length === 0) return [];
  return tx
    .select()
    .from(patrolRatings)
    .where(and(eq(patrolRatings.wardId, wardId), inArray(patrolRatings.memberId, [...memberIds])))
    .orderBy(desc(patrolRatings.year));
}

/** The levels given to the ward's members for a year (for the "excellent" quota). */
export async function findWardMemberLevels(tx: DbOrTx, wardId: string, year: number): Promise<{ memberId: string; level: string }[]> {
  const rows = await tx
    .select({ memberId: patrolRatings.memberId, level: patrolRatings.level })
    .from(patrolRatings)
    .where(and(eq(patrolRatings.wardId, wardId), eq(patrolRatings.year, year), sql`${patrolRatings.memberId} IS NOT NULL`));
  return rows.map((r) => ({ memberId: r.memberId as string, level: r.level }));
}

/** Sets the rating of a team (memberId null) or a member for a year, replacing an earlier one. */
export async function upsertRating(
  tx: DbOrTx,
  row: {
    wardId: string;
    teamId: string;
    memberId: string | null;
    year: number;
    level: string;
    note: string | null;
    ratedBy: string | null;
  },
): Promise<void> {
  const target = and(
    eq(patrolRatings.wardId, row.wardId),
    eq(patrolRatings.teamId, row.teamId),
    eq(patrolRatings.year, row.year),
    row.memberId ? eq(patrolRatings.memberId, row.memberId) : isNull(patrolRatings.memberId),
  );
  const [existing] = await tx.select({ id: patrolRatings.id }).from(patrolRatings).where(target).limit(1);
  if (existing) {
    await tx
      .update(patrolRatings)
      .set({ level: row.level, note: row.note, ratedBy: row.ratedBy, ratedAt: new Date() })
      .where(and(eq(patrolRatings.wardId, row.wardId), eq(patrolRatings.id, existing.id)));
  } else {
    await tx.insert(patrolRatings).values(row);
  }
}

/* ---------- routes and checkpoints ---------- */

export type RouteRecord = RouteRow & { teamName: string | null };

function routeReach(scope: PatrolScope): SQL {
  if (scope.teamIds === null) return inScope(scope.actor, { wardId: patrolRoutes.wardId });
  // Members see their teams' routes and the ward-wide ones.
  const teams = scope.teamIds.length ? inArray(patrolRoutes.teamId, [...scope.teamIds]) : sql`false`;
  return and(inScope(scope.actor, { wardId: patrolRoutes.wardId }), or(isNull(patrolRoutes.teamId), teams)) as SQL;
}

export async function findRoutesInScope(
  tx: DbOrTx,
  scope: PatrolScope,
  f: { teamId?: string; q?: string; includeInactive?: boolean },
): Promise<RouteRecord[]> {
  const where: (SQL | undefined)[] = [routeReach(scope)];
  if (f.teamId) where.push(or(eq(patrolRoutes.teamId, f.teamId), isNull(patrolRoutes.teamId)));
  if (f.q?.trim()) where.push(sql`f_unaccent(lower(${patrolRoutes.name})) LIKE f_unaccent(${likePattern(f.q.trim().toLowerCase())})`);
  if (!f.includeInactive) where.push(eq(patrolRoutes.active, true));
  const rows = await tx
    .select({ r: patrolRoutes, teamName: patrolTeams.name })
    .from(patrolRoutes)
    .leftJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolRoutes.wardId), eq(patrolTeams.id, patrolRoutes.teamId)))
    .where(and(...where))
    .orderBy(asc(patrolRoutes.name), asc(patrolRoutes.id))
    .limit(500);
  return rows.map((r) => ({ ...r.r, teamName: r.teamName }));
}

export async function findRouteInScope(tx: DbOrTx, scope: PatrolScope, id: string): Promise<RouteRecord | null> {
  const rows = await tx
    .select({ r: patrolRoutes, teamName: patrolTeams.name })
    .from(patrolRoutes)
    .leftJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolRoutes.wardId), eq(patrolTeams.id, patrolRoutes.teamId)))
    .where(and(eq(patrolRoutes.id, id), routeReach(scope)))
    .limit(1);
  return rows[0] ? { ...rows[0].r, teamName: rows[0].teamName } : null;
}

export async function insertRoute(tx: DbOrTx, row: typeof patrolRoutes.$inferInsert): Promise<void> {
  await tx.insert(patrolRoutes).values(row);
}

export async function updateRouteRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolRoutes.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolRoutes)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patrolRoutes.wardId, wardId), eq(patrolRoutes.id, id)));
}

export type CheckpointRecord = CheckpointRow & { unitName: string | null };

/** The checkpoints of routes in walking order (retired ones only when asked). */
export async function findCheckpoints(
  tx: DbOrTx,
  wardId: string,
  routeIds: readonly string[],
  includeRetired = false,
): Promise<CheckpointRecord[]> {
  if (routeIds.length === 0) return [];
  const rows = await tx
    .select({ c: patrolCheckpoints, unitName: units.name })
    .from(patrolCheckpoints)
    .leftJoin(units, eq(units.id, patrolCheckpoints.unitId))
    .where(
      and(
        eq(patrolCheckpoints.wardId, wardId),
        inArray(patrolCheckpoints.routeId, [...routeIds]),
        includeRetired ? undefined : isNull(patrolCheckpoints.retiredAt),
      ),
    )
    .orderBy(asc(patrolCheckpoints.routeId), asc(patrolCheckpoints.ordinal));
  return rows.map((r) => ({ ...r.c, unitName: r.unitName }));
}

export async function insertCheckpoint(tx: DbOrTx, row: typeof patrolCheckpoints.$inferInsert): Promise<void> {
  await tx.insert(patrolCheckpoints).values(row);
}

export async function updateCheckpointRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolCheckpoints.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolCheckpoints)
    .set(values)
    .where(and(eq(patrolCheckpoints.wardId, wardId), eq(patrolCheckpoints.id, id)));
}

/* ---------- schedules and shifts ---------- */

export type ScheduleRecord = ScheduleRow & { teamName: string; routeName: string | null; upcomingShifts: number };

function scheduleQuery(tx: DbOrTx, now: Date) {
  return tx
    .select({
      s: patrolSchedules,
      teamName: patrolTeams.name,
      routeName: patrolRoutes.name,
      upcoming: sql<number>`(SELECT count(*)::int FROM patrol_shifts x
        WHERE x.ward_id = ${patrolSchedules.wardId} AND x.schedule_id = ${patrolSchedules.id} AND x.ends_at >= ${now})`,
    })
    .from(patrolSchedules)
    .innerJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolSchedules.wardId), eq(patrolTeams.id, patrolSchedules.teamId)))
    .leftJoin(patrolRoutes, and(eq(patrolRoutes.wardId, patrolSchedules.wardId), eq(patrolRoutes.id, patrolSchedules.routeId)));
}

export async function findSchedulesInScope(
  tx: DbOrTx,
  scope: PatrolScope,
  teamId: string | undefined,
  now: Date,
): Promise<ScheduleRecord[]> {
  const rows = await scheduleQuery(tx, now)
    .where(
      and(
        scoped(scope, { wardId: patrolSchedules.wardId, teamId: patrolSchedules.teamId, unitId: patrolTeams.unitId }),
        teamId ? eq(patrolSchedules.teamId, teamId) : undefined,
      ),
    )
    .orderBy(desc(patrolSchedules.validFrom), asc(patrolSchedules.name))
    .limit(500);
  return rows.map((r) => ({ ...r.s, teamName: r.teamName, routeName: r.routeName, upcomingShifts: Number(r.upcoming) }));
}

export async function findScheduleInScope(tx: DbOrTx, scope: PatrolScope, id: string, now: Date): Promise<ScheduleRecord | null> {
  const rows = await scheduleQuery(tx, now)
    .where(
      and(
        eq(patrolSchedules.id, id),
        scoped(scope, { wardId: patrolSchedules.wardId, teamId: patrolSchedules.teamId, unitId: patrolTeams.unitId }),
      ),
    )
    .limit(1);
  const r = rows[0];
  return r ? { ...r.s, teamName: r.teamName, routeName: r.routeName, upcomingShifts: Number(r.upcoming) } : null;
}

export async function insertSchedule(tx: DbOrTx, row: typeof patrolSchedules.$inferInsert): Promise<void> {
  await tx.insert(patrolSchedules).values(row);
}

export async function updateScheduleRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolSchedules.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolSchedules)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patrolSchedules.wardId, wardId), eq(patrolSchedules.id, id)));
}

/** Adds shifts with their assigned members. */
export async function insertShifts(
  tx: DbOrTx,
  rows: (typeof patrolShifts.$inferInsert & { id: string; memberIds: readonly string[] })[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx.insert(patrolShifts).values(chunk.map(({ memberIds: _, ...r }) => r));
    const members = chunk.flatMap((r) => r.memberIds.map((memberId) => ({ wardId: r.wardId, shiftId: r.id, memberId })));
    if (members.length) await tx.insert(patrolShiftMembers).values(members);
  }
}

/** Removes a schedule's shifts that start from an instant on and have no round recorded against them. */
export async function deleteShiftsOfScheduleFrom(tx: DbOrTx, wardId: string, scheduleId: string, from: Date): Promise<void> {
  await queryRows(
    tx,
    sql`DELETE FROM patrol_shifts s WHERE s.ward_id = ${wardId} AND s.schedule_id = ${scheduleId} AND s.starts_at >= ${from}
        AND NOT EXISTS (SELECT 1 FROM patrol_rounds r WHERE r.ward_id = s.ward_id AND r.shift_id = s.id)`,
  );
}

/** The days a schedule already has a shift on. */
export async function findShiftDaysOfSchedule(tx: DbOrTx, wardId: string, scheduleId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ on: patrolShifts.onDay })
    .from(patrolShifts)
    .where(and(eq(patrolShifts.wardId, wardId), eq(patrolShifts.scheduleId, scheduleId)));
  return new Set(rows.map((r) => r.on));
}

export type ShiftRecord = ShiftRow & {
  teamName: string;
  routeName: string | null;
  members: { id: string; fullName: string }[];
  roundIds: string[];
};

const shiftColumns = {
  s: patrolShifts,
  teamName: patrolTeams.name,
  routeName: patrolRoutes.name,
  members: sql<
    { id: string; fullName: string }[]
  >`coalesce((SELECT json_agg(json_build_object('id', m.id, 'fullName', m.full_name) ORDER BY m.full_name)
    FROM patrol_shift_members sm JOIN patrol_members m ON m.ward_id = sm.ward_id AND m.id = sm.member_id
    WHERE sm.ward_id = ${patrolShifts.wardId} AND sm.shift_id = ${patrolShifts.id}), '[]'::json)`,
  roundIds: sql<
    string[]
  >`array(SELECT r.id FROM patrol_rounds r WHERE r.ward_id = ${patrolShifts.wardId} AND r.shift_id = ${patrolShifts.id})`,
};

function shiftQuery(tx: DbOrTx) {
  return tx
    .select(shiftColumns)
    .from(patrolShifts)
    .innerJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolShifts.wardId), eq(patrolTeams.id, patrolShifts.teamId)))
    .leftJoin(patrolRoutes, and(eq(patrolRoutes.wardId, patrolShifts.wardId), eq(patrolRoutes.id, patrolShifts.routeId)));
}

type ShiftSelect = { s: ShiftRow; teamName: string; routeName: string | null; members: ShiftRecord['members']; roundIds: string[] };
const toShift = (r: ShiftSelect): ShiftRecord => ({
  ...r.s,
  teamName: r.teamName,
  routeName: r.routeName,
  members: r.members ?? [],
  roundIds: r.roundIds ?? [],
});

/** Shifts that start between two instants, in reach, optionally of a team or of a member. */
export async function findShiftsInScope(
  tx: DbOrTx,
  scope: PatrolScope,
  f: { from: Date; to: Date; teamId?: string; memberIds?: readonly string[] },
): Promise<ShiftRecord[]> {
  const where: (SQL | undefined)[] = [
    scoped(scope, { wardId: patrolShifts.wardId, teamId: patrolShifts.teamId, unitId: patrolTeams.unitId }),
    gte(patrolShifts.startsAt, f.from),
    sql`${patrolShifts.startsAt} < ${f.to}`,
  ];
  if (f.teamId) where.push(eq(patrolShifts.teamId, f.teamId));
  if (f.memberIds) {
    where.push(
      f.memberIds.length
        ? sql`EXISTS (SELECT 1 FROM patrol_shift_members sm WHERE sm.ward_id = ${patrolShifts.wardId} AND sm.shift_id = ${patrolShifts.id}
            AND sm.member_id = ANY(${uuidArray(f.memberIds)}::uuid[]))`
        : sql`false`,
    );
  }
  const rows = await shiftQuery(tx)
    .where(and(...where))
    .orderBy(asc(patrolShifts.startsAt), asc(patrolShifts.id))
    .limit(2000);
  return rows.map(toShift);
}

export async function findShiftInScope(tx: DbOrTx, scope: PatrolScope, id: string): Promise<ShiftRecord | null> {
  const rows = await shiftQuery(tx)
    .where(
      and(eq(patrolShifts.id, id), scoped(scope, { wardId: patrolShifts.wardId, teamId: patrolShifts.teamId, unitId: patrolTeams.unitId })),
    )
    .limit(1);
  return rows[0] ? toShift(rows[0]) : null;
}

/** A member's shifts between two instants, for the calendar feed (owner, no actor: the feed's token is the credential). */
export async function findShiftsOfMember(tx: DbOrTx, wardId: string, memberId: string, from: Date, to: Date): Promise<ShiftRecord[]> {
  const rows = await shiftQuery(tx)
    .where(
      and(
        eq(patrolShifts.wardId, wardId),
        gte(patrolShifts.startsAt, from),
        sql`${patrolShifts.startsAt} < ${to}`,
        sql`EXISTS (SELECT 1 FROM patrol_shift_members sm WHERE sm.ward_id = ${patrolShifts.wardId} AND sm.shift_id = ${patrolShifts.id} AND sm.member_id = ${memberId})`,
      ),
    )
    .orderBy(asc(patrolShifts.startsAt))
    .limit(1000);
  return rows.map(toShift);
}

export async function updateShiftRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolShifts.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolShifts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patrolShifts.wardId, wardId), eq(patrolShifts.id, id)));
}

export async function replaceShiftMembers(tx: DbOrTx, wardId: string, shiftId: string, memberIds: readonly string[]): Promise<void> {
  await tx.delete(patrolShiftMembers).where(and(eq(patrolShiftMembers.wardId, wardId), eq(patrolShiftMembers.shiftId, shiftId)));
  if (memberIds.length) await tx.insert(patrolShiftMembers).values(memberIds.map((memberId) => ({ wardId, shiftId, memberId })));
}

/* ---------- rounds ---------- */

export type RoundListRecord = RoundRow & {
  teamName: string;
  teamKind: string;
  unitName: string;
  routeName: string | null;
  officers: number;
  civilians: number;
  checkpointsReached: number;
  residenceChecks: number;
  incidents: number;
  handedToPolice: number;
};

const roundColumns = {
  r: patrolRounds,
  teamName: patrolTeams.name,
  teamKind: patrolTeams.kind,
  unitName: units.name,
  routeName: patrolRoutes.name,
  officers: sql<number>`(SELECT count(*)::int FROM patrol_round_participants p
    WHERE p.ward_id = ${patrolRounds.wardId} AND p.round_id = ${patrolRounds.id} AND p.kind = 'officer')`,
  civilians: sql<number>`(SELECT count(*)::int FROM patrol_round_participants p
    WHERE p.ward_id = ${patrolRounds.wardId} AND p.round_id = ${patrolRounds.id} AND p.kind = 'civilian')`,
  checkpointsReached: sql<number>`(SELECT count(DISTINCT v.checkpoint_id)::int FROM patrol_checkpoint_visits v
    WHERE v.ward_id = ${patrolRounds.wardId} AND v.round_id = ${patrolRounds.id})`,
  residenceChecks: sql<number>`(SELECT count(*)::int FROM patrol_residence_checks c
    WHERE c.ward_id = ${patrolRounds.wardId} AND c.round_id = ${patrolRounds.id})`,
  incidents: sql<number>`(SELECT count(*)::int FROM patrol_incidents i WHERE i.ward_id = ${patrolRounds.wardId} AND i.round_id = ${patrolRounds.id})`,
  handedToPolice: sql<number>`(SELECT count(*)::int FROM patrol_incidents i
    WHERE i.ward_id = ${patrolRounds.wardId} AND i.round_id = ${patrolRounds.id} AND i.handling = 'handed_to_police')`,
};

type RoundSelect = { r: RoundRow; teamName: string; teamKind: string; unitName: string; routeName: string | null } & Record<
  'officers' | 'civilians' | 'checkpointsReached' | 'residenceChecks' | 'incidents' | 'handedToPolice',
  number
>;
const toRound = (x: RoundSelect): RoundListRecord => ({
  ...x.r,
  teamName: x.teamName,
  teamKind: x.teamKind,
  unitName: x.unitName,
  routeName: x.routeName,
  officers: Number(x.officers),
  civilians: Number(x.civilians),
  checkpointsReached: Number(x.checkpointsReached),
  residenceChecks: Number(x.residenceChecks),
  incidents: Number(x.incidents),
  handedToPolice: Number(x.handedToPolice),
});

function roundQuery(tx: DbOrTx) {
  return tx
    .select(roundColumns)
    .from(patrolRounds)
    .innerJoin(patrolTeams, and(eq(patrolTeams.wardId, patrolRounds.wardId), eq(patrolTeams.id, patrolRounds.teamId)))
    .innerJoin(units, eq(units.id, patrolRounds.unitId))
    .leftJoin(patrolRoutes, and(eq(patrolRoutes.wardId, patrolRounds.wardId), eq(patrolRoutes.id, patrolRounds.routeId)));
}

export type RoundFilter = {
  teamId?: string;
  routeId?: string;
  from?: string;
  to?: string;
  hasIncidents?: boolean;
  after?: { startedAt: Date; id: string };
};

/** Rounds in reach, newest first (keyset on start and id). */
export async function findRoundsInScope(tx: DbOrTx, scope: PatrolScope, f: RoundFilter, limit: number): Promise<RoundListRecord[]> {
  const where: (SQL | undefined)[] = [
    scoped(scope, { wardId: patrolRounds.wardId, teamId: patrolRounds.teamId, unitId: patrolRounds.unitId }),
  ];
  if (f.teamId) where.push(eq(patrolRounds.teamId, f.teamId));
  if (f.routeId) where.push(eq(patrolRounds.routeId, f.routeId));
  if (f.from) where.push(gte(patrolRounds.startedOn, f.from));
  if (f.to) where.push(lte(patrolRounds.startedOn, f.to));
  if (f.hasIncidents !== undefined) {
    const exists = sql`EXISTS (SELECT 1 FROM patrol_incidents i WHERE i.ward_id = ${patrolRounds.wardId} AND i.round_id = ${patrolRounds.id})`;
    where.push(f.hasIncidents ? exists : sql`NOT ${exists}`);
  }
  if (f.after) where.push(sql`(${patrolRounds.startedAt}, ${patrolRounds.id}) < (${f.after.startedAt}, ${f.after.id}::uuid)`);
  const rows = await roundQuery(tx)
    .where(and(...where))
    .orderBy(desc(patrolRounds.startedAt), desc(patrolRounds.id))
    .limit(limit);
  return rows.map(toRound);
}

export async function findRoundInScope(tx: DbOrTx, scope: PatrolScope, id: string): Promise<RoundListRecord | null> {
  const rows = await roundQuery(tx)
    .where(
      and(
        eq(patrolRounds.id, id),
        scoped(scope, { wardId: patrolRounds.wardId, teamId: patrolRounds.teamId, unitId: patrolRounds.unitId }),
      ),
    )
    .limit(1);
  return rows[0] ? toRound(rows[0]) : null;
}

export async function insertRound(tx: DbOrTx, row: typeof patrolRounds.$inferInsert): Promise<void> {
  await tx.insert(patrolRounds).values(row);
}

export async function updateRoundRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolRounds.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolRounds)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patrolRounds.wardId, wardId), eq(patrolRounds.id, id)));
}

export async function replaceParticipants(
  tx: DbOrTx,
  wardId: string,
  roundId: string,
  rows: { memberId: string | null; name: string; kind: string }[],
): Promise<void> {
  await tx
    .delete(patrolRoundParticipants)
    .where(and(eq(patrolRoundParticipants.wardId, wardId), eq(patrolRoundParticipants.roundId, roundId)));
  if (rows.length) await tx.insert(patrolRoundParticipants).values(rows.map((r, i) => ({ wardId, roundId, position: i, ...r })));
}

export async function findParticipants(tx: DbOrTx, wardId: string, roundId: string) {
  return tx
    .select()
    .from(patrolRoundParticipants)
    .where(and(eq(patrolRoundParticipants.wardId, wardId), eq(patrolRoundParticipants.roundId, roundId)))
    .orderBy(asc(patrolRoundParticipants.position));
}

export async function insertVisits(tx: DbOrTx, rows: (typeof patrolCheckpointVisits.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(patrolCheckpointVisits).values(rows);
}

export async function findVisits(tx: DbOrTx, wardId: string, roundId: string) {
  return tx
    .select({
      v: patrolCheckpointVisits,
      name: patrolCheckpoints.name,
      ordinal: patrolCheckpoints.ordinal,
      unitId: patrolCheckpoints.unitId,
    })
    .from(patrolCheckpointVisits)
    .innerJoin(
      patrolCheckpoints,
      and(eq(patrolCheckpoints.wardId, patrolCheckpointVisits.wardId), eq(patrolCheckpoints.id, patrolCheckpointVisits.checkpointId)),
    )
    .where(and(eq(patrolCheckpointVisits.wardId, wardId), eq(patrolCheckpointVisits.roundId, roundId)))
    .orderBy(asc(patrolCheckpointVisits.at));
}

/** The checkpoints of a ward by id, retired or not (to check what a phone marked). */
export async function findCheckpointsByIds(tx: DbOrTx, wardId: string, ids: readonly string[]): Promise<CheckpointRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(patrolCheckpoints)
    .where(and(eq(patrolCheckpoints.wardId, wardId), inArray(patrolCheckpoints.id, [...ids])));
}

export async function countResidenceChecks(tx: DbOrTx, wardId: string, roundId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM patrol_residence_checks WHERE ward_id = ${wardId} AND round_id = ${roundId}`,
  );
  return Number(row?.n ?? 0);
}

export async function insertResidenceChecks(tx: DbOrTx, rows: (typeof patrolResidenceChecks.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(patrolResidenceChecks).values(rows);
}

export async function findResidenceChecks(tx: DbOrTx, wardId: string, roundId: string) {
  return tx
    .select()
    .from(patrolResidenceChecks)
    .where(and(eq(patrolResidenceChecks.wardId, wardId), eq(patrolResidenceChecks.roundId, roundId)))
    .orderBy(asc(patrolResidenceChecks.position));
}

export async function insertIncidents(tx: DbOrTx, rows: (typeof patrolIncidents.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(patrolIncidents).values(rows);
}

export async function findIncidents(tx: DbOrTx, wardId: string, roundId: string): Promise<IncidentRow[]> {
  return tx
    .select()
    .from(patrolIncidents)
    .where(and(eq(patrolIncidents.wardId, wardId), eq(patrolIncidents.roundId, roundId)))
    .orderBy(asc(patrolIncidents.position));
}

export async function updateIncidentRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof patrolIncidents.$inferInsert>,
): Promise<void> {
  await tx
    .update(patrolIncidents)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patrolIncidents.wardId, wardId), eq(patrolIncidents.id, id)));
}

/* ---------- figures ---------- */

export type RoundFactRow = { id: string; teamId: string; startedAt: Date; endedAt: Date; officers: number; civilians: number };

/** One compact row per round of a set of units over a period (by Vietnamese start day); counts only. */
export async function findRoundFacts(
  tx: DbOrTx,
  unitIds: readonly string[],
  from: string,
  to: string,
  teamIds: readonly string[] | null,
): Promise<RoundFactRow[]> {
  if (unitIds.length === 0 || (teamIds && teamIds.length === 0)) return [];
  const rows = await queryRows<{
    id: string;
    team_id: string;
    started_at: string | Date;
    ended_at: string | Date;
    officers: number;
    civilians: number;
  }>(
    tx,
    sql`SELECT r.id, r.team_id, r.started_at, r.ended_at,
               count(p.id) FILTER (WHERE p.kind = 'officer')::int AS officers,
               count(p.id) FILTER (WHERE p.kind = 'civilian')::int AS civilians
        FROM patrol_rounds r
        LEFT JOIN patrol_round_participants p ON p.ward_id = r.ward_id AND p.round_id = r.id
        WHERE r.unit_id = ANY(${uuidArray(unitIds)}::uuid[]) AND r.started_on BETWEEN ${from}::date AND ${to}::date
          ${teamIds ? sql`AND r.team_id = ANY(${uuidArray(teamIds)}::uuid[])` : sql``}
        GROUP BY r.ward_id, r.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    startedAt: new Date(r.started_at),
    endedAt: new Date(r.ended_at),
    officers: Number(r.officers),
    civilians: Number(r.civilians),
  }));
}

const roundsOf = (unitIds: readonly string[], from: string, to: string, teamIds: readonly string[] | null) =>
  sql`SELECT r.ward_id, r.id FROM patrol_rounds r WHERE r.unit_id = ANY(${uuidArray(unitIds)}::uuid[])
      AND r.started_on BETWEEN ${from}::date AND ${to}::date
      ${teamIds ? sql`AND r.team_id = ANY(${uuidArray(teamIds)}::uuid[])` : sql``}`;

/** Incidents, residence checks and the blocks reached by the rounds of a set of units over a period. */
export async function findRoundDetailFacts(
  tx: DbOrTx,
  unitIds: readonly string[],
  from: string,
  to: string,
  teamIds: readonly string[] | null,
): Promise<{
  incidents: { type: string; handling: string }[];
  residence: { findings: string[]; peopleChecked: number }[];
  reachedBlockIds: string[];
}> {
  if (unitIds.length === 0 || (teamIds && teamIds.length === 0)) return { incidents: [], residence: [], reachedBlockIds: [] };
  const rounds = roundsOf(unitIds, from, to, teamIds);
  const incidents = await queryRows<{ type: string; handling: string }>(
    tx,
    sql`SELECT i.type, i.handling FROM patrol_incidents i JOIN (${rounds}) r ON r.ward_id = i.ward_id AND r.id = i.round_id`,
  );
  const residence = await queryRows<{ findings: string[]; people_checked: number }>(
    tx,
    sql`SELECT c.findings, c.people_checked FROM patrol_residence_checks c JOIN (${rounds}) r ON r.ward_id = c.ward_id AND r.id = c.round_id`,
  );
  const reached = await queryRows<{ unit_id: string }>(
    tx,
    sql`SELECT DISTINCT cp.unit_id FROM patrol_checkpoint_visits v
          JOIN (${rounds}) r ON r.ward_id = v.ward_id AND r.id = v.round_id
          JOIN patrol_checkpoints cp ON cp.ward_id = v.ward_id AND cp.id = v.checkpoint_id
        WHERE cp.unit_id IS NOT NULL
        UNION
        SELECT DISTINCT c.unit_id FROM patrol_residence_checks c JOIN (${rounds}) r ON r.ward_id = c.ward_id AND r.id = c.round_id
        WHERE c.unit_id IS NOT NULL`,
  );
  return {
    incidents,
    residence: residence.map((r) => ({ findings: r.findings ?? [], peopleChecked: Number(r.people_checked) })),
    reachedBlockIds: reached.map((r) => r.unit_id),
  };
}

/** Blocks among a set of units that were in force at some time in a period. */
export async function findBlocksInForce(
  tx: DbOrTx,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<{ id: string; name: string }[]> {
  if (unitIds.length === 0) return [];
  return tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(
      and(
        inArray(units.id, [...unitIds]),
        eq(units.type, 'block'),
        sql`(${units.validFrom} IS NULL OR ${units.validFrom} <= ${to}::date)`,
        sql`(${units.validTo} IS NULL OR ${units.validTo} >= ${from}::date)`,
      ),
    )
    .orderBy(asc(units.name));
}

/** Team names and kinds by id. */
export async function findTeamNames(tx: DbOrTx, ids: readonly string[]): Promise<Map<string, { name: string; kind: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: patrolTeams.id, name: patrolTeams.name, kind: patrolTeams.kind })
    .from(patrolTeams)
    .where(inArray(patrolTeams.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}

/** Whether any round already uses a checkpoint (checked before a checkpoint is retired rather than changed). */
export async function hasVisits(tx: DbOrTx, wardId: string, checkpointId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: patrolCheckpointVisits.id })
    .from(patrolCheckpointVisits)
    .where(and(eq(patrolCheckpointVisits.wardId, wardId), eq(patrolCheckpointVisits.checkpointId, checkpointId)))
    .limit(1);
  return rows.length > 0;
}
