import { randomUUID } from 'node:crypto';
import {
  blockCoverage,
  type CheckpointMethod,
  checkpointVisitCheck,
  countFindings,
  countIncidentsByHandling,
  countIncidentsByType,
  countTurns,
  type createRoundSchema,
  INCIDENT_CASE_TYPES,
  type IncidentHandling,
  type IncidentType,
  type incidentInputSchema,
  type listRoundsQuerySchema,
  type ParticipantKind,
  type PatrolSummary,
  type PatrolTeamKind,
  participantKindOf,
  participantsError,
  type patrolFiguresQuerySchema,
  type ResidenceFinding,
  type residenceCheckInputSchema,
  roundMinutes,
  roundTimesError,
  teamKindDayError,
  totalRounds,
  translate,
  type updateIncidentSchema,
  type updateRoundSchema,
  vnDayOf,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.ts';
import { vnToday } from '../../platform/time.ts';
import { recordCaseFromPatrol } from '../cases/index.ts';
import { findSubtreeIds, findUnitByCodeInScope } from '../units/index.ts';
import { findUserView } from '../users/index.ts';
import { countPatrolFigures } from './patrol.figures.ts';
import { patrolContext } from './patrol.policy.ts';
import {
  countResidenceChecks,
  findBlocksInForce,
  findCheckpoints,
  findCheckpointsByIds,
  findIncidents,
  findMembersByIds,
  findParticipants,
  findResidenceChecks,
  findRoundDetailFacts,
  findRoundFacts,
  findRoundInScope,
  findRoundsInScope,
  findRouteInScope,
  findShiftInScope,
  findTeamNames,
  findVisits,
  findWardUnits,
  insertIncidents,
  insertResidenceChecks,
  insertRound,
  insertVisits,
  type PatrolScope,
  type RoundListRecord,
  replaceParticipants,
  type TeamRecord,
  updateIncidentRow,
  updateRoundRow,
} from './patrol.repository.ts';
import { by, loadTeam, ruleError } from './patrol.service.ts';
import type { IncidentRow } from './patrol.table.ts';
import { isTeamActiveOn } from './patrol.views.ts';

const field = (path: string, message: string) => [{ path, message }];
/** The later of two yyyy-mm-dd days. */
const laterDay = (a: string, b: string) => [a, b].sort()[1] as string;

function turnsOf(r: { officers: number; civilians: number }) {
  return { total: r.officers + r.civilians, officers: r.officers, civilians: r.civilians };
}

export function summaryView(r: RoundListRecord) {
  return {
    id: r.id,
    teamId: r.teamId,
    teamName: r.teamName,
    unitName: r.unitName,
    routeName: r.routeName,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
    durationMinutes: roundMinutes(r.startedAt, r.endedAt),
    turns: turnsOf(r),
    checkpointsReached: r.checkpointsReached,
    residenceChecks: r.residenceChecks,
    incidents: r.incidents,
    handedToPolice: r.handedToPolice,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function incidentView(i: IncidentRow) {
  return {
    id: i.id,
    type: i.type as IncidentType,
    occurredAt: i.occurredAt.toISOString(),
    place: i.place,
    unitId: i.unitId,
    lat: i.lat,
    lng: i.lng,
    description: i.description,
    handling: i.handling as IncidentHandling,
    handlingNote: i.handlingNote,
    case: i.caseId && i.caseNumber ? { id: i.caseId, number: i.caseNumber } : null,
    handedAt: iso(i.handedAt),
  };
}

async function roundDetail(tx: Tx, r: RoundListRecord) {
  const participants = await findParticipants(tx, r.wardId, r.id);
  const visits = await findVisits(tx, r.wardId, r.id);
  const checks = await findResidenceChecks(tx, r.wardId, r.id);
  const incidents = await findIncidents(tx, r.wardId, r.id);
  const planned = r.routeId ? (await findCheckpoints(tx, r.wardId, [r.routeId])).length : 0;
  const user = r.recordedBy ? await findUserView(tx, r.recordedBy, r.recordedAt) : null;
  return {
    id: r.id,
    wardId: r.wardId,
    teamId: r.teamId,
    teamName: r.teamName,
    teamKind: r.teamKind as PatrolTeamKind,
    unitId: r.unitId,
    unitName: r.unitName,
    routeId: r.routeId,
    routeName: r.routeName,
    shiftId: r.shiftId,
    plannedStart: iso(r.plannedStart),
    plannedEnd: iso(r.plannedEnd),
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
    durationMinutes: roundMinutes(r.startedAt, r.endedAt),
    participants: participants.map((p) => ({ id: p.id, memberId: p.memberId, name: p.name, kind: p.kind as ParticipantKind })),
    turns: countTurns(participants.map((p) => ({ kind: p.kind as ParticipantKind }))),
    checkpoints: visits.map((v) => ({
      id: v.v.id,
      checkpointId: v.v.checkpointId,
      name: v.name,
      ordinal: v.ordinal,
      unitId: v.unitId,
      at: v.v.at.toISOString(),
      method: v.v.method as CheckpointMethod,
      verified: v.v.verified,
      distanceM: v.v.distanceM,
    })),
    checkpointsPlanned: planned,
    residenceChecks: checks.map((c) => ({
      id: c.id,
      unitId: c.unitId,
      address: c.address,
      premises: c.premises as 'household',
      peopleChecked: c.peopleChecked,
      findings: c.findings as ResidenceFinding[],
      action: c.action as 'reminded' | null,
      note: c.note,
    })),
    incidents: incidents.map(incidentView),
    note: r.note,
    recordedBy: user ? { id: user.id, name: user.displayName } : null,
    recordedAt: r.recordedAt.toISOString(),
    recordedOnDeviceAt: iso(r.recordedOnDeviceAt),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function loadRound(tx: Tx, scope: PatrolScope, id: string): Promise<RoundListRecord> {
  const round = await findRoundInScope(tx, scope, id);
  if (!round) throw new AppError('notFound');
  return round;
}

const isRoundCursor = (c: string) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z~[0-9a-f-]{36}$/i.test(c);

/** The patrol log in reach, newest first, with filters (keyset paging). */
export async function listRounds(deps: Deps, actor: Actor, q: z.output<typeof listRoundsQuerySchema>) {
  requirePermission(actor, 'patrol.read');
  const limit = q.limit ?? 50;
  if (q.cursor && !isRoundCursor(q.cursor)) throw new AppError('validation', field('cursor', 'validation.invalid'));
  const [at, id] = q.cursor ? (q.cursor.split('~') as [string, string]) : [];
  return withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const rows = await findRoundsInScope(
      tx,
      scope,
      {
        teamId: q.teamId,
        routeId: q.routeId,
        from: q.from,
        to: q.to,
        hasIncidents: q.hasIncidents === undefined ? undefined : q.hasIncidents === 'true',
        after: at && id ? { startedAt: new Date(at), id } : undefined,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryView),
      nextCursor: rows.length > limit && last ? `${last.startedAt.toISOString()}~${last.id}` : null,
    };
  });
}

/** One round with its participants, checkpoints, residence checks (addresses) and incidents; the read is audited. */
export async function getRound(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const round = await loadRound(tx, scope, id);
    await recordAudit(tx, {
      action: 'patrol.round_read',
      actor: by(actor),
      wardId: round.wardId,
      entityType: 'patrol_round',
      entityId: id,
    });
    return roundDetail(tx, round);
  });
}

type ParticipantInput = { memberId?: string; name?: string; kind?: ParticipantKind };

/** Participants as stored: a member's name and kind come from the member and their team. */
async function resolveParticipants(tx: Tx, wardId: string, list: readonly ParticipantInput[]) {
  const error = participantsError(list);
  if (error) throw ruleError('participants', error);
  const ids = list.map((p) => p.memberId).filter((m): m is string => !!m);
  const members = new Map((await findMembersByIds(tx, [wardId], ids)).map((m) => [m.id, m]));
  return list.map((p, i) => {
    if (!p.memberId) return { memberId: null, name: p.name as string, kind: p.kind as ParticipantKind };
    const m = members.get(p.memberId);
    if (!m) throw ruleError(`participants.${i}.memberId`, 'patrols.memberNotInWard');
    return { memberId: m.id, name: m.fullName, kind: participantKindOf(m.teamKind as PatrolTeamKind) };
  });
}

/** A round may be recorded for a team only on a day the team was active and its kind existed in law. */
function checkTeamOnDay(team: TeamRecord, startedAt: string | Date): void {
  const day = vnDayOf(startedAt);
  if (!isTeamActiveOn(team, day)) throw new AppError('teamInactive', field('startedAt', 'patrols.roundOutsideTeam'));
  const kindError = teamKindDayError(team.kind as PatrolTeamKind, day);
  if (kindError) throw new AppError('teamKindPeriod', field('startedAt', kindError));
}

async function checkRoute(tx: Tx, scope: PatrolScope, team: TeamRecord, routeId: string | null | undefined): Promise<void> {
  if (!routeId) return;
  const route = await findRouteInScope(tx, scope, routeId);
  if (!route || route.wardId !== team.wardId || (route.teamId !== null && route.teamId !== team.id)) {
    throw ruleError('routeId', 'patrols.routeNotOfTeam');
  }
}

type VisitInput = NonNullable<z.output<typeof createRoundSchema>['checkpoints']>[number];

async function visitRows(tx: Tx, wardId: string, roundId: string, routeId: string | null, visits: readonly VisitInput[], path: string) {
  const checkpoints = new Map(
    (await findCheckpointsByIds(tx, wardId, [...new Set(visits.map((v) => v.checkpointId))])).map((c) => [c.id, c]),
  );
  return visits.map((v, i) => {
    const cp = checkpoints.get(v.checkpointId);
    if (!cp) throw ruleError(`${path}.${i}.checkpointId`, 'patrols.checkpointUnknown');
    if (routeId && cp.routeId !== routeId) throw ruleError(`${path}.${i}.checkpointId`, 'patrols.checkpointNotOnRoute');
    const check = checkpointVisitCheck(v, cp);
    return {
      wardId,
      roundId,
      checkpointId: cp.id,
      at: new Date(v.at),
      method: v.method,
      verified: check.verified,
      distanceM: check.distanceM,
      lat: v.lat ?? null,
      lng: v.lng ?? null,
      accuracyM: v.accuracyM ?? null,
    };
  });
}

async function checkBlocks(tx: Tx, wardId: string, list: readonly { unitId?: string | null }[], path: string): Promise<void> {
  const ids = [...new Set(list.map((x) => x.unitId).filter((u): u is string => !!u))];
  const found = await findWardUnits(tx, wardId, ids);
  list.forEach((x, i) => {
    if (x.unitId && found.find((u) => u.id === x.unitId)?.type !== 'block') throw ruleError(`${path}.${i}.unitId`, 'patrols.unitNotBlock');
  });
}

function residenceRows(wardId: string, roundId: string, list: readonly z.output<typeof residenceCheckInputSchema>[], offset: number) {
  return list.map((c, i) => ({
    wardId,
    roundId,
    unitId: c.unitId ?? null,
    address: c.address,
    premises: c.premises,
    peopleChecked: c.peopleChecked,
    findings: c.findings,
    action: c.action ?? null,
    note: c.note || null,
    position: offset + i,
  }));
}

/**
 * Hands an incident to the ward police: a case is recorded in the register (received, assigned to nobody yet) and
 * linked to the incident. Runs in the caller's transaction; audited.
 */
async function handOver(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  round: { wardId: string; id: string; unitId: string },
  team: { name: string },
  incident: IncidentRow,
) {
  const now = deps.clock();
  const occurredOn = vnDayOf(incident.occurredAt);
  const created = await recordCaseFromPatrol(tx, {
    wardId: round.wardId,
    unitId: incident.unitId ?? round.unitId,
    type: INCIDENT_CASE_TYPES[incident.type as IncidentType],
    occurredOn,
    discoveredOn: laterDay(vnToday(now), occurredOn),
    place: incident.place,
    summary: translate('vi', 'patrols.caseDraft', { team: team.name, description: incident.description }),
  });
  await updateIncidentRow(tx, round.wardId, incident.id, {
    handling: 'handed_to_police',
    caseId: created.id,
    caseNumber: created.number,
    handedAt: now,
    handedBy: actor.userId,
  });
  await recordAudit(tx, {
    action: 'patrol.incident_handover',
    actor: by(actor),
    wardId: round.wardId,
    entityType: 'patrol_incident',
    entityId: incident.id,
    detail: { roundId: round.id, caseId: created.id },
  });
  await recordAudit(tx, {
    action: 'case.create',
    actor: by(actor),
    wardId: round.wardId,
    entityType: 'case',
    entityId: created.id,
    detail: { source: 'patrol', incidentId: incident.id },
  });
}

async function addIncidents(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  round: { wardId: string; id: string; unitId: string },
  team: TeamRecord,
  list: readonly z.output<typeof incidentInputSchema>[],
  offset: number,
  path: string,
): Promise<string[]> {
  await checkBlocks(tx, round.wardId, list, path);
  const rows = list.map((i, n) => ({
    wardId: round.wardId,
    id: randomUUID(),
    roundId: round.id,
    type: i.type,
    occurredAt: new Date(i.occurredAt),
    place: i.place || null,
    unitId: i.unitId ?? null,
    lat: i.lat ?? null,
    lng: i.lng ?? null,
    description: i.description,
    // Handed over below, once the case exists.
    handling: i.handling === 'handed_to_police' ? 'noted' : i.handling,
    handlingNote: i.handlingNote || null,
    position: offset + n,
  }));
  await insertIncidents(tx, rows);
  const stored = await findIncidents(tx, round.wardId, round.id);
  for (const [n, input] of list.entries()) {
    const row = stored.find((s) => s.id === rows[n]?.id);
    if (input.handling === 'handed_to_police' && row) await handOver(tx, deps, actor, round, team, row);
  }
  return rows.map((r) => r.id);
}

/**
 * Records a round, whole, as the phone sends it after the patrol (`POST /api/v1/patrols/rounds`): idempotent by the
 * request's Idempotency-Key, so that a phone that resends after a lost answer never makes a second round. A civil guard
 * or block leader records only for a team they serve in. Incidents handed to the police become cases.
 */
export async function createRound(deps: Deps, actor: Actor, input: z.output<typeof createRoundSchema>, idem: IdempotentRequest) {
  requirePermission(actor, 'patrol.record');
  return runIdempotent(deps, actor, idem, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const team = await loadTeam(tx, scope, input.teamId);
    const timeError = roundTimesError(input.startedAt, input.endedAt, deps.clock());
    if (timeError) throw ruleError('endedAt', timeError);
    checkTeamOnDay(team, input.startedAt);
    await checkRoute(tx, scope, team, input.routeId);
    let plannedStart = input.plannedStart ? new Date(input.plannedStart) : null;
    let plannedEnd = input.plannedEnd ? new Date(input.plannedEnd) : null;
    let routeId = input.routeId ?? null;
    if (input.shiftId) {
      const shift = await findShiftInScope(tx, scope, input.shiftId);
      if (!shift || shift.teamId !== team.id) throw ruleError('shiftId', 'patrols.shiftNotOfTeam');
      plannedStart ??= shift.startsAt;
      plannedEnd ??= shift.endsAt;
      if (input.routeId === undefined) routeId = shift.routeId;
    }
    const participants = await resolveParticipants(tx, team.wardId, input.participants);
    const id = randomUUID();
    const visits = await visitRows(tx, team.wardId, id, routeId, input.checkpoints ?? [], 'checkpoints');
    await checkBlocks(tx, team.wardId, input.residenceChecks ?? [], 'residenceChecks');
    const now = deps.clock();
    await insertRound(tx, {
      wardId: team.wardId,
      id,
      teamId: team.id,
      unitId: team.unitId,
      routeId,
      shiftId: input.shiftId ?? null,
      plannedStart,
      plannedEnd,
      startedAt: new Date(input.startedAt),
      endedAt: new Date(input.endedAt),
      startedOn: vnDayOf(input.startedAt),
      note: input.note || null,
      recordedBy: actor.userId,
      recordedAt: now,
      recordedOnDeviceAt: input.recordedOnDeviceAt ? new Date(input.recordedOnDeviceAt) : null,
    });
    await replaceParticipants(tx, team.wardId, id, participants);
    await insertVisits(tx, visits);
    await insertResidenceChecks(tx, residenceRows(team.wardId, id, input.residenceChecks ?? [], 0));
    const round = { wardId: team.wardId, id, unitId: team.unitId };
    await addIncidents(tx, deps, actor, round, team, input.incidents ?? [], 0, 'incidents');
    const turns = countTurns(participants);
    await recordAudit(tx, {
      action: 'patrol.round_create',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'patrol_round',
      entityId: id,
      detail: {
        teamId: team.id,
        turns: turns.total,
        officers: turns.officers,
        checkpoints: visits.length,
        residenceChecks: input.residenceChecks?.length ?? 0,
        incidents: input.incidents?.length ?? 0,
      },
    });
    return { status: 201, body: await roundDetail(tx, await loadRound(tx, scope, id)) };
  });
}

/** Runs a write idempotently when the request carries a key, and plainly otherwise (appends from the phone may send one). */
function maybeIdempotent<T>(deps: Deps, actor: Actor, idem: IdempotentRequest, status: number, work: (tx: Tx) => Promise<T>) {
  if (idem.key) return runIdempotent(deps, actor, idem, async (tx) => ({ status, body: await work(tx) }));
  return withActor(deps.database.db, actor, async (tx) => ({ status, body: await work(tx), replayed: false }));
}

/** Changes a round's times, route, participants or note (a civil guard only for their own team). */
export async function updateRound(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateRoundSchema>) {
  requirePermission(actor, 'patrol.record');
  return withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const round = await loadRound(tx, scope, id);
    const team = await loadTeam(tx, scope, round.teamId);
    const startedAt = input.startedAt ?? round.startedAt;
    const endedAt = input.endedAt ?? round.endedAt;
    const timeError = roundTimesError(startedAt, endedAt, deps.clock());
    if (timeError) throw ruleError('endedAt', timeError);
    checkTeamOnDay(team, startedAt);
    if (input.routeId !== undefined) await checkRoute(tx, scope, team, input.routeId);
    if (input.participants)
      await replaceParticipants(tx, round.wardId, round.id, await resolveParticipants(tx, round.wardId, input.participants));
    await updateRoundRow(tx, round.wardId, round.id, {
      routeId: input.routeId,
      plannedStart: input.plannedStart === undefined ? undefined : input.plannedStart ? new Date(input.plannedStart) : null,
      plannedEnd: input.plannedEnd === undefined ? undefined : input.plannedEnd ? new Date(input.plannedEnd) : null,
      startedAt: new Date(startedAt),
      endedAt: new Date(endedAt),
      startedOn: vnDayOf(startedAt),
      note: input.note === undefined ? undefined : input.note || null,
    });
    await recordAudit(tx, {
      action: 'patrol.round_update',
      actor: by(actor),
      wardId: round.wardId,
      entityType: 'patrol_round',
      entityId: round.id,
      detail: { fields: Object.keys(input) },
    });
    return roundDetail(tx, await loadRound(tx, scope, id));
  });
}

/** Adds checkpoints reached to a round (appended, as a phone sends them). */
export async function addCheckpointVisits(deps: Deps, actor: Actor, id: string, visits: readonly VisitInput[], idem: IdempotentRequest) {
  requirePermission(actor, 'patrol.record');
  return maybeIdempotent(deps, actor, idem, 200, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const round = await loadRound(tx, scope, id);
    await insertVisits(tx, await visitRows(tx, round.wardId, round.id, round.routeId, visits, 'checkpoints'));
    await recordAudit(tx, {
      action: 'patrol.checkpoint_visit_add',
      actor: by(actor),
      wardId: round.wardId,
      entityType: 'patrol_round',
      entityId: round.id,
      detail: { count: visits.length },
    });
    return roundDetail(tx, await loadRound(tx, scope, id));
  });
}

/** Adds a residence check to a round (tạm trú, tạm vắng, lưu trú checked on patrol). */
export async function addResidenceCheck(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.output<typeof residenceCheckInputSchema>,
  idem: IdempotentRequest,
) {
  requirePermission(actor, 'patrol.record');
  return maybeIdempotent(deps, actor, idem, 200, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const round = await loadRound(tx, scope, id);
    await checkBlocks(tx, round.wardId, [input], 'residenceChecks');
    const offset = await countResidenceChecks(tx, round.wardId, round.id);
    await insertResidenceChecks(tx, residenceRows(round.wardId, round.id, [input], offset));
    await recordAudit(tx, {
      action: 'patrol.residence_check_add',
      actor: by(actor),
      wardId: round.wardId,
      entityType: 'patrol_round',
      entityId: round.id,
      detail: { findings: input.findings },
    });
    return roundDetail(tx, await loadRound(tx, scope, id));
  });
}

/** Adds an incident met on the round; handled "handed to the police" it becomes a case in the register. */
export async function addIncident(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.output<typeof incidentInputSchema>,
  idem: IdempotentRequest,
) {
  requirePermission(actor, 'patrol.record');
  return maybeIdempotent(deps, actor, idem, 200, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const round = await loadRound(tx, scope, id);
    const team = await loadTeam(tx, scope, round.teamId);
    const offset = (await findIncidents(tx, round.wardId, round.id)).length;
    const [incidentId] = await addIncidents(tx, deps, actor, round, team, [input], offset, 'incidents');
    await recordAudit(tx, {
      action: 'patrol.incident_add',
      actor: by(actor),
      wardId: round.wardId,
      entityType: 'patrol_incident',
      entityId: incidentId ?? null,
      detail: { roundId: round.id, type: input.type, handling: input.handling },
    });
    return roundDetail(tx, await loadRound(tx, scope, id));
  });
}

async function loadIncident(tx: Tx, round: RoundListRecord, incidentId: string): Promise<IncidentRow> {
  const incident = (await findIncidents(tx, round.wardId, round.id)).find((i) => i.id === incidentId);
  if (!incident) throw new AppError('notFound');
  return incident;
}

/** Changes an incident's type, description or handling; one handed to the police keeps that handling. */
export async function updateIncident(
  deps: Deps,
  actor: Actor,
  id: string,
  incidentId: string,
  input: z.output<typeof updateIncidentSchema>,
) {
  requirePermission(actor, 'patrol.record');
  return withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const round = await loadRound(tx, scope, id);
    const incident = await loadIncident(tx, round, incidentId);
    if (incident.caseId && input.handling && input.handling !== 'handed_to_police') {
      throw new AppError('conflict', field('handling', 'patrols.handedIncidentLocked'));
    }
    await updateIncidentRow(tx, round.wardId, incident.id, {
      type: input.type,
      description: input.description,
      handling: input.handling === 'handed_to_police' ? undefined : input.handling,
      handlingNote: input.handlingNote === undefined ? undefined : input.handlingNote || null,
    });
    await recordAudit(tx, {
      action: 'patrol.incident_update',
      actor: by(actor),
      wardId: round.wardId,
      entityType: 'patrol_incident',
      entityId: incident.id,
      detail: { fields: Object.keys(input), handling: input.handling },
    });
    if (input.handling === 'handed_to_police' && !incident.caseId) {
      const team = await loadTeam(tx, scope, round.teamId);
      await handOver(tx, deps, actor, round, team, await loadIncident(tx, round, incidentId));
    }
    return roundDetail(tx, await loadRound(tx, scope, id));
  });
}

/** Hands an incident met on patrol to the ward police: a case is recorded in the register, once. */
export async function handIncidentToPolice(deps: Deps, actor: Actor, id: string, incidentId: string, idem: IdempotentRequest) {
  requirePermission(actor, 'patrol.record');
  return maybeIdempotent(deps, actor, idem, 200, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const round = await loadRound(tx, scope, id);
    const incident = await loadIncident(tx, round, incidentId);
    if (incident.caseId) throw new AppError('conflict', field('incidentId', 'patrols.alreadyHanded'));
    const team = await loadTeam(tx, scope, round.teamId);
    await handOver(tx, deps, actor, round, team, incident);
    return roundDetail(tx, await loadRound(tx, scope, id));
  });
}

/* ---------- figures ---------- */

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** Counts of the patrol log of a set of units over a period, by the rules of domain/src/patrols. */
async function computeFigures(tx: Tx, unitIds: readonly string[], from: string, to: string, teamIds: readonly string[] | null) {
  const facts = await findRoundFacts(tx, unitIds, from, to, teamIds);
  const totals = totalRounds(facts, { from, to });
  const details = await findRoundDetailFacts(tx, unitIds, from, to, teamIds);
  const blocks = await findBlocksInForce(tx, unitIds, from, to);
  const coverage = blockCoverage(
    blocks.map((b) => b.id),
    details.reachedBlockIds,
  );
  return { facts, totals, details, blocks, coverage };
}

/**
 * The patrol figures of a unit and its sub-units over a period: rounds, turns (officers and civilians), hours,
 * incidents by type and handling, residence checks, block coverage, by month and by team. A civil guard or block
 * leader gets the figures of their own teams.
 */
export async function patrolFigures(deps: Deps, actor: Actor, q: z.output<typeof patrolFiguresQuerySchema>) {
  requirePermission(actor, 'patrol.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    // A member's teams may work beyond their own block: the unit is looked up within their wards.
    const lookup = scope.teamIds === null ? actor : { ...actor, unitIds: null };
    const unit = await findUnitByCodeInScope(tx, lookup, q.unit, vnToday(deps.clock()));
    if (!unit) throw new AppError('notFound');
    let teamIds = scope.teamIds;
    if (q.teamId) teamIds = teamIds ? teamIds.filter((t) => t === q.teamId) : [q.teamId];
    const unitIds = await findSubtreeIds(tx, unit.id);
    const { facts, totals, details, blocks, coverage } = await computeFigures(tx, unitIds, q.from, q.to, teamIds);
    const months = new Map<string, { rounds: number; turns: number; minutes: number }>();
    const teams = new Map<string, { rounds: number; turns: number; minutes: number }>();
    for (const f of facts) {
      const minutes = roundMinutes(f.startedAt, f.endedAt);
      for (const [map, key] of [
        [months, vnDayOf(f.startedAt).slice(0, 7)],
        [teams, f.teamId],
      ] as const) {
        const cur = map.get(key) ?? { rounds: 0, turns: 0, minutes: 0 };
        map.set(key, { rounds: cur.rounds + 1, turns: cur.turns + f.officers + f.civilians, minutes: cur.minutes + minutes });
      }
    }
    const teamNames = await findTeamNames(tx, [...teams.keys()]);
    const findings = details.residence.flatMap((r) => r.findings as ResidenceFinding[]);
    await recordAudit(tx, {
      action: 'patrol.figures',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'unit',
      entityId: unit.id,
      detail: { from: q.from, to: q.to, teamId: q.teamId },
    });
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name },
      period: { from: q.from, to: q.to },
      ...totals,
      incidents: {
        total: details.incidents.length,
        handedToPolice: details.incidents.filter((i) => i.handling === 'handed_to_police').length,
        byType: countIncidentsByType(details.incidents.map((i) => i.type as IncidentType)),
        byHandling: countIncidentsByHandling(details.incidents.map((i) => i.handling as IncidentHandling)),
      },
      residenceChecks: {
        total: details.residence.length,
        withFindings: details.residence.filter((r) => r.findings.length > 0).length,
        peopleChecked: details.residence.reduce((a, r) => a + r.peopleChecked, 0),
        byFinding: countFindings(findings),
      },
      coverage: {
        blocks: coverage.blocks,
        covered: coverage.covered,
        rate: coverage.rate,
        uncovered: blocks.filter((b) => coverage.uncoveredIds.includes(b.id)),
      },
      byMonth: [...months.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([month, v]) => ({ month, rounds: v.rounds, turns: v.turns, hours: hours(v.minutes) })),
      byTeam: [...teams.entries()]
        .map(([teamId, v]) => ({
          teamId,
          name: teamNames.get(teamId)?.name ?? '',
          kind: (teamNames.get(teamId)?.kind ?? 'people_patrol') as PatrolTeamKind,
          rounds: v.rounds,
          turns: v.turns,
          hours: hours(v.minutes),
        }))
        .sort((a, b) => b.rounds - a.rounds || a.name.localeCompare(b.name, 'vi')),
    };
  });
}

/**
 * The patrol figures the report summary carries (`GET /api/v1/reports/summary`), for a set of units over a period;
 * runs in the report's transaction. Counted in the database in one statement (patrol.figures.ts), by the same rules as
 * `patrolFigures`; counts only.
 */
export async function summarisePatrols(tx: Tx, unitIds: readonly string[], from: string, to: string): Promise<PatrolSummary> {
  return countPatrolFigures(tx, unitIds, from, to);
}
