import { randomUUID } from 'node:crypto';
import {
  type appraiseCycleSchema,
  awardRefusal,
  type CertificationSummary,
  type CertUnitType,
  type CycleRow as CycleRowView,
  type CycleStage,
  classificationDeadline,
  classify,
  type classifySchema,
  type createAwardSchema,
  type createModelSchema,
  criteriaFor,
  type decideAwardSchema,
  type decideCycleSchema,
  decisionDeadline,
  eligibility,
  evaluationWindow,
  householdRegistrationMet,
  type IndicatorKey,
  isProvinceSet,
  type Locale,
  type listAwardsQuerySchema,
  type listModelsQuerySchema,
  MOVEMENT_CLASSES,
  type MovementClass,
  overlaps,
  recipientFits,
  recognitionInForce,
  type registerCycleSchema,
  registrationPeriod,
  scoreSheet,
  type selfAssessmentSchema,
  selfAssessmentTooEarly,
  sheetFor,
  type submitCycleSchema,
  translate,
  type UnitFacts,
  type updateModelSchema,
  type WardRuleProblem,
  wardRuleProblems,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, can, isInScope, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { summaryFigures, unitFigure } from '../cases/index.ts';
import { type DossierData, renderCertificatePdf, renderDossierDocx, renderDossierPdf } from './certification.dossier.ts';
import { rulesForUnit } from './certification.province.ts';
import {
  type AwardRecord,
  type CycleRecord,
  countActiveModels,
  countAwardsGranted,
  findAwardInScope,
  findAwardsInScope,
  findCycleInScope,
  findCycleOfUnit,
  findCyclesOfUnits,
  findDecisions,
  findModelInScope,
  findModelsInScope,
  findRegistrations,
  findUnitLite,
  findUnitNames,
  findUnitsOfTypes,
  findWardsInScope,
  findWardUnits,
  insertAward,
  insertCycle,
  insertModel,
  type ModelRecord,
  type UnitLite,
  updateAwardRow,
  updateCycleRow,
  updateModelRow,
} from './certification.repository.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });
const invalid = (path: string, message = 'validation.invalid') => new AppError('validation', [{ path, message }]);
const WARD_TYPES = ['ward', 'commune', 'special_zone'];

function factsOf(
  unit: { type: string; schoolLevel: string | null },
  cycle?: { enterpriseSize: string | null; armedForces: boolean } | null,
): UnitFacts {
  return {
    type: unit.type,
    schoolLevel: unit.schoolLevel,
    enterpriseSize: (cycle?.enterpriseSize ?? null) as UnitFacts['enterpriseSize'],
    armedForces: cycle?.armedForces ?? false,
  };
}

/** Both windows of a year together: residential areas from 01/11, the others to 15/11. */
const yearSpan = (year: number) => ({ from: evaluationWindow('residential_area', year).from, to: evaluationWindow('ward', year).to });

/* ---------- the ward rule over a ward's units ---------- */

type WardStatus = { units: number; registered: number; recognised: number; effectiveModels: number; problems: WardRuleProblem[] };

async function wardStatus(tx: Tx, ward: UnitLite, members: UnitLite[], cycles: CycleRecord[], year: number): Promise<WardStatus> {
  const subUnits = members.filter((u) => u.id !== ward.id && !WARD_TYPES.includes(u.type));
  const cycleOf = (id: string) => cycles.find((c) => c.unitId === id) ?? null;
  const eligibleUnits = subUnits.filter((u) => eligibility(factsOf(u, cycleOf(u.id)), year).eligible);
  const registered = eligibleUnits.filter((u) => cycleOf(u.id)).length;
  const recognised = eligibleUnits.filter((u) => cycleOf(u.id)?.outcome === 'recognised').length;
  const w = evaluationWindow('ward', year);
  const effectiveModels = await countActiveModels(tx, [ward.id, ...subUnits.map((u) => u.id)], w.from, w.to);
  const input = { units: eligibleUnits.length, registered, recognised, effectiveModels };
  return { ...input, problems: wardRuleProblems(input) };
}

/* ---------- the units' year ---------- */

export async function listCycles(deps: Deps, actor: Actor, q: { year: number; ward?: string | undefined }) {
  requirePermission(actor, 'certification.read');
  const span = yearSpan(q.year);
  return withActor(deps.database.db, actor, async (tx) => {
    const wards = await findWardsInScope(tx, actor, span.from, span.to);
    const ward = q.ward ? wards.find((w) => w.id === q.ward) : (wards.find((w) => w.id === actor.wardId) ?? wards[0]);
    if (q.ward && !ward) throw new AppError('notFound');
    if (!ward) return { year: q.year, wards: [], wardId: null, ward: null, items: [] };
    const members = await findWardUnits(tx, actor, ward.id, span.from, span.to);
    const cycles = await findCyclesOfUnits(
      tx,
      members.map((u) => u.id),
      q.year,
    );
    const items: CycleRowView[] = members.map((u) => {
      const cycle = cycles.find((c) => c.unitId === u.id) ?? null;
      const e = eligibility(factsOf(u, cycle), q.year);
      const certType = e.eligible ? e.certType : null;
      return {
        unitId: u.id,
        unitName: u.name,
        unitType: u.type,
        certType,
        eligible: e.eligible,
        ineligibleReason: e.eligible ? null : e.reason,
        ineligibleArticle: e.eligible ? null : e.article,
        cycleId: cycle?.id ?? null,
        stage: (cycle?.stage ?? null) as CycleStage | null,
        outcome: (cycle?.outcome ?? null) as CycleRowView['outcome'],
        decidedOn: cycle?.decidedOn ?? null,
        window: certType ? evaluationWindow(certType, q.year) : null,
        decisionDue: certType ? decisionDeadline(certType, q.year) : null,
      };
    });
    const status = members.some((u) => u.id === ward.id) ? await wardStatus(tx, ward, members, cycles, q.year) : null;
    return { year: q.year, wards: wards.map((w) => ({ id: w.id, name: w.name })), wardId: ward.id, ward: status, items };
  });
}

/** A ward's year as a workbook: each unit with its type, eligibility, step, result and decision; audited. */
export async function exportCycles(deps: Deps, actor: Actor, q: { year: number; ward?: string | undefined }, lang: Locale) {
  const list = await listCycles(deps, actor, q);
  const wardName = list.wards.find((w) => w.id === list.wardId)?.name ?? '';
  const decisions = await withActor(deps.database.db, actor, async (tx) => {
    const cycles = await findCyclesOfUnits(
      tx,
      list.items.map((i) => i.unitId),
      q.year,
    );
    await recordAudit(tx, {
      action: 'certification.export',
      actor: by(actor),
      wardId: list.wardId,
      entityType: 'unit',
      entityId: list.wardId,
      detail: { year: q.year, rows: list.items.length },
    });
    return new Map(cycles.map((c) => [c.unitId, c]));
  });
  const t = (key: string) => translate(lang, key);
  const dmy = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Bình An';
  const sheet = workbook.addWorksheet(`${q.year}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const head =
    lang === 'en'
      ? ['Unit', 'Type', 'Evaluation window', 'Step', 'Result', 'Decided on', 'Decision', 'Certificate', 'Cannot be recognised because']
      : [
          'Đơn vị',
          'Loại',
          'Thời gian đánh giá',
          'Bước',
          'Kết quả',
          'Ngày quyết định',
          'Quyết định',
          'Giấy công nhận',
          'Lý do không thuộc đối tượng',
        ];
  sheet.addRow(head).font = { bold: true };
  for (const row of list.items) {
    const c = decisions.get(row.unitId);
    sheet.addRow([
      row.unitName,
      row.certType ? t(`certification.certTypes.${row.certType}`) : '',
      row.window ? `${dmy(row.window.from)} – ${dmy(row.window.to)}` : '',
      row.stage ? t(`certification.stages.${row.stage}`) : '',
      row.outcome ? t(`certification.outcomes.${row.outcome}`) : '',
      dmy(row.decidedOn),
      c?.decisionRef ?? '',
      c?.certificateNo ?? '',
      row.ineligibleReason ? `${t(`certification.ineligible.${row.ineligibleReason}`)} (${row.ineligibleArticle})` : '',
    ]);
  }
  sheet.columns.forEach((col, i) => {
    col.width = [32, 18, 26, 20, 14, 16, 36, 18, 48][i] ?? 16;
  });
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const slug = wardName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { bytes, filename: `an-toan-antt-${slug || 'phuong'}-${q.year}.xlsx`, rows: list.items.length };
}

/* ---------- one unit's dossier ---------- */

const SERIOUS_GROUPS = ['drugs', 'theft_fraud', 'assault'] as const;

async function loadCycle(tx: Tx, actor: Actor, id: string) {
  const cycle = await findCycleInScope(tx, actor, id);
  if (!cycle) throw new AppError('notFound');
  return cycle;
}

/** A unit's year; `withFigures`: the live figures next to the criteria (the screen refetches them after a step). */
async function cycleDetail(deps: Deps, actor: Actor, id: string, lang: Locale, withFigures = true) {
  const base = await withActor(deps.database.db, actor, async (tx) => {
    const cycle = await loadCycle(tx, actor, id);
    const certType = cycle.certType as CertUnitType;
    const window = evaluationWindow(certType, cycle.year);
    let ward: WardStatus | null = null;
    let unitIds = [cycle.unitId];
    if (certType === 'ward') {
      const span = yearSpan(cycle.year);
      const self = await findUnitLite(tx, actor, cycle.unitId);
      const members = self ? await findWardUnits(tx, actor, cycle.unitId, span.from, span.to) : [];
      const cycles = await findCyclesOfUnits(
        tx,
        members.map((u) => u.id),
        cycle.year,
      );
      if (self) ward = await wardStatus(tx, self, members, cycles, cycle.year);
      unitIds = members.map((u) => u.id);
    }
    const models = await countActiveModels(tx, unitIds, window.from, window.to);
    const rules = await rulesForUnit(tx, cycle.unitId);
    return { cycle, certType, window, ward, models, rules };
  });
  const { cycle, certType, window, ward, models, rules } = base;
  // Figures from the live records, for readers of figures (report.read): the cases module's summary of the unit and its
  // sub-units over the window, and over the window before (Art. 4.4.a: compared with the previous year).
  const readsFigures = withFigures && can(actor, 'report.read');
  const figures = readsFigures ? await summaryFigures(deps, actor, cycle.unitId, window.from, window.to) : null;
  const before = evaluationWindow(certType, cycle.year - 1);
  const previous = readsFigures ? await summaryFigures(deps, actor, cycle.unitId, before.from, before.to) : null;
  const indicator = (key: IndicatorKey): number | null => {
    switch (key) {
      case 'householdRate':
        return cycle.householdsTotal ? Math.round(((cycle.householdsRegistered ?? 0) * 1000) / cycle.householdsTotal) / 10 : null;
      case 'cases':
        return figures?.cases.total ?? null;
      case 'casesPreviousWindow':
        return previous?.cases.total ?? null;
      case 'seriousCases':
        return figures ? SERIOUS_GROUPS.reduce((a, g) => a + (figures.cases.byGroup[g] ?? 0), 0) : null;
      case 'tips':
        return figures?.tips.received ?? null;
      case 'prolongedDisputes':
        return figures?.mediation.prolonged ?? null;
      case 'disputesAtRisk':
        return figures?.mediation.atRisk ?? null;
      case 'patrolRounds':
        return figures?.patrols.rounds ?? null;
      case 'activeModels':
        return models;
      case 'unitsRegistered':
        return ward?.registered ?? null;
      case 'unitsRecognised':
        return ward?.recognised ?? null;
    }
  };
  const criteria = criteriaFor(certType, cycle.year, rules.sets, rules.provinceCode).map(({ set, criterion }) => {
    const answer = cycle.answers.find((a) => a.criterionId === criterion.id) ?? null;
    return {
      id: criterion.id,
      article: criterion.article,
      source: set.source,
      evidence: [...criterion.evidence],
      text: lang === 'en' ? criterion.en : criterion.vi,
      province: isProvinceSet(set),
      indicators: criterion.indicators.map((key) => ({ key, value: indicator(key) })),
      answer: answer ? { met: answer.met, note: answer.note } : null,
    };
  });
  return {
    id: cycle.id,
    unitId: cycle.unitId,
    unitName: cycle.unitName,
    certType,
    year: cycle.year,
    stage: cycle.stage as CycleStage,
    outcome: cycle.outcome as 'recognised' | 'not_recognised' | null,
    window,
    registrationDue: registrationPeriod(cycle.year).to,
    decisionDue: decisionDeadline(certType, cycle.year),
    classificationDue: classificationDeadline(certType, cycle.year),
    registeredOn: cycle.registeredOn,
    resolutionRef: cycle.resolutionRef,
    planRef: cycle.planRef,
    households: cycle.householdsTotal !== null ? { registered: cycle.householdsRegistered ?? 0, total: cycle.householdsTotal } : null,
    meetingOn: cycle.meetingOn,
    chairedBy: cycle.chairedBy,
    attendees: cycle.attendees,
    submittedOn: cycle.submittedOn,
    appraisedOn: cycle.appraisedOn,
    appraisalOpinion: cycle.appraisalOpinion,
    decidedOn: cycle.decidedOn,
    decisionRef: cycle.decisionRef,
    certificateNo: cycle.certificateNo,
    reason: cycle.reason,
    classification:
      cycle.classScores && cycle.classTotal !== null && cycle.classResult
        ? { scores: cycle.classScores, total: cycle.classTotal, cls: cycle.classResult as ReturnType<typeof classify> }
        : null,
    sheet: sheetFor(certType).map((l) => ({ id: l.id, max: l.max, text: lang === 'en' ? l.en : l.vi })),
    criteria,
    ward,
  };
}

export function getCycle(deps: Deps, actor: Actor, id: string, lang: Locale) {
  requirePermission(actor, 'certification.read');
  return cycleDetail(deps, actor, id, lang);
}

/* ---------- the steps ---------- */

/** Registration in Q1 (Art. 4.1, 5.1, 6.1, 7.1): eligible units only, 100% of households for a residential area. */
export async function registerCycle(deps: Deps, actor: Actor, input: z.output<typeof registerCycleSchema>, lang: Locale) {
  requirePermission(actor, 'certification.assess');
  const id = randomUUID();
  await withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitLite(tx, actor, input.unitId);
    if (!unit) throw new AppError('notFound');
    const e = eligibility(
      {
        type: unit.type,
        schoolLevel: unit.schoolLevel,
        enterpriseSize: input.enterpriseSize ?? null,
        armedForces: input.armedForces ?? false,
      },
      input.year,
    );
    if (!e.eligible) throw invalid('unitId', `certification.ineligible.${e.reason}`);
    const window = evaluationWindow(e.certType, input.year);
    if ((unit.validFrom && unit.validFrom > window.to) || (unit.validTo && unit.validTo < window.from)) throw new AppError('unitInactive');
    const q1 = registrationPeriod(input.year);
    if (input.registeredOn < q1.from || input.registeredOn > q1.to)
      throw invalid('registeredOn', 'certification.errors.outsideRegistration');
    if (e.certType === 'residential_area') {
      if (!input.households || !householdRegistrationMet(input.households.registered, input.households.total)) {
        throw invalid('households', 'certification.errors.households');
      }
    }
    if (await findCycleOfUnit(tx, unit.wardId, unit.id, input.year)) throw invalid('year', 'certification.errors.alreadyRegistered');
    await insertCycle(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      year: input.year,
      certType: e.certType,
      stage: 'registered',
      registeredOn: input.registeredOn,
      resolutionRef: input.resolutionRef || null,
      planRef: input.planRef || null,
      householdsRegistered: input.households?.registered ?? null,
      householdsTotal: input.households?.total ?? null,
      enterpriseSize: input.enterpriseSize ?? null,
      armedForces: input.armedForces ?? false,
      note: input.note || null,
      createdBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'certification.register',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'certification_cycle',
      entityId: id,
      detail: { year: input.year },
    });
  });
  return cycleDetail(deps, actor, id, lang, false);
}

async function step(
  deps: Deps,
  actor: Actor,
  id: string,
  lang: Locale,
  from: readonly CycleStage[],
  action: string,
  apply: (tx: Tx, cycle: CycleRecord) => Promise<Record<string, unknown>>,
) {
  await withActor(deps.database.db, actor, async (tx) => {
    const cycle = await loadCycle(tx, actor, id);
    if (!from.includes(cycle.stage as CycleStage)) throw invalid('stage', 'certification.errors.wrongStage');
    const values = await apply(tx, cycle);
    await updateCycleRow(tx, cycle.wardId, cycle.id, values);
    await recordAudit(tx, {
      action,
      actor: by(actor),
      wardId: cycle.wardId,
      entityType: 'certification_cycle',
      entityId: cycle.id,
      detail: { stage: values.stage ?? cycle.stage },
    });
  });
  return cycleDetail(deps, actor, id, lang, false);
}

/** The self-assessment meeting after the window closes (Art. 9.1), with an answer for every criterion of the year. */
export function selfAssess(deps: Deps, actor: Actor, id: string, input: z.output<typeof selfAssessmentSchema>, lang: Locale) {
  requirePermission(actor, 'certification.assess');
  return step(deps, actor, id, lang, ['registered', 'self_assessed'], 'certification.self_assess', async (tx, cycle) => {
    const certType = cycle.certType as CertUnitType;
    if (selfAssessmentTooEarly(certType, cycle.year, input.meetingOn)) throw invalid('meetingOn', 'certification.errors.meetingTooEarly');
    const rules = await rulesForUnit(tx, cycle.unitId);
    const ids = criteriaFor(certType, cycle.year, rules.sets, rules.provinceCode).map((c) => c.criterion.id);
    const unknown = input.answers.findIndex((a) => !ids.includes(a.criterionId));
    if (unknown >= 0) throw invalid(`answers.${unknown}.criterionId`, 'certification.errors.unknownCriterion');
    if (ids.some((cid) => !input.answers.some((a) => a.criterionId === cid)))
      throw invalid('answers', 'certification.errors.missingAnswers');
    return {
      stage: 'self_assessed',
      meetingOn: input.meetingOn,
      chairedBy: input.chairedBy,
      attendees: input.attendees || null,
      answers: input.answers.map((a) => ({ criterionId: a.criterionId, met: a.met, note: a.note || null })),
    };
  });
}

/** The recognition dossier goes to the ward (Art. 9.2.b). */
export function submitCycle(deps: Deps, actor: Actor, id: string, input: z.output<typeof submitCycleSchema>, lang: Locale) {
  requirePermission(actor, 'certification.assess');
  return step(deps, actor, id, lang, ['self_assessed'], 'certification.submit', async (_tx, cycle) => {
    if (cycle.meetingOn && input.submittedOn < cycle.meetingOn) throw new AppError('invalidDates');
    return { stage: 'submitted', submittedOn: input.submittedOn };
  });
}

/** The ward's appraisal (Art. 9.1; in practice the ward police collect the dossiers and the steering office appraises). */
export function appraiseCycle(deps: Deps, actor: Actor, id: string, input: z.output<typeof appraiseCycleSchema>, lang: Locale) {
  requirePermission(actor, 'certification.decide');
  return step(deps, actor, id, lang, ['submitted'], 'certification.appraise', async (_tx, cycle) => {
    if (cycle.submittedOn && input.appraisedOn < cycle.submittedOn) throw new AppError('invalidDates');
    return { stage: 'appraised', appraisedOn: input.appraisedOn, appraisalOpinion: input.opinion };
  });
}

/**
 * The decision, đạt or chưa đạt (Art. 8.1, 9.1, 10): recognised only when every criterion was met and, for a ward, when
 * the ward rule holds (Art. 5.4: 100% registered, ≥ 70% recognised; Art. 5.1: an effective model).
 */
export function decideCycle(deps: Deps, actor: Actor, id: string, input: z.output<typeof decideCycleSchema>, lang: Locale) {
  requirePermission(actor, 'certification.decide');
  return step(deps, actor, id, lang, ['appraised'], 'certification.decide', async (tx, cycle) => {
    if (cycle.appraisedOn && input.decidedOn < cycle.appraisedOn) throw new AppError('invalidDates');
    if (input.outcome === 'recognised') {
      if (cycle.answers.some((a) => !a.met)) throw invalid('outcome', 'certification.errors.recognisedWithUnmet');
      if (cycle.certType === 'ward') {
        const span = yearSpan(cycle.year);
        const self = await findUnitLite(tx, actor, cycle.unitId);
        const members = self ? await findWardUnits(tx, actor, cycle.unitId, span.from, span.to) : [];
        const cycles = await findCyclesOfUnits(
          tx,
          members.map((u) => u.id),
          cycle.year,
        );
        const status = self ? await wardStatus(tx, self, members, cycles, cycle.year) : null;
        const problem = status?.problems[0];
        if (problem) throw invalid('outcome', `certification.wardProblems.${problem}`);
      }
    }
    return {
      stage: 'decided',
      decidedOn: input.decidedOn,
      outcome: input.outcome,
      decisionRef: input.decisionRef,
      certificateNo: input.outcome === 'recognised' ? input.certificateNo || null : null,
      reason: input.reason || null,
    };
  });
}

/** The QĐ 510/2022 self-scoring sheet: points per line within its maximum, the total and the class. */
export function classifyCycle(deps: Deps, actor: Actor, id: string, input: z.output<typeof classifySchema>, lang: Locale) {
  requirePermission(actor, 'certification.assess');
  return step(
    deps,
    actor,
    id,
    lang,
    ['registered', 'self_assessed', 'submitted', 'appraised', 'decided'],
    'certification.classify',
    async (tx, cycle) => {
      const { total, bad } = scoreSheet(cycle.certType as CertUnitType, input.scores);
      if (bad.length) throw invalid(`scores.${bad[0]}`, 'certification.errors.scores');
      const { thresholds } = await rulesForUnit(tx, cycle.unitId);
      return { classScores: input.scores, classTotal: total, classResult: classify(total, thresholds) };
    },
  );
}

/** The dossier (request, minutes, results report) as PDF or DOCX; audited. */
export async function exportDossier(
  deps: Deps,
  actor: Actor,
  id: string,
  q: { format: 'pdf' | 'docx'; lang?: Locale | undefined },
  locale: Locale,
) {
  requirePermission(actor, 'certification.read');
  const lang = q.lang ?? locale;
  const detail = await cycleDetail(deps, actor, id, lang);
  const wardName = await withActor(deps.database.db, actor, async (tx) => {
    const cycle = await loadCycle(tx, actor, id);
    await recordAudit(tx, {
      action: 'certification.dossier',
      actor: by(actor),
      wardId: cycle.wardId,
      entityType: 'certification_cycle',
      entityId: cycle.id,
      detail: { format: q.format },
    });
    return (await findUnitNames(tx, [cycle.wardId])).get(cycle.wardId) ?? '';
  });
  const fmt = (n: number | null) => (n === null ? '—' : n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'));
  const data: DossierData = {
    ward: wardName,
    unit: detail.unitName,
    certType: detail.certType,
    year: detail.year,
    window: detail.window,
    registeredOn: detail.registeredOn,
    meetingOn: detail.meetingOn,
    chairedBy: detail.chairedBy,
    attendees: detail.attendees,
    criteria: detail.criteria.map((c) => ({
      article: c.article,
      source: c.source,
      text: c.text,
      met: c.answer?.met ?? null,
      note: c.answer?.note ?? null,
      figures: c.indicators.map((i) => ({ label: translate(lang, `certification.indicators.${i.key}`), value: fmt(i.value) })),
    })),
  };
  const bytes = q.format === 'pdf' ? await renderDossierPdf(data, lang) : await renderDossierDocx(data, lang);
  const mime = q.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return { bytes, mime, filename: `ho-so-an-toan-antt-${detail.year}-${detail.id.slice(0, 8)}.${q.format}` };
}

/* ---------- movement models ---------- */

type ModelSource = 'patrols' | 'tips' | 'mediation' | 'cases';
type ModelFigure = { source: ModelSource; value: number; from: string; to: string };

async function modelViews(tx: Tx, models: ModelRecord[], figures: Map<string, ModelFigure> = new Map()) {
  const names = await findUnitNames(tx, [...new Set(models.flatMap((m) => m.replicatedUnitIds))]);
  return models.map((m) => ({
    id: m.id,
    unitId: m.unitId,
    unitName: m.unitName,
    name: m.name,
    runBy: m.runBy,
    startedOn: m.startedOn,
    endedOn: m.endedOn,
    activities: m.activities,
    effect: m.effect,
    effective: m.effective,
    replicatedTo: m.replicatedUnitIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    figureSource: (m.figureSource ?? null) as ModelSource | null,
    figure: figures.get(m.id) ?? null,
  }));
}

/**
 * A model's effect from the records of the module it is linked to: that module's figure for the model's unit (and the
 * units below it) over the calendar year of its last day running, to that day — one count per model, models of the
 * same unit, period and source counted once, all in one transaction. Readers of figures only (report.read), and only
 * for models of a unit within their reach (a block's account also sees models replicated to its block from another).
 */
async function modelFigures(deps: Deps, actor: Actor, models: ModelRecord[], today: string): Promise<Map<string, ModelFigure>> {
  const out = new Map<string, ModelFigure>();
  if (!can(actor, 'report.read')) return out;
  const wanted = models.flatMap((m) => {
    const source = m.figureSource as ModelSource | null;
    if (!source || !isInScope(actor, m.wardId, m.unitId)) return [];
    const to = m.endedOn && m.endedOn < today ? m.endedOn : today;
    const from = [`${to.slice(0, 4)}-01-01`, m.startedOn].sort()[1] as string;
    return from > to ? [] : [{ m, source, from, to }];
  });
  if (wanted.length === 0) return out;
  await withActor(deps.database.db, actor, async (tx) => {
    const counted = new Map<string, number>();
    for (const { m, source, from, to } of wanted) {
      const key = `${m.unitId} ${source} ${from} ${to}`;
      const value = counted.get(key) ?? (await unitFigure(tx, m.unitId, from, to, source));
      counted.set(key, value);
      out.set(m.id, { source, value, from, to });
    }
  });
  return out;
}

const MODEL_CURSOR = /^(\d{4}-\d{2}-\d{2})~([0-9a-f-]{36})$/;

/** The movement's models, searched and filtered, a page at a time (`nextCursor` continues). */
export async function listModels(deps: Deps, actor: Actor, q: z.output<typeof listModelsQuerySchema>) {
  requirePermission(actor, 'certification.read');
  const limit = q.limit ?? 50;
  let after: { startedOn: string; id: string } | undefined;
  if (q.cursor) {
    const m = MODEL_CURSOR.exec(q.cursor);
    if (!m) throw invalid('cursor');
    after = { startedOn: m[1] as string, id: m[2] as string };
  }
  const today = vnToday(deps.clock());
  const rows = await withActor(deps.database.db, actor, (tx) =>
    findModelsInScope(tx, actor, { wardId: q.ward ?? null, q: q.q, state: q.state, today, after }, limit + 1),
  );
  const models = rows.slice(0, limit);
  const figures = await modelFigures(deps, actor, models, today);
  const last = models.at(-1);
  return withActor(deps.database.db, actor, async (tx) => ({
    items: await modelViews(tx, models, figures),
    nextCursor: rows.length > limit && last ? `${last.startedOn}~${last.id}` : null,
  }));
}

/** The models as a workbook, with the list's search and filters (up to 2,000 rows); audited. */
export async function exportModels(deps: Deps, actor: Actor, q: z.output<typeof listModelsQuerySchema>, lang: Locale) {
  requirePermission(actor, 'certification.read');
  const today = vnToday(deps.clock());
  const views = await withActor(deps.database.db, actor, async (tx) => {
    const found = await findModelsInScope(tx, actor, { wardId: q.ward ?? null, q: q.q, state: q.state, today }, 2000);
    await recordAudit(tx, {
      action: 'certification.models_export',
      actor: by(actor),
      wardId: actor.wardId,
      entityType: 'certification_model',
      detail: { rows: found.length, state: q.state ?? null, searched: Boolean(q.q) },
    });
    return modelViews(tx, found);
  });
  const dmy = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Bình An';
  const sheet = workbook.addWorksheet(lang === 'en' ? 'Models' : 'Mô hình', { views: [{ state: 'frozen', ySplit: 1 }] });
  const head =
    lang === 'en'
      ? ['Model', 'Unit', 'Run by', 'Started on', 'Ended on', 'Effective', 'Activities', 'Effect', 'Replicated to']
      : [
          'Mô hình',
          'Đơn vị',
          'Người, tổ chức phụ trách',
          'Ngày bắt đầu',
          'Ngày kết thúc',
          'Hiệu quả',
          'Hoạt động',
          'Hiệu quả đạt được',
          'Nhân rộng tới',
        ];
  sheet.addRow(head).font = { bold: true };
  const yes = lang === 'en' ? ['Yes', 'No'] : ['Có', 'Không'];
  for (const m of views) {
    sheet.addRow([
      m.name,
      m.unitName,
      m.runBy,
      dmy(m.startedOn),
      dmy(m.endedOn),
      m.effective ? yes[0] : yes[1],
      m.activities ?? '',
      m.effect ?? '',
      m.replicatedTo.map((r) => r.name).join(', '),
    ]);
  }
  sheet.columns.forEach((c) => {
    c.width = 20;
  });
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, rows: views.length, filename: lang === 'en' ? 'movement-models.xlsx' : 'mo-hinh-phong-trao.xlsx' };
}

export async function createModel(deps: Deps, actor: Actor, input: z.output<typeof createModelSchema>) {
  requirePermission(actor, 'certification.assess');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitLite(tx, actor, input.unitId);
    if (!unit) throw new AppError('notFound');
    await insertModel(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      name: input.name,
      runBy: input.runBy,
      startedOn: input.startedOn,
      activities: input.activities || null,
      effect: input.effect || null,
      effective: input.effective,
      figureSource: input.figureSource ?? null,
    });
    await recordAudit(tx, {
      action: 'certification.model_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'certification_model',
      entityId: id,
    });
    const created = await findModelInScope(tx, actor, id);
    if (!created) throw new AppError('notFound');
    return (await modelViews(tx, [created]))[0];
  });
}

export async function updateModel(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateModelSchema>) {
  requirePermission(actor, 'certification.assess');
  return withActor(deps.database.db, actor, async (tx) => {
    const model = await findModelInScope(tx, actor, id);
    if (!model) throw new AppError('notFound');
    if (input.endedOn && input.endedOn < model.startedOn) throw new AppError('invalidDates');
    if (input.replicatedUnitIds) {
      for (const [i, uid] of input.replicatedUnitIds.entries()) {
        const u = await findUnitLite(tx, actor, uid);
        if (!u || u.wardId !== model.wardId || uid === model.unitId) throw invalid(`replicatedUnitIds.${i}`);
      }
    }
    await updateModelRow(tx, model.wardId, model.id, {
      ...(input.runBy !== undefined ? { runBy: input.runBy } : {}),
      ...(input.activities !== undefined ? { activities: input.activities || null } : {}),
      ...(input.effect !== undefined ? { effect: input.effect || null } : {}),
      ...(input.effective !== undefined ? { effective: input.effective } : {}),
      ...(input.figureSource !== undefined ? { figureSource: input.figureSource } : {}),
      ...(input.endedOn !== undefined ? { endedOn: input.endedOn } : {}),
      ...(input.replicatedUnitIds !== undefined ? { replicatedUnitIds: [...new Set(input.replicatedUnitIds)] } : {}),
    });
    await recordAudit(tx, {
      action: 'certification.model_update',
      actor: by(actor),
      wardId: model.wardId,
      entityType: 'certification_model',
      entityId: model.id,
      detail: { fields: Object.keys(input) },
    });
    const updated = await findModelInScope(tx, actor, id);
    if (!updated) throw new AppError('notFound');
    return (await modelViews(tx, [updated]))[0];
  });
}

/* ---------- awards ---------- */

const awardView = (a: AwardRecord) => ({
  id: a.id,
  year: a.year,
  kind: a.kind,
  recipient: a.recipient,
  unitId: a.unitId,
  unitName: a.unitName,
  personName: a.personName,
  issuer: a.issuer,
  reason: a.reason,
  status: a.status,
  proposedOn: a.proposedOn,
  decidedOn: a.decidedOn,
  decisionRef: a.decisionRef,
  refusal: a.refusal,
});

const AWARD_CURSOR = /^(\d{4})~([0-9a-f-]{36})$/;

/** The ward's awards, searched and filtered, a page at a time (`nextCursor` continues). */
export async function listAwards(deps: Deps, actor: Actor, q: z.output<typeof listAwardsQuerySchema>) {
  requirePermission(actor, 'certification.read');
  const limit = q.limit ?? 50;
  let after: { year: number; id: string } | undefined;
  if (q.cursor) {
    const m = AWARD_CURSOR.exec(q.cursor);
    if (!m) throw invalid('cursor');
    after = { year: Number(m[1]), id: m[2] as string };
  }
  const rows = await withActor(deps.database.db, actor, (tx) => findAwardsInScope(tx, actor, { ...q, after }, limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(awardView), nextCursor: rows.length > limit && last ? `${last.year}~${last.id}` : null };
}

/** The awards as a workbook, with the list's search and filters (up to 5,000 rows); audited. */
export async function exportAwards(deps: Deps, actor: Actor, q: z.output<typeof listAwardsQuerySchema>, lang: Locale) {
  requirePermission(actor, 'certification.read');
  const rows = await withActor(deps.database.db, actor, async (tx) => {
    const found = await findAwardsInScope(tx, actor, { ...q, after: undefined }, 5000);
    await recordAudit(tx, {
      action: 'certification.awards_export',
      actor: by(actor),
      wardId: actor.wardId,
      entityType: 'certification_award',
      detail: { rows: found.length, year: q.year ?? null, kind: q.kind ?? null, status: q.status ?? null, searched: Boolean(q.q) },
    });
    return found;
  });
  const t = (key: string) => translate(lang, key);
  const dmy = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Bình An';
  const sheet = workbook.addWorksheet(lang === 'en' ? 'Awards' : 'Khen thưởng', { views: [{ state: 'frozen', ySplit: 1 }] });
  const head =
    lang === 'en'
      ? ['Year', 'Award', 'Recipient', 'Name', 'Unit', 'Issuer', 'Achievement', 'Status', 'Proposed on', 'Decided on', 'Decision']
      : [
          'Năm',
          'Hình thức',
          'Đối tượng',
          'Họ và tên',
          'Đơn vị',
          'Cấp khen',
          'Thành tích',
          'Tình trạng',
          'Ngày đề nghị',
          'Ngày quyết định',
          'Số quyết định',
        ];
  sheet.addRow(head).font = { bold: true };
  for (const a of rows) {
    sheet.addRow([
      a.year,
      t(`certification.awardKinds.${a.kind}`),
      t(`certification.awardRecipients.${a.recipient}`),
      a.personName ?? '',
      a.unitName,
      a.issuer,
      a.reason ?? '',
      t(`certification.awardStatuses.${a.status}`),
      dmy(a.proposedOn),
      dmy(a.decidedOn),
      a.decisionRef ?? '',
    ]);
  }
  sheet.columns.forEach((c) => {
    c.width = 18;
  });
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, rows: rows.length, filename: lang === 'en' ? 'awards.xlsx' : 'khen-thuong.xlsx' };
}

/**
 * A proposal for an award to a group or a person. Nobody awaiting disciplinary review or serving a disciplinary term
 * is proposed (TT 12/2019/TT-BCA Art. 2): refused with the reason, nothing written.
 */
export async function proposeAward(deps: Deps, actor: Actor, input: z.output<typeof createAwardSchema>) {
  requirePermission(actor, 'certification.decide');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitLite(tx, actor, input.unitId);
    if (!unit) throw new AppError('notFound');
    if (!recipientFits(input.kind, input.recipient)) throw invalid('kind', 'certification.awardRefusals.recipientKind');
    if (input.recipient === 'individual' && !input.personName) throw invalid('personName', 'certification.errors.personName');
    const refusal = awardRefusal(
      { underDisciplinaryReview: input.underDisciplinaryReview, disciplineUntil: input.disciplineUntil ?? null },
      input.proposedOn,
    );
    if (refusal) throw invalid('underDisciplinaryReview', `certification.awardRefusals.${refusal}`);
    await insertAward(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      year: input.year,
      kind: input.kind,
      recipient: input.recipient,
      personName: input.recipient === 'individual' ? (input.personName ?? null) : null,
      issuer: input.issuer,
      reason: input.reason || null,
      status: 'proposed',
      proposedOn: input.proposedOn,
      disciplineUntil: input.disciplineUntil ?? null,
      createdBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'certification.award_propose',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'certification_award',
      entityId: id,
      detail: { kind: input.kind },
    });
    const created = await findAwardInScope(tx, actor, id);
    if (!created) throw new AppError('notFound');
    return awardView(created);
  });
}

/** The decision on a proposal: granted, or refused; a grant to anyone now under disciplinary review is refused (TT 12/2019 Art. 2). */
export async function decideAward(deps: Deps, actor: Actor, id: string, input: z.output<typeof decideAwardSchema>) {
  requirePermission(actor, 'certification.decide');
  return withActor(deps.database.db, actor, async (tx) => {
    const award = await findAwardInScope(tx, actor, id);
    if (!award) throw new AppError('notFound');
    if (award.status !== 'proposed') throw invalid('status', 'certification.errors.wrongStage');
    if (input.decidedOn < award.proposedOn) throw new AppError('invalidDates');
    const underReview = input.underDisciplinaryReview ?? award.underReview;
    const refusal = awardRefusal({ underDisciplinaryReview: underReview, disciplineUntil: award.disciplineUntil }, input.decidedOn);
    if (input.granted && refusal) throw invalid('granted', `certification.awardRefusals.${refusal}`);
    await updateAwardRow(tx, award.wardId, award.id, {
      status: input.granted ? 'granted' : 'refused',
      decidedOn: input.decidedOn,
      decisionRef: input.decisionRef || null,
      underReview,
      refusal: input.granted ? null : refusal,
    });
    await recordAudit(tx, {
      action: 'certification.award_decide',
      actor: by(actor),
      wardId: award.wardId,
      entityType: 'certification_award',
      entityId: award.id,
      detail: { granted: input.granted },
    });
    const updated = await findAwardInScope(tx, actor, id);
    if (!updated) throw new AppError('notFound');
    return awardView(updated);
  });
}

/* ---------- figures for the report summary ---------- */

const isMovementClass = (v: string): v is MovementClass => (MOVEMENT_CLASSES as readonly string[]).includes(v);

/**
 * The recognitions in force during a period (a recognition runs from its decision until the unit's next decision, at
 * most to the end of the following year: `recognitionInForce`), of the residential areas, schools, agencies and
 * enterprises of some units in force during the period; the models running and the awards granted in it.
 */
export async function summariseCertification(tx: Tx, unitIds: readonly string[], from: string, to: string): Promise<CertificationSummary> {
  const members = await findUnitsOfTypes(tx, unitIds, ['block', 'school', 'agency', 'enterprise'], from, to);
  const decisions = await findDecisions(
    tx,
    members.map((u) => u.id),
    to,
  );
  const period = { from, to };
  const recognisedIds = new Set<string>();
  for (const [i, d] of decisions.entries()) {
    if (d.outcome !== 'recognised') continue;
    const next = decisions.slice(i + 1).find((n) => n.unitId === d.unitId && n.year > d.year) ?? null;
    if (overlaps(recognitionInForce(d.year, d.decidedOn, next?.decidedOn ?? null), period)) recognisedIds.add(d.unitId);
  }
  const year = Number(to.slice(0, 4));
  const fromYear = Number(from.slice(0, 4));
  const cycles = await findRegistrations(
    tx,
    members.map((u) => u.id),
    fromYear - 1,
    year,
    to,
  );
  // Registered: a cycle of a year the period covers, registered by its end.
  const registeredIds = new Set(cycles.filter((c) => c.year >= fromYear).map((c) => c.unitId));
  // Classified: each unit's latest class whose deadline (QĐ 510/2022 Art. 11) had passed by the period's end, from the
  // year before the period on; the first half of 2020 thus reads the 2019 classification, as it reads the 2019 decisions.
  const classOf = new Map<string, MovementClass>();
  for (const c of cycles) {
    if (!c.classResult || !isMovementClass(c.classResult)) continue;
    if (classificationDeadline(c.certType as CertUnitType, c.year) > to) continue;
    classOf.set(c.unitId, c.classResult);
  }
  const classification = { excellent: 0, good: 0, average: 0, weak: 0 };
  for (const cls of classOf.values()) classification[cls] += 1;
  const ofType = (type: string) => {
    const list = members.filter(
      (u) => u.type === type && (type !== 'school' || eligibility(factsOf(u), year).eligible || recognisedIds.has(u.id)),
    );
    return {
      registered: list.filter((u) => registeredIds.has(u.id)).length,
      recognised: list.filter((u) => recognisedIds.has(u.id)).length,
      total: list.length,
    };
  };
  return {
    classification,
    blocks: ofType('block'),
    schools: ofType('school'),
    agencies: ofType('agency'),
    enterprises: ofType('enterprise'),
    modelsActive: await countActiveModels(tx, unitIds, from, to),
    awards: await countAwardsGranted(tx, unitIds, from, to),
  };
}

/** The certificate of a unit recognised by a decision (TT 124/2021 Art. 9.3), as PDF; other years are refused. Audited. */
export async function exportCertificate(deps: Deps, actor: Actor, id: string, lang: Locale) {
  requirePermission(actor, 'certification.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const cycle = await loadCycle(tx, actor, id);
    if (cycle.stage !== 'decided' || cycle.outcome !== 'recognised' || !cycle.decidedOn)
      throw invalid('stage', 'certification.errors.notRecognised');
    await recordAudit(tx, {
      action: 'certification.certificate',
      actor: by(actor),
      wardId: cycle.wardId,
      entityType: 'certification_cycle',
      entityId: cycle.id,
      detail: { year: cycle.year },
    });
    const ward = (await findUnitNames(tx, [cycle.wardId])).get(cycle.wardId) ?? '';
    const bytes = await renderCertificatePdf(
      {
        ward,
        unit: cycle.unitName,
        certType: cycle.certType,
        year: cycle.year,
        decidedOn: cycle.decidedOn,
        decisionRef: cycle.decisionRef,
        certificateNo: cycle.certificateNo,
      },
      lang,
    );
    return { bytes, filename: `giay-cong-nhan-an-toan-antt-${cycle.year}-${cycle.id.slice(0, 8)}.pdf` };
  });
}
