import {
  areaOf,
  type Boundary,
  blockCoverage,
  CASE_GROUPS,
  CASE_UNVERIFIED_BASIS,
  CASE_UNVERIFIED_DAYS,
  centroidOf,
  type Dashboard,
  type DashboardMap,
  type DashboardQuery,
  describePeriod,
  formatReportNumber,
  isInForceDuring,
  isSmallCount,
  type Locale,
  type MapArea,
  type MapRecord,
  monthsOf,
  placeOnMap,
  type ReportValue,
  type RollupFigures,
  type RollupView,
  type RollupWard,
  reportMessages,
  rollUp,
  seesExactLocations,
  TIP_CATEGORIES,
  unverifiedCutoff,
  WARD_TYPES,
} from '@binh-an/domain';
import { type Actor, can, isInScope, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { countOverdueTips, countTipsByMonthUnitCategory, countTipsByWard } from '../figures/index.ts';
import {
  findSubtreeIds,
  findUnitByCodeInScope,
  findUnitById,
  findUnitsForMap,
  findWardsBelow,
  type MapUnitRow,
  type UnitRecord,
} from '../units/index.ts';
import {
  countCasesByMonthUnitGroup,
  countFiguresByWard,
  countIncidentsByPlace,
  countOverdueCasework,
  countRoundsByMonthUnit,
  countRoundsReachingUnits,
  findRoutesWithCheckpoints,
  type WardFilter,
} from './dashboard.repository.ts';
import { periodFigures, writeReport } from './report.service.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

/** The figures of the periodic report the dashboard shows as its headline, in this order. */
const HEADLINE_KEYS = [
  'tips.received',
  'cases.total',
  'cases.cleared',
  'cases.clearanceRate',
  'rehab.opened',
  'patrols.rounds',
  'patrols.turns',
  'patrols.coverage',
];
const CITY_TYPES = ['province', 'district'];

function wardFilter(actor: Actor): WardFilter {
  return actor.wardIds === 'all' ? 'all' : actor.wardIds;
}

function levelOf(type: string): Dashboard['level'] {
  if ((WARD_TYPES as readonly string[]).includes(type)) return 'ward';
  return CITY_TYPES.includes(type) ? 'city' : 'area';
}

/** A small count about people, as a reader who may not open the records sees it (report.rules.ts `presentCount`). */
function presentPersonal(n: number, suppress: boolean, lang: Locale): ReportValue {
  if (suppress && isSmallCount(n)) return { value: null, text: reportMessages(lang).suppressed };
  return { value: n, text: formatReportNumber(n, lang) };
}

/** The unit asked for, within the reader's reach (404 otherwise, exactly like a missing one), and the units below it. */
async function resolveUnit(tx: Tx, actor: Actor, key: string, today: string) {
  const unit = await findUnitByCodeInScope(tx, actor, key, today);
  if (!unit) throw new AppError('notFound');
  const unitIds = await findSubtreeIds(tx, unit.id);
  const units = await findUnitsForMap(tx, unitIds);
  return { unit, unitIds, units };
}

function sum<T>(rows: readonly T[], pick: (r: T) => number): number {
  return rows.reduce((s, r) => s + pick(r), 0);
}

/**
 * `GET /api/v1/reports/dashboard`: the dashboard of a unit over a period — the headline figures of the periodic report
 * (with the same period a year before and the links to the records), month-by-month trends, cases by group and tips by
 * category, the blocks side by side, patrol coverage and the work overdue today. Counts only; audited as one read.
 */
export async function getDashboard(deps: Deps, actor: Actor, q: DashboardQuery): Promise<Dashboard> {
  requirePermission(actor, 'report.read');
  const lang = q.lang ?? actor.locale;
  const now = deps.clock();
  const today = vnToday(now);
  const period = { from: q.from, to: q.to };
  const wards = wardFilter(actor);
  const cutoff = unverifiedCutoff(today);
  const data = await withActor(deps.database.db, actor, async (tx) => {
    const { unit, unitIds, units } = await resolveUnit(tx, actor, q.unit, today);
    const tips = await countTipsByMonthUnitCategory(tx, unitIds, period.from, period.to);
    const cases = await countCasesByMonthUnitGroup(tx, wards, unitIds, period.from, period.to);
    const rounds = await countRoundsByMonthUnit(tx, wards, unitIds, period.from, period.to);
    const reached = await countRoundsReachingUnits(tx, wards, unitIds, period.from, period.to);
    const overdueTips = await countOverdueTips(tx, unitIds, now);
    const overdue = await countOverdueCasework(tx, wards, unitIds, today, cutoff);
    // The headline's figures, this period and the same period a year before, counted in this transaction.
    const figures = await periodFigures(deps, actor, tx, unit.id, unitIds, period, false);
    await recordAudit(tx, {
      action: 'report.dashboard',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'unit',
      entityId: unit.id,
      detail: { from: period.from, to: period.to },
    });
    return { unit, units, tips, cases, rounds, reached, overdueTips, overdue, figures };
  });
  const { unit, units } = data;
  // The headline is the periodic report's own figures and wording: one counting, one set of links. Its heading (the
  // police above, the place) is not shown here.
  const report = writeReport(actor, { unit, wardName: null, parentName: null, place: '' }, { ...period, lang }, today, data.figures);
  const figures = new Map(report.sections.flatMap((s) => s.figures).map((f) => [f.key, f]));
  const headline = HEADLINE_KEYS.map((k) => figures.get(k)).filter((f) => f !== undefined);

  const months = monthsOf(period).map((month) => ({
    month,
    tips: sum(data.tips, (r) => (r.month === month ? r.n : 0)),
    cases: sum(data.cases, (r) => (r.month === month ? r.n : 0)),
    rounds: sum(data.rounds, (r) => (r.month === month ? r.rounds : 0)),
    turns: sum(data.rounds, (r) => (r.month === month ? r.turns : 0)),
  }));
  const casesByGroup = CASE_GROUPS.map((group) => ({
    group,
    count: sum(data.cases, (r) => (r.group === group ? r.n : 0)),
    cleared: sum(data.cases, (r) => (r.group === group && r.isCleared ? r.n : 0)),
  }));
  const tipsByCategory = [...TIP_CATEGORIES, 'unclassified'].map((category) => ({
    category,
    count: sum(data.tips, (r) => ((r.category ?? 'unclassified') === category ? r.n : 0)),
  }));

  const level = levelOf(unit.type);
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const blocks = units.filter((u) => u.type === 'block' && isInForceDuring(u, period));
  const coverage = blockCoverage(
    blocks.map((b) => b.id),
    [...data.reached.keys()],
  );
  let areas: Dashboard['areas'] = [];
  if (level !== 'city') {
    const tally = new Map<string, { tips: number; cases: number; rounds: number }>();
    const add = (unitId: string, key: 'tips' | 'cases' | 'rounds', n: number) => {
      const area = areaOf(unitId, unit.id, parentOf);
      if (!area) return;
      const t = tally.get(area) ?? { tips: 0, cases: 0, rounds: 0 };
      t[key] += n;
      tally.set(area, t);
    };
    for (const r of data.tips) add(r.unitId, 'tips', r.n);
    for (const r of data.cases) add(r.unitId, 'cases', r.n);
    for (const r of data.rounds) add(r.unitId, 'rounds', r.rounds);
    const candidates = [unit.id, ...units.filter((u) => u.parentId === unit.id).map((u) => u.id)];
    areas = candidates
      .map((id) => units.find((u) => u.id === id))
      .filter((u): u is MapUnitRow => u !== undefined)
      .filter((u) => u.id === unit.id || isInForceDuring(u, period) || tally.has(u.id))
      .map((u) => {
        const t = tally.get(u.id) ?? { tips: 0, cases: 0, rounds: 0 };
        return {
          id: u.id,
          code: u.code,
          name: u.name,
          type: u.type,
          isActive: isInForceDuring(u, period),
          isOwn: u.id === unit.id,
          tips: t.tips,
          cases: t.cases,
          rounds: t.rounds,
          isReached: u.type === 'block' ? data.reached.has(u.id) : null,
        };
      });
  }

  const suppress = !can(actor, 'case.read');
  const unitFilter = level === 'area' ? `&unitId=${unit.id}` : '';
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, type: unit.type },
    level,
    period: report.period,
    previousPeriod: report.previousPeriod,
    headline,
    months,
    casesByGroup,
    tipsByCategory,
    areas,
    coverage: {
      blocks: coverage.blocks,
      covered: coverage.covered,
      rate: coverage.rate,
      uncovered: blocks.filter((b) => coverage.uncoveredIds.includes(b.id)).map((b) => ({ id: b.id, name: b.name })),
    },
    overdue: {
      asOf: today,
      tips: data.overdueTips,
      rehab: presentPersonal(data.overdue.rehab, suppress, lang),
      cases: data.overdue.cases,
      caseDays: CASE_UNVERIFIED_DAYS,
      caseBasis: CASE_UNVERIFIED_BASIS,
      links: {
        tips: can(actor, 'tip.read') ? `/app/tips?view=overdue${unitFilter}` : null,
        rehab: can(actor, 'case.read') ? '/app/rehab?sort=status' : null,
        cases: can(actor, 'case.read') ? `/app/cases?status=received&to=${cutoff}&sort=discovered&dir=asc${unitFilter}` : null,
      },
    },
    isSuppressed: suppress,
    certification: { isAvailable: true, figures: report.sections.find((s) => s.key === 'certification')?.figures ?? [] },
  };
}

function toMapArea(u: MapUnitRow): MapArea {
  return { id: u.id, parentId: u.parentId, centroid: centroidOf({ centroid: u.centroid, boundary: u.boundary as Boundary | null }) };
}

/**
 * `GET /api/v1/reports/map`: the map of a unit over a period — its blocks (or wards) with their outlines and counts,
 * tips, cases and patrol incidents as weighted points, and the patrol routes with their checkpoints. Every point is a
 * unit's centroid for readers who are not police (map.rules.ts); the ward police see incidents where the phone logged
 * them. Routes only for readers of the patrol log. Audited as one read.
 */
export async function getDashboardMap(deps: Deps, actor: Actor, q: DashboardQuery): Promise<DashboardMap> {
  requirePermission(actor, 'report.read');
  const today = vnToday(deps.clock());
  const period = { from: q.from, to: q.to };
  const wards = wardFilter(actor);
  const isExact = seesExactLocations(actor.role);
  return withActor(deps.database.db, actor, async (tx) => {
    const { unit, unitIds, units } = await resolveUnit(tx, actor, q.unit, today);
    const tips = await countTipsByMonthUnitCategory(tx, unitIds, period.from, period.to);
    const cases = await countCasesByMonthUnitGroup(tx, wards, unitIds, period.from, period.to);
    const incidents = await countIncidentsByPlace(tx, wards, unitIds, period.from, period.to);
    const rounds = await countRoundsByMonthUnit(tx, wards, unitIds, period.from, period.to);
    // Routes belong to a ward: the unit's own, or the wards below a city.
    const isWard = (type: string) => (WARD_TYPES as readonly string[]).includes(type);
    const routeWards = [...new Set([unit.wardId, ...units.filter((u) => isWard(u.type)).map((u) => u.id)])].filter(
      (id): id is string => id !== null && isInScope(actor, id),
    );
    const routes = can(actor, 'patrol.read') ? await findRoutesWithCheckpoints(tx, routeWards, unitIds) : null;
    await recordAudit(tx, {
      action: 'report.map',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'unit',
      entityId: unit.id,
      detail: { from: period.from, to: period.to, exact: isExact },
    });

    const records: MapRecord[] = [
      ...tips.map((r) => ({ kind: 'tip' as const, unitId: r.unitId, lat: null, lng: null, count: r.n })),
      ...cases.map((r) => ({ kind: 'case' as const, unitId: r.unitId, lat: null, lng: null, count: r.n })),
      ...incidents.map((r) => ({ kind: 'incident' as const, unitId: r.unitId, lat: r.lat, lng: r.lng, count: r.n })),
    ];
    const mapAreas = new Map(units.map((u) => [u.id, toMapArea(u)]));
    const placed = placeOnMap(records, mapAreas, { exact: isExact });
    const names = new Map(units.map((u) => [u.id, u.name]));
    const points = placed.points.map((p) => ({ ...p, areaName: p.areaId ? (names.get(p.areaId) ?? null) : null }));
    const unplaced = placed.unplaced;

    const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
    const tally = new Map<string, { tips: number; cases: number; incidents: number; rounds: number }>();
    const add = (unitId: string, key: 'tips' | 'cases' | 'incidents' | 'rounds', n: number) => {
      const area = areaOf(unitId, unit.id, parentOf);
      if (!area) return;
      const t = tally.get(area) ?? { tips: 0, cases: 0, incidents: 0, rounds: 0 };
      t[key] += n;
      tally.set(area, t);
    };
    for (const r of tips) add(r.unitId, 'tips', r.n);
    for (const r of cases) add(r.unitId, 'cases', r.n);
    for (const r of incidents) add(r.unitId, 'incidents', r.n);
    for (const r of rounds) add(r.unitId, 'rounds', r.rounds);
    const areas = units
      .filter((u) => u.id === unit.id || (u.parentId === unit.id && (isInForceDuring(u, period) || tally.has(u.id))))
      .map((u) => {
        const t = tally.get(u.id) ?? { tips: 0, cases: 0, incidents: 0, rounds: 0 };
        return {
          id: u.id,
          name: u.name,
          type: u.type,
          isActive: isInForceDuring(u, period),
          centroid: mapAreas.get(u.id)?.centroid ?? null,
          boundary: (u.boundary as Boundary | null) ?? null,
          tips: t.tips,
          cases: t.cases,
          incidents: t.incidents,
          rounds: t.rounds,
        };
      })
      // The unit itself first (its outline under its blocks'), then by name.
      .sort((a, b) => Number(b.id === unit.id) - Number(a.id === unit.id) || a.name.localeCompare(b.name, 'vi'));
    const center = mapAreas.get(unit.id)?.centroid ?? areas.find((a) => a.centroid)?.centroid ?? null;
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name, type: unit.type },
      period,
      tiles: deps.cfg.mapTileUrl ? { url: deps.cfg.mapTileUrl, attribution: deps.cfg.mapTileAttribution } : null,
      isExact,
      center,
      areas,
      points,
      unplaced,
      routes,
    };
  });
}

/**
 * The unit a roll-up is asked for: one in the reader's scope, or the reader's own unit above ward level — a city's
 * account reaches every ward below its city, but the city's own row belongs to no ward and row-level security hides it;
 * it is read as the owner, by the account's own unit id only.
 */
async function resolveRollupUnit(deps: Deps, actor: Actor, key: string, today: string): Promise<UnitRecord> {
  const inScope = await withActor(deps.database.db, actor, (tx) => findUnitByCodeInScope(tx, actor, key, today));
  if (inScope) return inScope;
  if (actor.wardId === null) {
    const own = await findUnitById(deps.database.db, actor.unitId, today);
    if (own && (own.id === key || own.code === key)) return own;
  }
  throw new AppError('notFound');
}

const ROLLUP_KEYS = ['tips', 'cases', 'cleared', 'rehab', 'rounds', 'turns'] as const;

/**
 * `GET /api/v1/reports/rollup`: every ward of a city or province side by side over a period, and their sum — a ward
 * merged before the period counted once, under its successor (rollup.rules.ts). Counts only; rehab dossiers, which
 * count people, hidden when small from readers who may not open them. Audited as one read.
 */
export async function getRollup(deps: Deps, actor: Actor, q: DashboardQuery): Promise<RollupView> {
  requirePermission(actor, 'report.read');
  const lang = q.lang ?? actor.locale;
  const today = vnToday(deps.clock());
  const period = { from: q.from, to: q.to };
  const unit = await resolveRollupUnit(deps, actor, q.unit, today);
  if (!CITY_TYPES.includes(unit.type)) throw new AppError('validation', [{ path: 'unit', message: 'dashboard.rollupNeedsArea' }]);
  const suppress = !can(actor, 'case.read');
  const data = await withActor(deps.database.db, actor, async (tx) => {
    const wards = (await findWardsBelow(tx, unit.path)).filter((w) => isInScope(actor, w.id));
    const ids = wards.map((w) => w.id);
    const figures = await countFiguresByWard(tx, ids, period.from, period.to);
    const tips = await countTipsByWard(tx, ids, period.from, period.to);
    await recordAudit(tx, {
      action: 'report.rollup',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'unit',
      entityId: unit.id,
      detail: { from: period.from, to: period.to, wards: ids.length },
    });
    return { wards, figures, tips };
  });
  const byWard = new Map(
    data.wards.map((w) => {
      const f = data.figures.get(w.id);
      return [
        w.id,
        {
          tips: data.tips.get(w.id) ?? 0,
          cases: f?.cases ?? 0,
          cleared: f?.cleared ?? 0,
          rehab: f?.rehab ?? 0,
          rounds: f?.rounds ?? 0,
          turns: f?.turns ?? 0,
        },
      ];
    }),
  );
  const chain: RollupWard[] = data.wards.map((w) => ({
    id: w.id,
    name: w.name,
    validFrom: w.validFrom,
    validTo: w.validTo,
    successorIds: w.successorIds,
  }));
  const rolled = rollUp(chain, byWard, ROLLUP_KEYS, period);
  const refs = new Map(data.wards.map((w) => [w.id, { id: w.id, code: w.code, name: w.name, validFrom: w.validFrom, validTo: w.validTo }]));
  const present = (f: Record<(typeof ROLLUP_KEYS)[number], number>): RollupFigures => ({
    tips: f.tips,
    cases: f.cases,
    cleared: f.cleared,
    clearanceRate: f.cases ? f.cleared / f.cases : null,
    rehab: presentPersonal(f.rehab, suppress, lang),
    rounds: f.rounds,
    turns: f.turns,
  });
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, type: unit.type },
    period: { ...period, label: describePeriod(period, lang) },
    rows: rolled.rows.flatMap((row) => {
      const ward = refs.get(row.wardId);
      if (!ward) return [];
      return [
        {
          ward,
          isInForce: row.isInForce,
          absorbed: row.absorbedIds.map((id) => refs.get(id)).filter((w) => w !== undefined),
          figures: present(row.figures),
        },
      ];
    }),
    total: present(rolled.total),
    isSuppressed: suppress,
  };
}
