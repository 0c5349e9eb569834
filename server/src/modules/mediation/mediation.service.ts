import { randomUUID } from 'node:crypto';
import {
  addDays,
  type addMediatorSchema,
  COMPOSITION_ARTICLES,
  canMoveMediation,
  compositionProblems,
  type createMediationCaseSchema,
  type createMediationTeamSchema,
  EARLY_WARNING,
  isProlongedDispute,
  isReturningDispute,
  type LeaderVote,
  type Locale,
  leaderVoteProblem,
  type leaveMediatorSchema,
  type listMediationCasesQuerySchema,
  type listMediationTeamsQuerySchema,
  MEDIATION_TYPES,
  type MediationRisk,
  type MediationStatus,
  type MediationSummary,
  type MediationType,
  type mediationBookQuerySchema,
  mediationCaseNumber,
  type mediationFollowUpSchema,
  type mediationResultInputSchema,
  type mediationSessionSchema,
  partyKey,
  recognitionClock,
  SCOPE_EXCLUSIONS,
  type ScopeExclusion,
  screenMatter,
  servesOn,
  settlementRate,
  translate,
  type updateMediationPartiesSchema,
  type updateMediationTeamSchema,
  type updateMediatorSchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, can, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { loadWorkingDayPredicate } from '../calendar/index.ts';
import { recordCaseDraft } from '../cases/index.ts';
import { listTipsForMediation, takeTipForMediation } from '../tips/index.ts';
import { findUnitById, findUnitInScope } from '../units/index.ts';
import {
  type BookCase,
  type BookData,
  renderBookDocx,
  renderBookPdf,
  renderBookXlsx,
  renderSettlementRecordPdf,
} from './mediation.book.ts';
import {
  type CaseRecord,
  countCaseFigures,
  countUnreadNotifications,
  type FigureRow,
  findBookCases,
  findCaseInScope,
  findCasesInScope,
  findEarlierWithParties,
  findFollowUps,
  findMembers,
  findMembersByIds,
  findNotifications,
  findSessions,
  findTeamInScope,
  findTeamsInScope,
  insertCase,
  insertFollowUp,
  insertMember,
  insertNotification,
  insertSession,
  insertTeam,
  markNotificationRead,
  nextCaseNumber,
  type TeamRecord,
  updateCaseRow,
  updateMemberRow,
  updateTeamRow,
} from './mediation.repository.ts';
import type { MediationMemberRow } from './mediation.table.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });
const invalid = (path: string, message = 'validation.invalid') => new AppError('validation', [{ path, message }]);

/** Readers who do not record in the book (the ward police) see only its escalations. */
const escalationsOnly = (actor: Actor) => !can(actor, 'mediation.manage');

/* ---------- teams ---------- */

function memberView(m: MediationMemberRow, today: string, isWorkingDay: (d: string) => boolean) {
  const clock = m.proposedOn ? recognitionClock(m.proposedOn, m.recognisedOn, today, isWorkingDay) : null;
  return {
    id: m.id,
    fullName: m.fullName,
    gender: m.gender as 'female' | 'male',
    birthYear: m.birthYear,
    ethnicMinority: m.ethnicMinority,
    role: m.role as 'leader' | 'member',
    joinedOn: m.joinedOn,
    proposedOn: m.proposedOn,
    recognisedOn: m.recognisedOn,
    decisionRef: m.decisionRef,
    trainedOn: m.trainedOn,
    trainingNote: m.trainingNote,
    leftOn: m.leftOn,
    leaveReason: m.leaveReason,
    leaderVote: m.leaderVotesFor !== null && m.leaderVotesTotal !== null ? { for: m.leaderVotesFor, total: m.leaderVotesTotal } : null,
    serving: m.joinedOn <= today && (m.leftOn === null || m.leftOn > today),
    recognition: clock,
  };
}

async function teamViews(tx: Tx, teams: TeamRecord[], today: string) {
  const members = await findMembers(
    tx,
    [...new Set(teams.map((t) => t.wardId))],
    teams.map((t) => t.id),
  );
  const proposals = members.map((m) => m.proposedOn).filter((d): d is string => d !== null);
  const earliest = proposals.sort()[0] ?? today;
  const isWorkingDay = await loadWorkingDayPredicate(tx, earliest, addDays(today > earliest ? today : earliest, 30));
  return teams.map((t) => {
    const own = members.filter((m) => m.teamId === t.id);
    const day = t.closedOn && t.closedOn < today ? t.closedOn : today;
    const problems = compositionProblems(
      own.map((m) => ({
        role: m.role as 'leader' | 'member',
        gender: m.gender as 'female' | 'male',
        ethnicMinority: m.ethnicMinority,
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
      })),
      day,
      { ethnicArea: t.ethnicArea },
    );
    const views = own.map((m) => memberView(m, today, isWorkingDay));
    return {
      id: t.id,
      wardId: t.wardId,
      unitId: t.unitId,
      unitName: t.unitName,
      name: t.name,
      establishedOn: t.establishedOn,
      decisionRef: t.decisionRef,
      ethnicArea: t.ethnicArea,
      closedOn: t.closedOn,
      note: t.note,
      serving: views.filter((m) => m.serving).length,
      problems: problems.map((code) => ({ code, article: COMPOSITION_ARTICLES[code] })),
      pendingRecognitions: views.filter((m) => m.serving && m.recognition && !m.recognition.decidedOn).length,
      overdueRecognitions: views.filter((m) => m.recognition?.isOverdue && !m.recognition.decidedOn).length,
      members: views,
    };
  });
}

/** The mediation teams in reach, each with its mediators, the composition warnings and the recognition clocks. */
export async function listTeams(deps: Deps, actor: Actor, q: z.output<typeof listMediationTeamsQuerySchema>) {
  requirePermission(actor, 'mediation.read');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => ({ items: await teamViews(tx, await findTeamsInScope(tx, actor, q), today) }));
}

async function loadTeam(tx: Tx, actor: Actor, id: string) {
  const team = await findTeamInScope(tx, actor, id);
  if (!team) throw new AppError('notFound');
  return team;
}

async function teamDetail(tx: Tx, actor: Actor, id: string, today: string) {
  const [view] = await teamViews(tx, [await loadTeam(tx, actor, id)], today);
  if (!view) throw new AppError('notFound');
  return view;
}

export async function getTeam(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'mediation.read');
  return withActor(deps.database.db, actor, (tx) => teamDetail(tx, actor, id, vnToday(deps.clock())));
}

/** Sets up a team for a block (Art. 12: one or more teams per thôn or tổ dân phố). */
export async function createTeam(deps: Deps, actor: Actor, input: z.output<typeof createMediationTeamSchema>) {
  requirePermission(actor, 'mediation.teams');
  const today = vnToday(deps.clock());
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.unitId, today);
    if (!unit?.wardId) throw new AppError('notFound');
    if (unit.type !== 'block') throw invalid('unitId');
    await insertTeam(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      name: input.name,
      establishedOn: input.establishedOn,
      decisionRef: input.decisionRef || null,
      ethnicArea: input.ethnicArea ?? false,
      note: input.note || null,
    });
    await recordAudit(tx, {
      action: 'mediation.team_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'mediation_team',
      entityId: id,
    });
    return teamDetail(tx, actor, id, today);
  });
}

export async function updateTeam(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateMediationTeamSchema>) {
  requirePermission(actor, 'mediation.teams');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const team = await loadTeam(tx, actor, id);
    if (input.closedOn && input.closedOn < team.establishedOn) throw invalid('closedOn');
    const values = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.decisionRef !== undefined ? { decisionRef: input.decisionRef || null } : {}),
      ...(input.ethnicArea !== undefined ? { ethnicArea: input.ethnicArea } : {}),
      ...(input.closedOn !== undefined ? { closedOn: input.closedOn } : {}),
      ...(input.note !== undefined ? { note: input.note || null } : {}),
    };
    await updateTeamRow(tx, team.wardId, team.id, values);
    await recordAudit(tx, {
      action: 'mediation.team_update',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'mediation_team',
      entityId: team.id,
      detail: { changed: Object.keys(values) },
    });
    return teamDetail(tx, actor, id, today);
  });
}

/** Adds a mediator (or the team leader) with the day the list went to the chair, the recognition and training. */
export async function addMediator(deps: Deps, actor: Actor, teamId: string, input: z.output<typeof addMediatorSchema>) {
  requirePermission(actor, 'mediation.teams');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const team = await loadTeam(tx, actor, teamId);
    if (input.recognisedOn && input.proposedOn && input.recognisedOn < input.proposedOn) throw invalid('recognisedOn');
    let vote: LeaderVote | null = null;
    if (input.role === 'leader') {
      const members = await findMembers(tx, [team.wardId], [team.id]);
      if (members.some((m) => m.role === 'leader' && (m.leftOn === null || m.leftOn > input.joinedOn))) throw new AppError('leaderTaken');
      vote = checkLeaderVote(input.leaderVote, members.filter((m) => servesOn(m, input.joinedOn)).length + 1);
    } else if (input.leaderVote) throw invalid('leaderVote');
    const id = randomUUID();
    await insertMember(tx, {
      wardId: team.wardId,
      id,
      teamId: team.id,
      fullName: input.fullName,
      gender: input.gender,
      birthYear: input.birthYear ?? null,
      ethnicMinority: input.ethnicMinority ?? false,
      role: input.role,
      joinedOn: input.joinedOn,
      proposedOn: input.proposedOn ?? null,
      recognisedOn: input.recognisedOn ?? null,
      decisionRef: input.decisionRef || null,
      trainedOn: input.trainedOn ?? null,
      trainingNote: input.trainingNote || null,
      leaderVotesFor: vote?.for ?? null,
      leaderVotesTotal: vote?.total ?? null,
    });
    await recordAudit(tx, {
      action: 'mediation.member_add',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'mediation_team',
      entityId: team.id,
      detail: { memberId: id, role: input.role, ...(vote ? { leaderVote: vote } : {}) },
    });
    return teamDetail(tx, actor, teamId, today);
  });
}

const VOTE_MESSAGES = {
  noMajority: 'mediation.errors.leaderNoMajority',
  totalNotTeam: 'mediation.errors.leaderVoteTotal',
  forOverTotal: 'mediation.errors.leaderVoteOverTotal',
} as const;

/** A leader needs the vote of more than half of the team's mediators serving on the day (Art. 14.1); throws otherwise. */
function checkLeaderVote(vote: LeaderVote | undefined, teamSize: number): LeaderVote {
  if (!vote) throw invalid('leaderVote', 'mediation.errors.leaderVoteRequired');
  const problem = leaderVoteProblem(vote, teamSize);
  if (problem) throw invalid(problem === 'noMajority' ? 'leaderVote.for' : 'leaderVote.total', VOTE_MESSAGES[problem]);
  return vote;
}

async function loadMember(tx: Tx, team: TeamRecord, memberId: string) {
  const [m] = await findMembersByIds(tx, team.wardId, [memberId]);
  if (!m || m.teamId !== team.id) throw new AppError('notFound');
  return m;
}

export async function updateMediator(
  deps: Deps,
  actor: Actor,
  teamId: string,
  memberId: string,
  input: z.output<typeof updateMediatorSchema>,
) {
  requirePermission(actor, 'mediation.teams');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const team = await loadTeam(tx, actor, teamId);
    const m = await loadMember(tx, team, memberId);
    const proposedOn = input.proposedOn === undefined ? m.proposedOn : input.proposedOn;
    const recognisedOn = input.recognisedOn === undefined ? m.recognisedOn : input.recognisedOn;
    if (recognisedOn && proposedOn && recognisedOn < proposedOn) throw invalid('recognisedOn');
    let vote: LeaderVote | null = null;
    if (input.role === 'leader' && m.role !== 'leader') {
      if (m.leftOn) throw new AppError('conflict');
      const members = await findMembers(tx, [team.wardId], [team.id]);
      if (members.some((o) => o.role === 'leader' && o.leftOn === null)) throw new AppError('leaderTaken');
      vote = checkLeaderVote(input.leaderVote, members.filter((o) => servesOn(o, today)).length);
    } else if (input.leaderVote) throw invalid('leaderVote');
    const values = {
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(vote ? { leaderVotesFor: vote.for, leaderVotesTotal: vote.total } : {}),
      ...(input.role === 'member' ? { leaderVotesFor: null, leaderVotesTotal: null } : {}),
      ...(input.proposedOn !== undefined ? { proposedOn: input.proposedOn } : {}),
      ...(input.recognisedOn !== undefined ? { recognisedOn: input.recognisedOn } : {}),
      ...(input.decisionRef !== undefined ? { decisionRef: input.decisionRef || null } : {}),
      ...(input.trainedOn !== undefined ? { trainedOn: input.trainedOn } : {}),
      ...(input.trainingNote !== undefined ? { trainingNote: input.trainingNote || null } : {}),
    };
    await updateMemberRow(tx, team.wardId, m.id, values);
    await recordAudit(tx, {
      action: 'mediation.member_update',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'mediation_team',
      entityId: team.id,
      detail: { memberId: m.id, changed: Object.keys(values) },
    });
    return teamDetail(tx, actor, teamId, today);
  });
}

/** A mediator leaves the role (thôi làm hòa giải viên); the team keeps the record. */
export async function leaveMediator(
  deps: Deps,
  actor: Actor,
  teamId: string,
  memberId: string,
  input: z.output<typeof leaveMediatorSchema>,
) {
  requirePermission(actor, 'mediation.teams');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const team = await loadTeam(tx, actor, teamId);
    const m = await loadMember(tx, team, memberId);
    if (m.leftOn) throw new AppError('conflict');
    if (input.leftOn < m.joinedOn) throw invalid('leftOn');
    await updateMemberRow(tx, team.wardId, m.id, { leftOn: input.leftOn, leaveReason: input.reason });
    await recordAudit(tx, {
      action: 'mediation.member_leave',
      actor: by(actor),
      wardId: team.wardId,
      entityType: 'mediation_team',
      entityId: team.id,
      detail: { memberId: m.id },
    });
    return teamDetail(tx, actor, teamId, today);
  });
}

/* ---------- the book ---------- */

function summaryOf(c: CaseRecord) {
  return {
    id: c.id,
    wardId: c.wardId,
    unitId: c.unitId,
    unitName: c.unitName,
    teamId: c.teamId,
    teamName: c.teamName,
    number: mediationCaseNumber(c),
    receivedOn: c.receivedOn,
    ground: c.ground,
    type: c.type as MediationType,
    status: c.status as MediationStatus,
    resultOn: c.resultOn,
    risk: c.risk as MediationRisk,
    recurring: c.recurring,
    excerpt: c.summary.length > 140 ? `${c.summary.slice(0, 139)}…` : c.summary,
    partyCount: c.parties.length,
  };
}

async function detailOf(tx: Tx, c: CaseRecord, today: string) {
  const mediators = await findMembersByIds(tx, c.wardId, c.mediatorIds);
  const sessions = await findSessions(tx, c.wardId, c.id);
  const followUps = await findFollowUps(tx, c.wardId, c.id);
  const screening = screenMatter(c.exclusions as ScopeExclusion[]);
  return {
    ...summaryOf(c),
    summary: c.summary,
    parties: c.parties,
    mediators: c.mediatorIds.map((id) => ({ id, fullName: mediators.find((m) => m.id === id)?.fullName ?? '' })),
    invitees: c.invitees,
    screening: screening.inScope
      ? { inScope: true, reasons: [], suggestPolice: false }
      : { inScope: false, reasons: screening.reasons, suggestPolice: screening.suggestPolice },
    refusalNote: c.refusalNote,
    agreement: c.agreement,
    demands: c.demands,
    writtenRecord: c.writtenRecord,
    performance: c.performance,
    riskNote: c.riskNote,
    prolonged: isProlongedDispute({
      status: c.status as MediationStatus,
      risk: c.risk as MediationRisk,
      recurring: c.recurring,
      receivedOn: c.receivedOn,
      today,
    }),
    notes: c.notes,
    history: {
      tip: c.sourceTipId ? { id: c.sourceTipId, number: c.sourceTipNumber } : null,
      policeCase: c.referredCaseId ? { id: c.referredCaseId, number: c.referredCaseNumber, on: c.referredOn } : null,
    },
    sessions: sessions.map((s) => ({ id: s.id, heldOn: s.heldOn, place: s.place, summary: s.summary })),
    followUps: followUps.map((f) => ({ id: f.id, on: f.onDay, state: f.state, note: f.note })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function readCursor(cursor: string) {
  const [receivedOn = '', year, seq] = cursor.split('~');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || !Number(year) || !Number(seq)) throw invalid('cursor');
  return { receivedOn, year: Number(year), seq: Number(seq) };
}

/** The mediation book in reach: a mediator's block; for the ward police, its escalations only. */
export async function listCases(deps: Deps, actor: Actor, q: z.output<typeof listMediationCasesQuerySchema>) {
  requirePermission(actor, 'mediation.read');
  const limit = q.limit ?? 50;
  const after = q.cursor ? readCursor(q.cursor) : undefined;
  return withActor(deps.database.db, actor, async (tx) => {
    const rows = await findCasesInScope(
      tx,
      actor,
      {
        q: q.q,
        unitIds: q.unitId ? [q.unitId] : undefined,
        status: q.status,
        type: q.type,
        from: q.from,
        to: q.to,
        escalated: q.escalated === 'true',
        after,
      },
      escalationsOnly(actor),
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryOf),
      nextCursor: rows.length > limit && last ? `${last.receivedOn}~${last.year}~${last.seq}` : null,
      escalationsOnly: escalationsOnly(actor),
    };
  });
}

async function loadCase(tx: Tx, actor: Actor, id: string) {
  const c = await findCaseInScope(tx, actor, id, escalationsOnly(actor));
  if (!c) throw new AppError('notFound');
  return c;
}

/** One case of the book with its parties, sessions and follow-up; the read of personal data is audited. */
export async function getCase(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'mediation.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    await recordAudit(tx, {
      action: 'mediation.case_read',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'mediation_case',
      entityId: c.id,
    });
    return detailOf(tx, c, vnToday(deps.clock()));
  });
}

async function notify(tx: Tx, c: { wardId: string; unitId: string; id: string }, kind: 'risk' | 'returning' | 'referred') {
  await insertNotification(tx, { wardId: c.wardId, id: randomUUID(), unitId: c.unitId, caseId: c.id, kind });
}

/** A party as the book keeps it: empty fields left out. */
const partyRow = (p: { name: string; age?: number; address?: string; related?: boolean }) => ({
  name: p.name,
  ...(p.age !== undefined ? { age: p.age } : {}),
  ...(p.address ? { address: p.address } : {}),
  ...(p.related ? { related: true } : {}),
});

type NewCase = z.output<typeof createMediationCaseSchema> & { sourceTip?: { id: string; number: string } };

async function insertNewCase(tx: Tx, actor: Actor, input: NewCase, wardId: string, unitId: string, today: string) {
  if (input.receivedOn > today) throw invalid('receivedOn', 'mediation.errors.future');
  const exclusions = [...new Set(input.exclusions ?? [])];
  const screening = screenMatter(exclusions);
  let teamId: string | null = null;
  if (input.teamId) {
    const team = await findTeamInScope(tx, actor, input.teamId);
    if (!team || team.wardId !== wardId || team.unitId !== unitId) throw invalid('teamId');
    teamId = team.id;
  }
  const mediatorIds = [...new Set(input.mediatorIds ?? [])];
  if (mediatorIds.length) {
    const found = await findMembersByIds(tx, wardId, mediatorIds);
    const ok =
      found.length === mediatorIds.length && found.every((m) => m.teamId === teamId && (m.leftOn === null || m.leftOn > input.receivedOn));
    if (!ok) throw invalid('mediatorIds', 'mediation.errors.memberNotServing');
  }
  const partyNames = input.parties.map((p) => p.name);
  const keys = [...new Set(partyNames.map(partyKey).filter(Boolean))];
  const earlier = await findEarlierWithParties(
    tx,
    wardId,
    [unitId],
    keys,
    addDays(input.receivedOn, -EARLY_WARNING.recurringWindowDays),
    input.receivedOn,
  );
  const recurring = screening.inScope && isReturningDispute(keys, earlier, input.receivedOn);
  const year = Number(input.receivedOn.slice(0, 4));
  const seq = await nextCaseNumber(tx, wardId, year);
  const id = randomUUID();
  const risk = input.risk ?? 'none';
  await insertCase(tx, {
    wardId,
    id,
    unitId,
    teamId,
    year,
    seq,
    receivedOn: input.receivedOn,
    ground: input.ground,
    type: input.type,
    summary: input.summary,
    parties: input.parties.map(partyRow),
    partyKeys: keys,
    mediatorIds,
    invitees: input.invitees || null,
    exclusions,
    refusalNote: input.refusalNote || null,
    status: screening.inScope ? 'in_progress' : 'refused',
    risk,
    riskNote: input.riskNote || null,
    recurring,
    sourceTipId: input.sourceTip?.id ?? null,
    sourceTipNumber: input.sourceTip?.number ?? null,
    notes: input.notes || null,
    createdBy: actor.userId,
  });
  const ref = { wardId, unitId, id };
  if (risk !== 'none') await notify(tx, ref, 'risk');
  if (recurring) await notify(tx, ref, 'returning');
  return { id, number: mediationCaseNumber({ year, seq }), screening };
}

/**
 * Records a case in the book of its block (Art. 21.4), screened at intake (Art. 3.1): a matter the Law excludes is
 * recorded as refused with its reasons (and may then be handed to the police). A case at risk, or a returning dispute,
 * notifies the ward police.
 */
export async function createCase(deps: Deps, actor: Actor, input: z.output<typeof createMediationCaseSchema>) {
  requirePermission(actor, 'mediation.manage');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.unitId, today);
    if (!unit?.wardId) throw new AppError('notFound');
    if (unit.type !== 'block') throw invalid('unitId');
    const created = await insertNewCase(tx, actor, input, unit.wardId, unit.id, today);
    await recordAudit(tx, {
      action: 'mediation.case_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'mediation_case',
      entityId: created.id,
      detail: { number: created.number, type: input.type, inScope: created.screening.inScope },
    });
    return detailOf(tx, await loadCaseForWriter(tx, actor, created.id), today);
  });
}

/** After a write, the writer reads the case back whatever their view (the police see the case they created). */
async function loadCaseForWriter(tx: Tx, actor: Actor, id: string) {
  const c = await findCaseInScope(tx, actor, id, false);
  if (!c) throw new AppError('notFound');
  return c;
}

/** Tips the ward police classified as a dispute for mediation, still open: to be sent to a block's book. */
export async function listTipsToMediate(deps: Deps, actor: Actor) {
  requirePermission(actor, 'mediation.refer');
  return withActor(deps.database.db, actor, async (tx) => ({ items: await listTipsForMediation(deps, tx, actor) }));
}

/**
 * Sends a tip classified as a dispute to the book of its block: the tip is closed as "sent to mediation" and the case
 * keeps its number, so that the tip, the mediation case and a later police case keep one history.
 */
export async function createCaseFromTip(deps: Deps, actor: Actor, tipId: string, teamId: string | undefined) {
  requirePermission(actor, 'mediation.refer');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const tip = await takeTipForMediation(deps, tx, actor, tipId);
    const unit = await findUnitInScope(tx, actor, tip.unitId, today);
    if (!unit?.wardId || unit.type !== 'block') throw invalid('tipId');
    const created = await insertNewCase(
      tx,
      actor,
      {
        unitId: unit.id,
        teamId,
        receivedOn: today,
        ground: 'organisation_proposal',
        type: 'other',
        summary: tip.place ? `${tip.what}\n(${tip.place})`.slice(0, 3000) : tip.what.slice(0, 3000),
        parties: [{ name: '—' }],
        notes: tip.number,
        sourceTip: { id: tip.id, number: tip.number },
      },
      unit.wardId,
      unit.id,
      today,
    );
    await recordAudit(tx, {
      action: 'mediation.case_from_tip',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'mediation_case',
      entityId: created.id,
      detail: { tipId: tip.id, number: created.number },
    });
    return detailOf(tx, await loadCaseForWriter(tx, actor, created.id), today);
  });
}

async function changeCase(
  deps: Deps,
  actor: Actor,
  id: string,
  action: string,
  apply: (tx: Tx, c: CaseRecord, today: string) => Promise<Record<string, unknown>>,
) {
  requirePermission(actor, 'mediation.manage');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    const detail = await apply(tx, c, today);
    await recordAudit(tx, { action, actor: by(actor), wardId: c.wardId, entityType: 'mediation_case', entityId: c.id, detail });
    return detailOf(tx, await loadCase(tx, actor, id), today);
  });
}

function checkDay(day: string, c: CaseRecord, today: string, path: string) {
  if (day > today) throw invalid(path, 'mediation.errors.future');
  if (day < c.receivedOn) throw invalid(path, 'mediation.errors.dateBeforeReceived');
}

/**
 * Corrects the parties and related persons (the book's column 4) and the invitees (column 3) of a recorded case; the
 * audit entry names what changed (not the names). The returning-dispute flag keeps the day of intake.
 */
export function updateParties(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateMediationPartiesSchema>) {
  return changeCase(deps, actor, id, 'mediation.case_update', async (tx, c) => {
    const values = {
      ...(input.parties
        ? {
            parties: input.parties.map(partyRow),
            partyKeys: [...new Set(input.parties.map((p) => partyKey(p.name)).filter(Boolean))],
          }
        : {}),
      ...(input.invitees !== undefined ? { invitees: input.invitees || null } : {}),
    };
    await updateCaseRow(tx, c.wardId, c.id, values);
    return { changed: Object.keys(values).filter((k) => k !== 'partyKeys'), parties: input.parties?.length ?? c.parties.length };
  });
}

/** A mediation session (Art. 21); a case not settled or stopped goes back in progress (Art. 27: the parties ask to continue). */
export function addSession(deps: Deps, actor: Actor, id: string, input: z.output<typeof mediationSessionSchema>) {
  return changeCase(deps, actor, id, 'mediation.session_add', async (tx, c, today) => {
    checkDay(input.heldOn, c, today, 'heldOn');
    const status = c.status as MediationStatus;
    if (status !== 'in_progress' && !canMoveMediation(status, 'in_progress')) throw new AppError('caseState');
    await insertSession(tx, {
      wardId: c.wardId,
      id: randomUUID(),
      caseId: c.id,
      heldOn: input.heldOn,
      place: input.place || null,
      summary: input.summary,
    });
    if (status !== 'in_progress') await updateCaseRow(tx, c.wardId, c.id, { status: 'in_progress', resultOn: null });
    return { heldOn: input.heldOn };
  });
}

/** The result (Art. 23): settled with the agreement, not settled with each side's demands, or stopped at a party's request. */
export function recordResult(deps: Deps, actor: Actor, id: string, input: z.output<typeof mediationResultInputSchema>) {
  return changeCase(deps, actor, id, 'mediation.result', async (tx, c, today) => {
    checkDay(input.on, c, today, 'on');
    if (!canMoveMediation(c.status as MediationStatus, input.result)) throw new AppError('caseState');
    if (input.writtenRecord && input.result !== 'settled') throw invalid('writtenRecord', 'mediation.errors.writtenRecordOnlySettled');
    if (input.result === 'settled' && !input.agreement) throw invalid('agreement', 'validation.required');
    await updateCaseRow(tx, c.wardId, c.id, {
      status: input.result,
      resultOn: input.on,
      agreement: input.agreement || null,
      demands: input.demands || null,
      writtenRecord: input.writtenRecord ?? false,
      performance: input.performance || null,
    });
    return { result: input.result };
  });
}

/** Follow-up of a settlement (Art. 26): whether the parties carry out what they agreed. */
export function addFollowUp(deps: Deps, actor: Actor, id: string, input: z.output<typeof mediationFollowUpSchema>) {
  return changeCase(deps, actor, id, 'mediation.follow_up', async (tx, c, today) => {
    if (c.status !== 'settled') throw new AppError('caseState');
    checkDay(input.on, c, today, 'on');
    await insertFollowUp(tx, {
      wardId: c.wardId,
      id: randomUUID(),
      caseId: c.id,
      onDay: input.on,
      state: input.state,
      note: input.note || null,
    });
    return { state: input.state };
  });
}

/** Marks (or clears) a risk of violence or escalation; a new risk notifies the ward police. */
export function setRisk(deps: Deps, actor: Actor, id: string, risk: MediationRisk, note: string | undefined) {
  return changeCase(deps, actor, id, 'mediation.risk', async (tx, c) => {
    await updateCaseRow(tx, c.wardId, c.id, { risk, riskNote: note || null });
    if (risk !== 'none' && c.risk !== risk) await notify(tx, c, 'risk');
    return { risk };
  });
}

/**
 * Hands a case to the ward police: a case draft in their register (the cases module, linked to the tip the case came
 * from), the mediation case marked referred with the police case's number, and the ward police notified. For a matter
 * refused at screening (to prosecute or fine), one not settled (Art. 27: the competent authority) or stopped, or one at risk.
 */
export function handToPolice(deps: Deps, actor: Actor, id: string, note: string | undefined) {
  return changeCase(deps, actor, id, 'mediation.hand_to_police', async (tx, c, today) => {
    if (!canMoveMediation(c.status as MediationStatus, 'referred')) throw new AppError('caseState');
    const reasons = SCOPE_EXCLUSIONS.filter((e) => c.exclusions.includes(e.code)).map((e) => e.article);
    const created = await recordCaseDraft(tx, {
      wardId: c.wardId,
      unitId: c.unitId,
      type: 'other',
      occurredOn: c.receivedOn,
      discoveredOn: today,
      place: null,
      summary: [
        `Chuyển từ sổ hòa giải ${mediationCaseNumber(c)}${reasons.length ? ` (${reasons.join(', ')} Luật HGCS 2013)` : ''}.`,
        c.summary,
        note ?? '',
      ]
        .filter(Boolean)
        .join('\n'),
      tipId: c.sourceTipId,
    });
    await updateCaseRow(tx, c.wardId, c.id, {
      status: 'referred',
      referredOn: today,
      referredCaseId: created.id,
      referredCaseNumber: created.number,
    });
    await notify(tx, c, 'referred');
    return { caseId: created.id, caseNumber: created.number };
  });
}

/* ---------- notifications ---------- */

/** The area officer's notifications: escalations of the books of the blocks in reach, newest first. */
export async function listNotifications(deps: Deps, actor: Actor, unreadOnly: boolean) {
  requirePermission(actor, 'mediation.alerts');
  return withActor(deps.database.db, actor, async (tx) => {
    const rows = await findNotifications(tx, actor, unreadOnly, 100);
    return {
      unread: await countUnreadNotifications(tx, actor),
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as 'risk' | 'returning' | 'referred',
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt?.toISOString() ?? null,
        caseId: r.caseId,
        caseNumber: mediationCaseNumber(r),
        type: r.type as MediationType,
        unitName: r.unitName,
      })),
    };
  });
}

export async function markNotification(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'mediation.alerts');
  return withActor(deps.database.db, actor, async (tx) => {
    const row = await markNotificationRead(tx, actor, id);
    if (!row) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'mediation.alert_read',
      actor: by(actor),
      wardId: row.wardId,
      entityType: 'mediation_notification',
      entityId: id,
    });
    return { unread: await countUnreadNotifications(tx, actor) };
  });
}

/* ---------- figures ---------- */

/**
 * The mediation figures of some units over a period (the report summary): cases received by the day received; results
 * and referrals by their own day; the settlement rate; escalations; prolonged complex disputes still open at the end
 * of the period. Counts only. Runs in the caller's transaction.
 */
export async function summariseMediation(tx: Tx, unitIds: readonly string[], from: string, to: string): Promise<MediationSummary> {
  const rows = await countCaseFigures(tx, unitIds, from, to, EARLY_WARNING.prolongedDays);
  const total = (pick: (r: FigureRow) => number) => rows.reduce((a, r) => a + pick(r), 0);
  const settled = total((r) => r.settled);
  const notSettled = total((r) => r.notSettled);
  const byType = Object.fromEntries(MEDIATION_TYPES.map((t) => [t, total((r) => (r.type === t ? r.received : 0))])) as Record<
    MediationType,
    number
  >;
  const blocks = new Map<string, { unitId: string; name: string; received: number; settled: number }>();
  for (const r of rows) {
    if (r.name === null || r.received + r.settled === 0) continue;
    const b = blocks.get(r.unitId) ?? { unitId: r.unitId, name: r.name, received: 0, settled: 0 };
    b.received += r.received;
    b.settled += r.settled;
    blocks.set(r.unitId, b);
  }
  return {
    received: total((r) => r.received),
    settled,
    notSettled,
    stopped: total((r) => r.stopped),
    refused: total((r) => r.refused),
    referred: total((r) => r.referred),
    inProgress: total((r) => r.inProgress),
    settlementRate: settlementRate(settled, notSettled),
    atRisk: total((r) => r.atRisk),
    returning: total((r) => r.returning),
    prolonged: total((r) => r.prolonged),
    byType,
    byBlock: [...blocks.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}

/* ---------- the book's documents ---------- */

async function ancestorsOf(tx: Tx, unitId: string, today: string) {
  const chain: { type: string; name: string }[] = [];
  let current = await findUnitById(tx, unitId, today);
  while (current) {
    chain.push({ type: current.type, name: current.name });
    current = current.parentId ? await findUnitById(tx, current.parentId, today) : null;
  }
  const of = (type: string) => chain.find((u) => u.type === type)?.name ?? null;
  return {
    province: of('province') ?? '',
    district: of('district'),
    ward: of('ward') ?? of('commune') ?? of('special_zone') ?? '',
  };
}

async function bookCaseOf(tx: Tx, c: CaseRecord): Promise<BookCase> {
  const mediators = await findMembersByIds(tx, c.wardId, c.mediatorIds);
  const notes = [
    ...(c.sourceTipNumber ? [c.sourceTipNumber] : []),
    ...(c.referredCaseNumber ? [c.referredCaseNumber] : []),
    ...(c.notes && c.notes !== c.sourceTipNumber ? [c.notes] : []),
  ];
  return {
    number: mediationCaseNumber(c),
    receivedOn: c.receivedOn,
    mediators: mediators.map((m) => m.fullName),
    invitees: c.invitees,
    parties: c.parties,
    type: c.type,
    summary: c.summary,
    agreement: c.agreement,
    demands: c.demands,
    status: c.status,
    notes,
  };
}

/** The book of a block for a year in the book's own layout (PDF, DOCX or XLSX); audited. */
export async function exportBook(deps: Deps, actor: Actor, q: z.output<typeof mediationBookQuerySchema>, locale: Locale) {
  requirePermission(actor, 'mediation.manage');
  const lang = q.lang ?? locale;
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, q.unitId, today);
    if (!unit?.wardId || unit.type !== 'block') throw new AppError('notFound');
    const cases = await findBookCases(tx, actor, [unit.id], q.year);
    const teams = await findTeamsInScope(tx, actor, { unitId: unit.id });
    const places = await ancestorsOf(tx, unit.id, today);
    const data: BookData = {
      ...places,
      block: unit.name,
      team: teams[0]?.name ?? '—',
      year: q.year,
      openedOn: `${q.year}-01-01`,
      closedOn: `${q.year}-12-31`,
      cases: await Promise.all(cases.map((c) => bookCaseOf(tx, c))),
    };
    await recordAudit(tx, {
      action: 'mediation.book_export',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'unit',
      entityId: unit.id,
      detail: { year: q.year, format: q.format, rows: cases.length },
    });
    const render = { pdf: renderBookPdf, docx: renderBookDocx, xlsx: renderBookXlsx }[q.format];
    const mime = {
      pdf: 'application/pdf',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }[q.format];
    return { bytes: await render(data, lang), mime, filename: `so-hoa-giai-${unit.code}-${q.year}.${q.format}`, rows: cases.length };
  });
}

/** The written settlement record, only for a settled case whose parties asked for one (Art. 24.2); audited. */
export async function settlementRecord(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'mediation.manage');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    if (c.status !== 'settled' || !c.writtenRecord || !c.resultOn || !c.agreement) throw new AppError('caseState');
    const places = await ancestorsOf(tx, c.unitId, today);
    const mediators = await findMembersByIds(tx, c.wardId, c.mediatorIds);
    const sessions = await findSessions(tx, c.wardId, c.id);
    await recordAudit(tx, {
      action: 'mediation.record_print',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'mediation_case',
      entityId: c.id,
    });
    const bytes = await renderSettlementRecordPdf({
      ward: places.ward,
      block: c.unitName,
      team: c.teamName ?? '—',
      number: mediationCaseNumber(c),
      ground: translate('vi', `mediation.grounds.${c.ground}`),
      receivedOn: c.receivedOn,
      resultOn: c.resultOn,
      mediators: mediators.map((m) => m.fullName),
      parties: c.parties,
      summary: c.summary,
      sessions: sessions.map((s) => ({ heldOn: s.heldOn, place: s.place, summary: s.summary })),
      agreement: c.agreement,
      performance: c.performance,
    });
    return { bytes, filename: `van-ban-hoa-giai-thanh-${mediationCaseNumber(c)}.pdf` };
  });
}
