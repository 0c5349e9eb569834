import { randomUUID } from 'node:crypto';
import {
  CASE_GROUPS,
  CASE_SUMMARY_MAX,
  type CaseGroup,
  type CaseSort,
  type CaseStatus,
  CLEARANCE_RATE_DEFINITION,
  type casePersonSchema,
  caseTransitionError,
  clearanceRate,
  type createCaseSchema,
  isDiscoveredAfterOccurred,
  isPersonalFigure,
  isSmallCount,
  type listCasesQuerySchema,
  maskIdNumber,
  type QuantityUnit,
  type ReportSummary,
  type SeizureKind,
  type seizureSchema,
  sumByKind,
  type updateCaseSchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, can, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { keyedHash, open, seal } from '../../platform/crypto.ts';
import type { DbOrTx, Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { summariseCameras } from '../cameras/index.ts';
import { summariseCertification } from '../certification/index.ts';
import { countTipFigures } from '../figures/index.ts';
import { summariseMediation } from '../mediation/index.ts';
import { summariseOutreach } from '../outreach/index.ts';
import { summarisePatrols } from '../patrols/index.ts';
import { summariseResidence } from '../residence/index.ts';
import { findTipNumbers, markTipUsedInCase } from '../tips/index.ts';
import { findSubtreeIds, findUnitByCodeInScope, findUnitInScope } from '../units/index.ts';
import { findAssigneeNames } from './case.officers.ts';
import {
  type CaseFilter,
  type CaseListRow,
  findCaseInScope,
  findCasePeople,
  findCaseSeizures,
  findCasesInScope,
  findCaseTipIds,
  insertCase,
  insertCasePerson,
  insertSeizure,
  linkTip,
  nextRegisterNumber,
  summariseCases,
  updateCaseRow,
} from './case.repository.ts';
import type { CaseRow } from './case.table.ts';
import { findCaseType } from './case-type.repository.ts';
import { requireUsableCaseType } from './case-type.service.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

export function caseNumber(c: { year: number; seq: number }): string {
  return `VV-${c.year}-${String(c.seq).padStart(4, '0')}`;
}

/** A case's line in the register; `names` are the officers' display names, looked up once for a whole page. */
function summaryOf(c: CaseListRow, names: Map<string, string>) {
  return {
    id: c.id,
    wardId: c.wardId,
    unitId: c.unitId,
    unitName: c.unitName,
    number: caseNumber(c),
    wardRef: c.wardRef,
    type: c.type,
    group: c.reportGroup as CaseGroup,
    status: c.status as CaseStatus,
    occurredOn: c.occurredOn,
    discoveredOn: c.discoveredOn,
    clearedOn: c.clearedOn,
    penalCodeArticle: c.penalCodeArticle,
    excerpt: c.summary.length > 140 ? `${c.summary.slice(0, 139)}…` : c.summary,
    officers: c.officerIds.map((id) => ({ id, name: names.get(id) ?? '' })),
  };
}

/** A list cursor: the sort key (empty when sorting by number), then year, number and id as tie-breakers. */
function readCursor(cursor: string, sort: CaseSort): CaseFilter['after'] {
  const [key = '', year, seq, id = ''] = cursor.split('~');
  const keyOk = sort === 'number' ? key === '' : /^\d{4}-\d{2}-\d{2}$/.test(key);
  if (!keyOk || !Number(year) || !Number(seq) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('validation', [{ path: 'cursor', message: 'validation.invalid' }]);
  }
  return { key: key || null, year: Number(year), seq: Number(seq), id };
}

/**
 * The ward's case register with search (summary, number, names) and filters, sorted by the day it was discovered
 * (default), occurred, or by number, newest first unless ascending is asked for.
 */
export async function listCases(deps: Deps, actor: Actor, q: z.output<typeof listCasesQuerySchema>) {
  requirePermission(actor, 'case.read');
  const limit = q.limit ?? 50;
  const sort = q.sort ?? 'discovered';
  const dir = q.dir ?? 'desc';
  const after = q.cursor ? readCursor(q.cursor, sort) : undefined;
  return withActor(deps.database.db, actor, async (tx) => {
    const rows = await findCasesInScope(
      tx,
      actor,
      {
        q: q.q,
        type: q.type,
        group: q.group,
        status: q.status,
        unitIds: q.unitId ? [q.unitId] : undefined,
        from: q.from,
        to: q.to,
        sort,
        dir,
        after,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const names = new Map(page.flatMap((c) => c.officers.map((o) => [o.id, o.name] as const)));
    const items = page.map((c) => summaryOf(c, names));
    const key = (c: CaseListRow) => (sort === 'occurred' ? c.occurredOn : sort === 'discovered' ? c.discoveredOn : '');
    return { items, nextCursor: rows.length > limit && last ? `${key(last)}~${last.year}~${last.seq}~${last.id}` : null };
  });
}

async function detailOf(deps: Deps, tx: Tx, c: CaseRow & { unitName: string }) {
  const people = await findCasePeople(tx, c.wardId, c.id);
  const seizures = await findCaseSeizures(tx, c.wardId, c.id);
  return {
    ...summaryOf(c, await findAssigneeNames(tx, c.officerIds)),
    place: c.place,
    summary: c.summary,
    persons: people.map((p) => ({
      id: p.id,
      role: p.role as 'suspect' | 'victim' | 'witness',
      name: p.fullName,
      birthYear: p.birthYear,
      idNumberMasked: p.idNumberEnc ? maskIdNumber(open(deps.key, p.idNumberEnc, 'id-number')) : null,
      address: p.address,
      arrest: p.arrestedAt && p.measure ? { at: p.arrestedAt.toISOString(), measure: p.measure as 'caught_in_act' } : null,
      note: p.note,
    })),
    tips: await findTipNumbers(tx, c.wardId, await findCaseTipIds(tx, c.wardId, c.id)),
    seizures: seizures.map((s) => ({
      id: s.id,
      kind: s.kind as SeizureKind,
      quantity: s.quantity.replace(/\.?0+$/, ''),
      unit: s.unit as QuantityUnit,
      note: s.note,
    })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function loadCase(tx: Tx, actor: Actor, id: string) {
  const c = await findCaseInScope(tx, actor, id);
  if (!c) throw new AppError('notFound');
  return c;
}

/** One case with its people (ID numbers masked) and seized items; the read of personal data is audited. */
export async function getCase(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'case.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    await recordAudit(tx, { action: 'case.read', actor: by(actor), wardId: c.wardId, entityType: 'case', entityId: c.id });
    return detailOf(deps, tx, c);
  });
}

/** Records a new case in the register of the ward of its unit. */
export async function createCase(deps: Deps, actor: Actor, input: z.output<typeof createCaseSchema>) {
  requirePermission(actor, 'case.manage');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.unitId, vnToday(deps.clock()));
    if (!unit?.wardId) throw new AppError('notFound');
    if (input.discoveredOn > vnToday(deps.clock()))
      throw new AppError('validation', [{ path: 'discoveredOn', message: 'validation.invalid' }]);
    const type = await requireUsableCaseType(tx, input.type);
    const year = Number(input.discoveredOn.slice(0, 4));
    await insertCase(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      year,
      seq: await nextRegisterNumber(tx, unit.wardId, 'case', year),
      type: type.code,
      reportGroup: type.reportGroup,
      penalCodeArticle: input.penalCodeArticle === undefined ? type.penalCodeArticle : input.penalCodeArticle,
      status: 'received',
      occurredOn: input.occurredOn,
      discoveredOn: input.discoveredOn,
      place: input.place || null,
      summary: input.summary,
      officerIds: input.officerIds ?? [actor.userId],
    });
    await recordAudit(tx, {
      action: 'case.create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'case',
      entityId: id,
      detail: { type: input.type },
    });
    return detailOf(deps, tx, await loadCase(tx, actor, id));
  });
}

/**
 * Corrects a case's facts (unit, type, dates, place, summary, article, officers); the status moves only through
 * `moveCase`, and the register number never changes. The audit entry names the fields changed, not their values.
 */
export async function updateCase(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateCaseSchema>) {
  requirePermission(actor, 'case.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    const today = vnToday(deps.clock());
    const values: Partial<CaseRow> = {};
    if (input.unitId !== undefined && input.unitId !== c.unitId) {
      const unit = await findUnitInScope(tx, actor, input.unitId, today);
      // A case stays in its ward's register: moving it to another ward would renumber it.
      if (!unit || unit.wardId !== c.wardId) throw new AppError('validation', [{ path: 'unitId', message: 'cases.unitOtherWard' }]);
      values.unitId = unit.id;
    }
    if (input.type !== undefined && input.type !== c.type) {
      const type = await requireUsableCaseType(tx, input.type, c.type);
      values.type = type.code;
      values.reportGroup = type.reportGroup;
      if (input.penalCodeArticle === undefined) values.penalCodeArticle = type.penalCodeArticle;
    }
    const occurredOn = input.occurredOn ?? c.occurredOn;
    const discoveredOn = input.discoveredOn ?? c.discoveredOn;
    if (!isDiscoveredAfterOccurred(occurredOn, discoveredOn))
      throw new AppError('validation', [{ path: 'discoveredOn', message: 'cases.discoveredBeforeOccurred' }]);
    if (discoveredOn > today) throw new AppError('validation', [{ path: 'discoveredOn', message: 'validation.invalid' }]);
    if (input.occurredOn !== undefined) values.occurredOn = input.occurredOn;
    if (input.discoveredOn !== undefined) values.discoveredOn = input.discoveredOn;
    if (input.place !== undefined) values.place = input.place || null;
    if (input.summary !== undefined) values.summary = input.summary;
    if (input.penalCodeArticle !== undefined) values.penalCodeArticle = input.penalCodeArticle;
    if (input.officerIds !== undefined) values.officerIds = input.officerIds;
    const changed = Object.keys(values).filter((k) => {
      const key = k as keyof CaseRow;
      return JSON.stringify(values[key]) !== JSON.stringify(c[key]);
    });
    if (changed.length === 0) return detailOf(deps, tx, c);
    await updateCaseRow(tx, c.wardId, c.id, values);
    await recordAudit(tx, {
      action: 'case.update',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'case',
      entityId: c.id,
      detail: { changed },
    });
    return detailOf(deps, tx, await loadCase(tx, actor, id));
  });
}

/**
 * Records a case in the ward's register, as received and assigned to nobody yet, for an incident a patrol handed to the
 * ward police (the patrols module). The type's group and article come from the catalogue (a retired type is still
 * taken: the officer corrects the draft). Runs in the caller's transaction, under its actor; the caller audits it.
 * Answers the case's id and register number.
 */
export async function recordCaseFromPatrol(
  tx: DbOrTx,
  input: { wardId: string; unitId: string; type: string; occurredOn: string; discoveredOn: string; place: string | null; summary: string },
): Promise<{ id: string; number: string }> {
  const type = (await findCaseType(tx, input.type)) ?? (await findCaseType(tx, 'other'));
  if (!type) throw new Error('the case-type catalogue has no "other" type');
  const year = Number(input.discoveredOn.slice(0, 4));
  const id = randomUUID();
  const seq = await nextRegisterNumber(tx, input.wardId, 'case', year);
  await insertCase(tx, {
    wardId: input.wardId,
    id,
    unitId: input.unitId,
    year,
    seq,
    type: type.code,
    reportGroup: type.reportGroup,
    penalCodeArticle: type.penalCodeArticle,
    status: 'received',
    occurredOn: input.occurredOn,
    discoveredOn: input.discoveredOn,
    place: input.place,
    summary: input.summary.slice(0, CASE_SUMMARY_MAX),
    officerIds: [],
  });
  return { id, number: caseNumber({ year, seq }) };
}

/** Moves a case along its states (received → verifying → cleared → transferred / prosecuted, or closed without crime). */
export async function moveCase(deps: Deps, actor: Actor, id: string, to: CaseStatus) {
  requirePermission(actor, 'case.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    const error = caseTransitionError(c.status as CaseStatus, to);
    if (error) throw new AppError('caseState', [{ path: 'to', message: error }]);
    const today = vnToday(deps.clock());
    await updateCaseRow(tx, c.wardId, c.id, {
      status: to,
      clearedOn: to === 'cleared' ? today : c.clearedOn,
      transferredOn: to === 'transferred' ? today : c.transferredOn,
      prosecutedOn: to === 'prosecuted' ? today : c.prosecutedOn,
      closedOn: to === 'closed_no_crime' ? today : null,
    });
    await recordAudit(tx, {
      action: 'case.move',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'case',
      entityId: c.id,
      detail: { from: c.status, to },
    });
    return detailOf(deps, tx, await loadCase(tx, actor, id));
  });
}

/** Adds a suspect, victim or witness; the ID number is sealed, with a keyed hash for exact look-up. */
export async function addCasePerson(deps: Deps, actor: Actor, id: string, input: z.output<typeof casePersonSchema>) {
  requirePermission(actor, 'case.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    await insertCasePerson(tx, {
      wardId: c.wardId,
      caseId: c.id,
      role: input.role,
      fullName: input.name,
      birthYear: input.birthYear ?? null,
      idNumberEnc: input.idNumber ? seal(deps.key, input.idNumber, 'id-number') : null,
      idNumberHash: input.idNumber ? keyedHash(deps.key, input.idNumber, 'id-number') : null,
      address: input.address || null,
      arrestedAt: input.arrest ? new Date(input.arrest.at) : null,
      measure: input.arrest?.measure ?? null,
      note: input.note || null,
    });
    await recordAudit(tx, {
      action: 'case.person_add',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'case',
      entityId: c.id,
      detail: { role: input.role },
    });
    return detailOf(deps, tx, await loadCase(tx, actor, id));
  });
}

/** Adds a seized item with its quantity and unit (exact decimals). */
export async function addSeizure(deps: Deps, actor: Actor, id: string, input: z.output<typeof seizureSchema>) {
  requirePermission(actor, 'case.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    await insertSeizure(tx, {
      wardId: c.wardId,
      caseId: c.id,
      kind: input.kind,
      quantity: input.quantity,
      unit: input.unit,
      note: input.note || null,
    });
    await recordAudit(tx, {
      action: 'case.seizure_add',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'case',
      entityId: c.id,
      detail: { kind: input.kind, quantity: input.quantity, unit: input.unit },
    });
    return detailOf(deps, tx, await loadCase(tx, actor, id));
  });
}

/** Records that a tip led to or helped a case (both of the same ward). */
export async function linkCaseTip(deps: Deps, actor: Actor, id: string, tipId: string) {
  requirePermission(actor, 'case.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    // The tip must be one of the same ward's (marking it answers false otherwise): a case never reaches across wards.
    if (!(await markTipUsedInCase(tx, c.wardId, tipId))) throw new AppError('notFound');
    await linkTip(tx, c.wardId, c.id, tipId);
    await recordAudit(tx, {
      action: 'case.tip_link',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'case',
      entityId: c.id,
      detail: { tipId },
    });
    return detailOf(deps, tx, await loadCase(tx, actor, id));
  });
}

/**
 * The figures of a unit and its sub-units over a period, exact: cases by group with the clearance rate, seizures
 * totalled per kind, rehab dossiers, tips, patrols. Counts only; no name or record leaves. For a caller that presents
 * them itself and hides small personal counts there (the periodic report); the API answers `reportSummary`.
 */
/** Each group's cases of a period and how many were cleared (clearanceRate in cases.rules.ts), from the counted rows. */
function clearanceByCaseGroup(rows: { group: string; status: string; n: number }[], from: string, to: string) {
  const casesOf = (group: CaseGroup) =>
    rows
      .filter((r) => r.group === group)
      .flatMap((r) => Array.from({ length: r.n }, () => ({ status: r.status as CaseStatus, discoveredOn: from })));
  return Object.fromEntries(CASE_GROUPS.map((g) => [g, clearanceRate(casesOf(g), { from, to })]));
}

/**
 * One figure of the summary for a unit and the units below it over a period — patrol rounds, tips received, disputes
 * settled or cases cleared — counted by its own module alone, in the caller's transaction (a movement model's effect,
 * certification). Counts only; the caller checks the reader may read figures.
 */
export async function unitFigure(
  tx: Tx,
  unitId: string,
  from: string,
  to: string,
  source: 'patrols' | 'tips' | 'mediation' | 'cases',
): Promise<number> {
  const unitIds = await findSubtreeIds(tx, unitId);
  if (source === 'patrols') return (await summarisePatrols(tx, unitIds, from, to)).rounds;
  if (source === 'tips') return (await countTipFigures(tx, unitIds, from, to)).received;
  if (source === 'mediation') return (await summariseMediation(tx, unitIds, from, to)).settled;
  const perGroup = clearanceByCaseGroup((await summariseCases(tx, unitIds, from, to)).rows, from, to);
  return Object.values(perGroup).reduce((a, g) => a + (g?.cleared ?? 0), 0);
}

export async function summaryFigures(deps: Deps, actor: Actor, unitCode: string, from: string, to: string, within?: Tx) {
  requirePermission(actor, 'report.read');
  const figuresIn = async (tx: Tx) => {
    const unit = await findUnitByCodeInScope(tx, actor, unitCode, vnToday(deps.clock()));
    if (!unit) throw new AppError('notFound');
    const unitIds = await findSubtreeIds(tx, unit.id);
    const { rows, seizures, rehab, arrests } = await summariseCases(tx, unitIds, from, to);
    const perGroup = clearanceByCaseGroup(rows, from, to);
    const byGroup = Object.fromEntries(CASE_GROUPS.map((g) => [g, perGroup[g]?.occurred ?? 0])) as Record<CaseGroup, number>;
    const clearanceByGroup = Object.fromEntries(
      CASE_GROUPS.map((g) => [
        g,
        { total: perGroup[g]?.occurred ?? 0, cleared: perGroup[g]?.cleared ?? 0, clearanceRate: perGroup[g]?.rate ?? null },
      ]),
    ) as Record<CaseGroup, { total: number; cleared: number; clearanceRate: number | null }>;
    const total = Object.values(byGroup).reduce((a, b) => a + b, 0);
    const cleared = Object.values(clearanceByGroup).reduce((a, b) => a + b.cleared, 0);
    // Counted for the reader's whole scope, a province's too, without opening a tip to it (modules/figures).
    const { received, transferred, transferredOnTime } = await countTipFigures(tx, unitIds, from, to);
    const tips = { received, transferred, transferredOnTime };
    const patrols = await summarisePatrols(tx, unitIds, from, to);
    // Within a caller's transaction (the periodic report, the dashboard), the caller audits its own read.
    if (!within)
      await recordAudit(tx, {
        action: 'report.summary',
        actor: by(actor),
        wardId: unit.wardId,
        entityType: 'unit',
        entityId: unit.id,
        detail: { from, to },
      });
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name },
      period: { from, to },
      cases: {
        total,
        cleared,
        clearanceRate: total ? cleared / total : null,
        closedNoCrime: rows.filter((r) => r.status === 'closed_no_crime').reduce((a, r) => a + r.n, 0),
        arrests,
        byGroup,
        clearanceByGroup,
        definition: { vi: CLEARANCE_RATE_DEFINITION.vi, en: CLEARANCE_RATE_DEFINITION.en },
      },
      seizures: sumByKind(seizures.map((s) => ({ kind: s.kind as SeizureKind, quantity: s.quantity, unit: s.unit as QuantityUnit }))),
      rehabDossiers: rehab.opened,
      rehab,
      tips,
      patrols,
      residence: await summariseResidence(tx, unitIds, from, to),
      mediation: await summariseMediation(tx, unitIds, from, to),
      cameras: await summariseCameras(tx, unitIds, from, to),
      certification: await summariseCertification(tx, unitIds, from, to),
      outreach: await summariseOutreach(tx, unitIds, from, to),
    };
  };
  return within ? figuresIn(within) : withActor(deps.database.db, actor, figuresIn);
}

/**
 * `GET /api/v1/reports/summary`: `summaryFigures`, with small counts (1–4) of personal matters — people arrested, rehab
 * dossiers — given as null to a reader who may not open the records (viewers, administrators), and named in
 * `suppressed` (security.md G12: aggregates only, with small-count suppression).
 */
export async function reportSummary(deps: Deps, actor: Actor, unitCode: string, from: string, to: string): Promise<ReportSummary> {
  const figures = await summaryFigures(deps, actor, unitCode, from, to);
  const suppressed: string[] = [];
  const hide = (key: string, n: number) => {
    if (can(actor, 'case.read') || !isPersonalFigure(key) || !isSmallCount(n)) return n;
    suppressed.push(key);
    return null;
  };
  const rehab = {
    opened: hide('rehab.opened', figures.rehab.opened),
    sentToCourt: hide('rehab.sentToCourt', figures.rehab.sentToCourt),
    accepted: hide('rehab.accepted', figures.rehab.accepted),
    rejected: hide('rehab.rejected', figures.rehab.rejected),
    carriedOut: hide('rehab.carriedOut', figures.rehab.carriedOut),
  };
  const arrests = hide('cases.arrests', figures.cases.arrests);
  return {
    ...figures,
    cases: { ...figures.cases, arrests },
    rehabDossiers: rehab.opened,
    rehab,
    suppressed: suppressed.includes('rehab.opened') ? ['rehabDossiers', ...suppressed] : suppressed,
  };
}

/** The full ID number of a person in a case, for an officer who needs it; every read is audited. */
export async function revealIdNumber(deps: Deps, actor: Actor, id: string, personId: string): Promise<{ idNumber: string | null }> {
  requirePermission(actor, 'case.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const c = await loadCase(tx, actor, id);
    const person = (await findCasePeople(tx, c.wardId, c.id)).find((p) => p.id === personId);
    if (!person) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'case.identity_read',
      actor: by(actor),
      wardId: c.wardId,
      entityType: 'case_person',
      entityId: person.id,
      detail: { caseId: c.id },
    });
    return { idNumber: person.idNumberEnc ? open(deps.key, person.idNumberEnc, 'id-number') : null };
  });
}
