import { UNIT_TYPES, type Unit } from '@binh-an/domain';
import { compareVietnamese } from '../../lib/text.ts';

/** The unit list arranged as a forest: a unit whose parent is not in the list is a root. */
export type UnitForest = {
  byId: Map<string, Unit>;
  roots: string[];
  childrenOf: Map<string, string[]>;
};

const typeOrder = new Map<string, number>(UNIT_TYPES.map((type, index) => [type, index]));

function compareUnits(a: Unit, b: Unit): number {
  const byType = (typeOrder.get(a.type) ?? 99) - (typeOrder.get(b.type) ?? 99);
  return byType !== 0 ? byType : compareVietnamese(a.name, b.name);
}

/** Builds the forest from a flat list; children are sorted by level, then by name in Vietnamese order. */
export function buildUnitForest(units: readonly Unit[]): UnitForest {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const childrenOf = new Map<string, string[]>();
  const roots: Unit[] = [];
  const grouped = new Map<string, Unit[]>();
  for (const unit of units) {
    if (unit.parentId && byId.has(unit.parentId)) {
      const list = grouped.get(unit.parentId) ?? [];
      list.push(unit);
      grouped.set(unit.parentId, list);
    } else {
      roots.push(unit);
    }
  }
  for (const [parentId, list] of grouped)
    childrenOf.set(
      parentId,
      list.sort(compareUnits).map((u) => u.id),
    );
  return { byId, roots: roots.sort(compareUnits).map((u) => u.id), childrenOf };
}

/** The ids of a unit's ancestors that are in the list, nearest last. */
export function ancestorIdsOf(id: string, byId: Map<string, Unit>): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  let current = byId.get(id);
  while (current?.parentId && byId.has(current.parentId) && !seen.has(current.parentId)) {
    seen.add(current.parentId);
    out.unshift(current.parentId);
    current = byId.get(current.parentId);
  }
  return out;
}

/** The names from the top of the visible tree down to a unit's parent ("Tỉnh A › Phường B"). */
export function pathLabelOf(id: string, byId: Map<string, Unit>): string {
  return ancestorIdsOf(id, byId)
    .map((ancestor) => byId.get(ancestor)?.name ?? '')
    .join(' › ');
}

/** Keeps the units visible under the "show historic units" choice. */
export function visibleUnits(units: readonly Unit[], includeInactive: boolean): Unit[] {
  return includeInactive ? [...units] : units.filter((unit) => unit.isActive);
}

/** Counts units by type (only types that occur), split into current and historic ones. */
export function countUnitsByType(units: readonly Unit[]): { type: Unit['type']; active: number; inactive: number }[] {
  const counts = new Map<Unit['type'], { active: number; inactive: number }>();
  for (const unit of units) {
    const entry = counts.get(unit.type) ?? { active: 0, inactive: 0 };
    if (unit.isActive) entry.active += 1;
    else entry.inactive += 1;
    counts.set(unit.type, entry);
  }
  return UNIT_TYPES.filter((type) => counts.has(type)).map((type) => ({
    type,
    ...(counts.get(type) as { active: number; inactive: number }),
  }));
}

export type UnitStatus = 'active' | 'notYet' | 'historic';

/** Whether a unit is in force, not yet in force (validity starts later), or no longer in force. */
export function unitStatusOf(unit: Pick<Unit, 'isActive' | 'validFrom'>, today: string): UnitStatus {
  if (unit.isActive) return 'active';
  return unit.validFrom !== null && unit.validFrom > today ? 'notYet' : 'historic';
}
