import type { Day } from '../calendar/calendar.rules.ts';
import type { Period } from '../cases/cases.rules.ts';

/**
 * The roll-up of a city or province: every ward (commune, special zone) side by side, and their sum.
 *
 * Wards merge (the 2023–2025 reorganisations, domain-vn.md §7: "statistics must re-aggregate across mergers"): a merged
 * ward is closed (`validTo`) and its successor names it as a predecessor. Its records keep their own unit, so without a rule a
 * roll-up after the merger would either lose them or show them twice (once on the old ward, once on the successor that
 * inherited its work). The rule, for a period:
 * - a ward in force on at least one day of the period has its own row (so a historic ward shows for periods before its
 *   merger, and both the old and the new ward show for a period that spans the merger, each with its own records);
 * - a ward closed before the period starts has no row: whatever is booked on it within the period counts under its
 *   successor in force in the period (following the chain: Lê Mao → Quang Trung → Thành Vinh), once. When a ward was
 *   split between several successors, its figures go to one of them — the first in force, by the day it started, then
 *   by name — never to two. When no successor in force is part of the roll-up (the chain leaves the city), the figures
 *   stay on the last ward of the chain that is: nothing is lost and nothing is counted twice;
 * - a ward that starts after the period keeps its own row (a record dated before its ward existed, from an import).
 * The sum is the sum of the rows, which is the sum over every ward: each record counts exactly once.
 */
export type RollupWard = {
  id: string;
  name: string;
  validFrom: Day | null;
  validTo: Day | null;
  /** The wards that name this one as their predecessor (in the roll-up or not). */
  successorIds: readonly string[];
};

/** Whether a unit is in force on at least one day of a period (bounds inclusive; a missing bound is open). */
export function isInForceDuring(unit: { validFrom: Day | null; validTo: Day | null }, period: Period): boolean {
  return (unit.validFrom === null || unit.validFrom <= period.to) && (unit.validTo === null || unit.validTo >= period.from);
}

function bySuccession(a: RollupWard, b: RollupWard, period: Period): number {
  const inForce = Number(isInForceDuring(b, period)) - Number(isInForceDuring(a, period));
  if (inForce !== 0) return inForce;
  const start = (a.validFrom ?? '') < (b.validFrom ?? '') ? -1 : (a.validFrom ?? '') > (b.validFrom ?? '') ? 1 : 0;
  return start || a.name.localeCompare(b.name, 'vi') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The ward whose row carries a ward's figures over a period (see `RollupWard`): the ward itself when it is in force or
 * has not started yet, else its successor in force within the roll-up.
 */
export function rollupTarget(wardId: string, wards: ReadonlyMap<string, RollupWard>, period: Period): string {
  const start = wards.get(wardId);
  if (!start) return wardId;
  if (isInForceDuring(start, period) || start.validTo === null || start.validTo >= period.from) return wardId;
  const visited = new Set<string>([wardId]);
  // Depth-first along the successors, the preferred one first; the first ward in force wins.
  const search = (ward: RollupWard): string | null => {
    const next = ward.successorIds
      .map((id) => wards.get(id))
      .filter((w): w is RollupWard => w !== undefined && !visited.has(w.id))
      .sort((a, b) => bySuccession(a, b, period));
    for (const successor of next) {
      visited.add(successor.id);
      if (isInForceDuring(successor, period)) return successor.id;
      const found = search(successor);
      if (found) return found;
    }
    return null;
  };
  const found = search(start);
  if (found) return found;
  // No successor in force within the roll-up: the last ward of the preferred chain inside it keeps the figures.
  let last = start;
  const seen = new Set<string>([start.id]);
  for (;;) {
    const next = last.successorIds
      .map((id) => wards.get(id))
      .filter((w): w is RollupWard => w !== undefined && !seen.has(w.id))
      .sort((a, b) => bySuccession(a, b, period))[0];
    if (!next) return last.id;
    seen.add(next.id);
    last = next;
  }
}

export type RollupRow<K extends string> = {
  wardId: string;
  /** Whether the ward was in force during the period (a row of a ward not in force only carries stray records). */
  isInForce: boolean;
  /** The merged wards whose figures this row carries, besides its own. */
  absorbedIds: string[];
  figures: Record<K, number>;
};

export type Rollup<K extends string> = { rows: RollupRow<K>[]; total: Record<K, number> };

/**
 * The roll-up of wards over a period: one row per ward in force (and per other ward left carrying figures), each with
 * the figures of the merged wards it succeeded (named in `absorbedIds`), and the sum. `figures` holds each ward's own
 * counts; a ward missing from it counts zero.
 */
export function rollUp<K extends string>(
  wards: readonly RollupWard[],
  figures: ReadonlyMap<string, Record<K, number>>,
  keys: readonly K[],
  period: Period,
): Rollup<K> {
  const byId = new Map(wards.map((w) => [w.id, w]));
  const zero = (): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const rows = new Map<string, RollupRow<K>>();
  const rowOf = (id: string): RollupRow<K> => {
    let row = rows.get(id);
    if (!row) {
      const ward = byId.get(id);
      row = { wardId: id, isInForce: ward ? isInForceDuring(ward, period) : false, absorbedIds: [], figures: zero() };
      rows.set(id, row);
    }
    return row;
  };
  for (const ward of wards) if (isInForceDuring(ward, period)) rowOf(ward.id);
  const total = zero();
  for (const ward of wards) {
    const own = figures.get(ward.id);
    const hasFigures = own !== undefined && keys.some((k) => own[k] !== 0);
    const target = rollupTarget(ward.id, byId, period);
    // A merged ward is named on its successor's row even when it brought nothing in this period.
    if (!hasFigures && !rows.has(target)) continue;
    const row = rowOf(target);
    if (target !== ward.id && !row.absorbedIds.includes(ward.id)) row.absorbedIds.push(ward.id);
    if (!hasFigures || !own) continue;
    for (const k of keys) {
      row.figures[k] += own[k];
      total[k] += own[k];
    }
  }
  const name = (id: string) => byId.get(id)?.name ?? '';
  return {
    rows: [...rows.values()].sort(
      (a, b) => Number(b.isInForce) - Number(a.isInForce) || name(a.wardId).localeCompare(name(b.wardId), 'vi'),
    ),
    total,
  };
}
