import { CLEARED_STATUSES } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db.ts';

/** The wards a reader's counts are limited to, or all of them. */
export type WardFilter = readonly string[] | 'all';

/*
 * The dashboard's grouped counts over the case register, the rehab dossiers and the patrol log: counts only, never a
 * name or a record. They read those modules' tables directly because the dashboard needs them grouped by month, unit
 * and ward in one pass each, which the modules' own summaries do not offer; they belong in the cases and patrols
 * repositories, where they should move when those modules are next opened. Every query is bounded by the wards the
 * reader may see (`wards`), besides the units asked for, and row-level security repeats the ward rule. The index each
 * one uses is named beside it (migrations 20261126T1700, …T1800 and …T2010).
 */

const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`;
const texts = (values: readonly string[]) => `{${values.join(',')}}`;
const isEmpty = (wards: WardFilter, ids: readonly string[]) => ids.length === 0 || (wards !== 'all' && wards.length === 0);
/** The reader's wards, on a table's own `ward_id` or on the rounds' (`r.ward_id`). */
const inWards = (wards: WardFilter) => (wards === 'all' ? sql`` : sql`AND ward_id = ANY(${uuids(wards)}::uuid[])`);
const roundInWards = (wards: WardFilter) => (wards === 'all' ? sql`` : sql`AND r.ward_id = ANY(${uuids(wards)}::uuid[])`);

/**
 * Cases of a set of units by month of discovery, unit, report group and whether cleared; cases closed without a crime
 * left out, as the clearance rate leaves them out (cases.rules.ts). Index: cases_unit_discovered (unit_id, discovered_on).
 */
export async function countCasesByMonthUnitGroup(
  tx: DbOrTx,
  wards: WardFilter,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<{ month: string; unitId: string; group: string; isCleared: boolean; n: number }[]> {
  if (isEmpty(wards, unitIds)) return [];
  const rows = await queryRows<{ month: string; unit_id: string; group: string; is_cleared: boolean; n: number }>(
    tx,
    sql`SELECT to_char(discovered_on, 'YYYY-MM') AS month, unit_id, report_group AS "group",
               status = ANY(${texts(CLEARED_STATUSES)}::text[]) AS is_cleared, count(*)::int AS n
        FROM cases
        WHERE unit_id = ANY(${uuids(unitIds)}::uuid[]) AND discovered_on BETWEEN ${from}::date AND ${to}::date
          AND status <> 'closed_no_crime' ${inWards(wards)}
        GROUP BY 1, 2, 3, 4`,
  );
  return rows.map((r) => ({ month: r.month, unitId: r.unit_id, group: r.group, isCleared: Boolean(r.is_cleared), n: Number(r.n) }));
}

/**
 * Patrol rounds of a set of units by month (the Vietnam day a round started) and unit, with their turns (each
 * participant is one). Index: patrol_rounds_unit_day (unit_id, started_on), then patrol_round_participants_round.
 */
export async function countRoundsByMonthUnit(
  tx: DbOrTx,
  wards: WardFilter,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<{ month: string; unitId: string; rounds: number; turns: number }[]> {
  if (isEmpty(wards, unitIds)) return [];
  const rows = await queryRows<{ month: string; unit_id: string; rounds: number; turns: number }>(
    tx,
    sql`SELECT to_char(r.started_on, 'YYYY-MM') AS month, r.unit_id, count(DISTINCT r.id)::int AS rounds, count(p.id)::int AS turns
        FROM patrol_rounds r
        LEFT JOIN patrol_round_participants p ON p.ward_id = r.ward_id AND p.round_id = r.id
        WHERE r.unit_id = ANY(${uuids(unitIds)}::uuid[]) AND r.started_on BETWEEN ${from}::date AND ${to}::date
          ${roundInWards(wards)}
        GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ month: r.month, unitId: r.unit_id, rounds: Number(r.rounds), turns: Number(r.turns) }));
}

const roundsOf = (wards: WardFilter, unitIds: readonly string[], from: string, to: string) =>
  sql`SELECT r.ward_id, r.id FROM patrol_rounds r
      WHERE r.unit_id = ANY(${uuids(unitIds)}::uuid[]) AND r.started_on BETWEEN ${from}::date AND ${to}::date ${roundInWards(wards)}`;

/**
 * The blocks the rounds of a set of units reached over a period — by a checkpoint visit or a residence check there, as
 * the patrols module counts coverage — with how many rounds reached each. Index: patrol_rounds_unit_day, then
 * patrol_checkpoint_visits_round and patrol_residence_checks_round.
 */
export async function countRoundsReachingUnits(
  tx: DbOrTx,
  wards: WardFilter,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  if (isEmpty(wards, unitIds)) return new Map();
  const rounds = roundsOf(wards, unitIds, from, to);
  const rows = await queryRows<{ unit_id: string; rounds: number }>(
    tx,
    sql`SELECT reached.unit_id, count(DISTINCT reached.round_id)::int AS rounds FROM (
          SELECT cp.unit_id, v.round_id FROM patrol_checkpoint_visits v
            JOIN (${rounds}) r ON r.ward_id = v.ward_id AND r.id = v.round_id
            JOIN patrol_checkpoints cp ON cp.ward_id = v.ward_id AND cp.id = v.checkpoint_id
          WHERE cp.unit_id IS NOT NULL
          UNION ALL
          SELECT c.unit_id, c.round_id FROM patrol_residence_checks c JOIN (${rounds}) r ON r.ward_id = c.ward_id AND r.id = c.round_id
          WHERE c.unit_id IS NOT NULL
        ) reached
        GROUP BY reached.unit_id`,
  );
  return new Map(rows.map((r) => [r.unit_id, Number(r.rounds)]));
}

/**
 * Incidents met by the rounds of a set of units over a period, by unit (the incident's, else the round's) and position
 * (where the phone logged one): counts only, for the map. Index: patrol_rounds_unit_day, then patrol_incidents_round.
 */
export async function countIncidentsByPlace(
  tx: DbOrTx,
  wards: WardFilter,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<{ unitId: string; lat: number | null; lng: number | null; n: number }[]> {
  if (isEmpty(wards, unitIds)) return [];
  const rows = await queryRows<{ unit_id: string; lat: number | null; lng: number | null; n: number }>(
    tx,
    sql`SELECT coalesce(i.unit_id, r.unit_id) AS unit_id, i.lat, i.lng, count(*)::int AS n
        FROM patrol_incidents i
        JOIN patrol_rounds r ON r.ward_id = i.ward_id AND r.id = i.round_id
        WHERE r.unit_id = ANY(${uuids(unitIds)}::uuid[]) AND r.started_on BETWEEN ${from}::date AND ${to}::date
          ${roundInWards(wards)}
        GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    n: Number(r.n),
  }));
}

/**
 * Overdue work of a set of units on a day: rehab dossiers not yet compiled past their 5-working-day limit
 * (rehab.rules.ts `isRehabCompileOverdue`; index rehab_dossiers_compile_due), and cases still "received" since the
 * cut-off day or before (dashboard.rules.ts; index cases_ward_received).
 */
export async function countOverdueCasework(
  tx: DbOrTx,
  wards: WardFilter,
  unitIds: readonly string[],
  today: string,
  unverifiedCutoff: string,
): Promise<{ rehab: number; cases: number }> {
  if (isEmpty(wards, unitIds)) return { rehab: 0, cases: 0 };
  const [rehab] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM rehab_dossiers
        WHERE status IN ('opened', 'documents_gathered') AND compile_due_on < ${today}::date
          AND unit_id = ANY(${uuids(unitIds)}::uuid[]) ${inWards(wards)}`,
  );
  const [cases] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM cases
        WHERE status = 'received' AND discovered_on <= ${unverifiedCutoff}::date
          AND unit_id = ANY(${uuids(unitIds)}::uuid[]) ${inWards(wards)}`,
  );
  return { rehab: Number(rehab?.n ?? 0), cases: Number(cases?.n ?? 0) };
}

export type WardFigures = { cases: number; cleared: number; rehab: number; rounds: number; turns: number };

/**
 * The roll-up's figures per ward over a period, from the case register (cases by discovery day, closed-without-crime
 * left out; index cases_ward_discovered), the rehab dossiers (opened by the day the person was found; index
 * rehab_dossiers_ward_found) and the patrol log (rounds and turns by start day; index patrol_rounds_ward_day).
 */
export async function countFiguresByWard(
  tx: DbOrTx,
  wardIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, WardFigures>> {
  const out = new Map<string, WardFigures>();
  if (wardIds.length === 0) return out;
  const of = (wardId: string) => {
    let f = out.get(wardId);
    if (!f) {
      f = { cases: 0, cleared: 0, rehab: 0, rounds: 0, turns: 0 };
      out.set(wardId, f);
    }
    return f;
  };
  const ids = uuids(wardIds);
  for (const r of await queryRows<{ ward_id: string; cases: number; cleared: number }>(
    tx,
    sql`SELECT ward_id, count(*)::int AS cases, count(*) FILTER (WHERE status = ANY(${texts(CLEARED_STATUSES)}::text[]))::int AS cleared
        FROM cases
        WHERE ward_id = ANY(${ids}::uuid[]) AND discovered_on BETWEEN ${from}::date AND ${to}::date AND status <> 'closed_no_crime'
        GROUP BY ward_id`,
  )) {
    Object.assign(of(r.ward_id), { cases: Number(r.cases), cleared: Number(r.cleared) });
  }
  for (const r of await queryRows<{ ward_id: string; n: number }>(
    tx,
    sql`SELECT ward_id, count(*)::int AS n FROM rehab_dossiers
        WHERE ward_id = ANY(${ids}::uuid[]) AND found_on BETWEEN ${from}::date AND ${to}::date
        GROUP BY ward_id`,
  )) {
    of(r.ward_id).rehab = Number(r.n);
  }
  for (const r of await queryRows<{ ward_id: string; rounds: number; turns: number }>(
    tx,
    sql`SELECT r.ward_id, count(DISTINCT r.id)::int AS rounds, count(p.id)::int AS turns
        FROM patrol_rounds r
        LEFT JOIN patrol_round_participants p ON p.ward_id = r.ward_id AND p.round_id = r.id
        WHERE r.ward_id = ANY(${ids}::uuid[]) AND r.started_on BETWEEN ${from}::date AND ${to}::date
        GROUP BY r.ward_id`,
  )) {
    Object.assign(of(r.ward_id), { rounds: Number(r.rounds), turns: Number(r.turns) });
  }
  return out;
}

/**
 * The patrol routes of some wards still in use, with their checkpoints in force that have a position, in walking
 * order; a checkpoint tied to a unit outside `unitIds` is left out (a block's dashboard shows its own). Index:
 * patrol_checkpoints_route (ward_id, route_id, ordinal).
 */
export async function findRoutesWithCheckpoints(
  tx: DbOrTx,
  wardIds: readonly string[],
  unitIds: readonly string[],
): Promise<{ id: string; name: string; checkpoints: { name: string; lat: number; lng: number }[] }[]> {
  if (wardIds.length === 0 || unitIds.length === 0) return [];
  const rows = await queryRows<{ route_id: string; route_name: string; name: string; lat: number; lng: number }>(
    tx,
    sql`SELECT r.id AS route_id, r.name AS route_name, c.name, c.lat, c.lng
        FROM patrol_routes r
        JOIN patrol_checkpoints c ON c.ward_id = r.ward_id AND c.route_id = r.id
        WHERE r.ward_id = ANY(${uuids(wardIds)}::uuid[]) AND r.active AND c.retired_at IS NULL AND c.lat IS NOT NULL AND c.lng IS NOT NULL
          AND (c.unit_id IS NULL OR c.unit_id = ANY(${uuids(unitIds)}::uuid[]))
        ORDER BY r.name, r.id, c.ordinal`,
  );
  const routes = new Map<string, { id: string; name: string; checkpoints: { name: string; lat: number; lng: number }[] }>();
  for (const r of rows) {
    let route = routes.get(r.route_id);
    if (!route) {
      route = { id: r.route_id, name: r.route_name, checkpoints: [] };
      routes.set(r.route_id, route);
    }
    route.checkpoints.push({ name: r.name, lat: Number(r.lat), lng: Number(r.lng) });
  }
  return [...routes.values()];
}
