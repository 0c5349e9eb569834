import {
  checkpointQrPayload,
  isLegacyKind,
  type PatrolMemberRole,
  type PatrolRating,
  type PatrolTeamKind,
  participantKindOf,
  type Recurrence,
  ratingPeriod,
} from '@binh-an/domain';
import type { CheckpointRecord, MemberRecord, RouteRecord, ScheduleRecord, ShiftRecord, TeamRecord } from './patrol.repository.ts';
import type { RatingRow } from './patrol.table.ts';

/** Whether a team is active on a day: set up by then and not closed before it. */
export function isTeamActiveOn(team: { establishedOn: string; closedOn: string | null }, day: string): boolean {
  return team.establishedOn <= day && (team.closedOn === null || team.closedOn >= day);
}

export function teamView(t: TeamRecord, myTeamIds: Set<string>, today: string) {
  const kind = t.kind as PatrolTeamKind;
  return {
    id: t.id,
    wardId: t.wardId,
    unitId: t.unitId,
    unitName: t.unitName,
    kind,
    force: participantKindOf(kind),
    isLegacy: isLegacyKind(kind),
    name: t.name,
    area: t.area,
    establishedOn: t.establishedOn,
    closedOn: t.closedOn,
    closeReason: t.closeReason,
    decisionRef: t.decisionRef,
    note: t.note,
    isActive: t.closedOn === null || t.closedOn >= today,
    memberCount: t.memberCount,
    leader: t.leader,
    isMine: myTeamIds.has(t.id),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function ratingView(r: RatingRow) {
  return {
    year: r.year,
    period: ratingPeriod(r.year),
    level: r.level as PatrolRating,
    note: r.note,
    ratedAt: r.ratedAt.toISOString(),
  };
}

export function memberView(m: MemberRecord, ratings: RatingRow[], today: string) {
  const kind = m.teamKind as PatrolTeamKind;
  return {
    id: m.id,
    teamId: m.teamId,
    teamName: m.teamName,
    teamKind: kind,
    fullName: m.fullName,
    birthDate: m.birthDate,
    role: m.role as PatrolMemberRole,
    force: participantKindOf(kind),
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
    leaveReason: m.leaveReason,
    isActive: m.leftOn === null || m.leftOn >= today,
    phone: m.phone,
    address: m.address,
    user: m.user,
    ageExceptionRef: m.ageExceptionRef,
    decisionRef: m.decisionRef,
    note: m.note,
    hasCalendarFeed: m.icalTokenHash !== null,
    ratings: ratings.filter((r) => r.memberId === m.id).map(ratingView),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** A roster line: the name, role and whether the member still serves, nothing else. */
export function rosterMemberView(m: { id: string; fullName: string; role: string; leftOn: string | null }, today: string) {
  return { id: m.id, fullName: m.fullName, role: m.role as PatrolMemberRole, isActive: m.leftOn === null || m.leftOn >= today };
}

export function checkpointView(c: CheckpointRecord, showCode: boolean) {
  return {
    id: c.id,
    ordinal: c.ordinal,
    name: c.name,
    unitId: c.unitId,
    unitName: c.unitName,
    street: c.street,
    lat: c.lat,
    lng: c.lng,
    radiusM: c.radiusM,
    qrPayload: showCode ? checkpointQrPayload(c.id, c.code) : null,
  };
}

export function routeView(r: RouteRecord, checkpoints: CheckpointRecord[], showCode: boolean) {
  return {
    id: r.id,
    wardId: r.wardId,
    teamId: r.teamId,
    teamName: r.teamName,
    name: r.name,
    description: r.description,
    active: r.active,
    checkpoints: checkpoints.filter((c) => c.routeId === r.id && c.retiredAt === null).map((c) => checkpointView(c, showCode)),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function scheduleView(s: ScheduleRecord, names: Map<string, string>) {
  return {
    id: s.id,
    teamId: s.teamId,
    teamName: s.teamName,
    routeId: s.routeId,
    routeName: s.routeName,
    name: s.name,
    recurrence: s.recurrence as Recurrence,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    validFrom: s.validFrom,
    validTo: s.validTo,
    members: s.memberIds.map((id) => ({ id, fullName: names.get(id) ?? '' })),
    upcomingShifts: s.upcomingShifts,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function shiftView(s: ShiftRecord) {
  return {
    id: s.id,
    scheduleId: s.scheduleId,
    teamId: s.teamId,
    teamName: s.teamName,
    routeId: s.routeId,
    routeName: s.routeName,
    on: s.onDay,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    cancelled: s.cancelled,
    note: s.note,
    members: s.members,
    roundIds: s.roundIds,
  };
}
