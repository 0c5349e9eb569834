import type { Role } from '../access/roles.ts';
import type { LatLng } from '../units/geometry.schemas.ts';

/**
 * Where the map puts tips, cases and incidents (ux.md §5 "viewers see figures, never people"; security.md G12).
 *
 * A point on a map can name a house. So, for every role but the ward police, every record is blurred to the centroid of
 * the unit it belongs to — its block (khối), school, or, when it has none, its ward — and never drawn where it
 * happened; records blurred to the same place are drawn as one point with their count. The ward police (chief,
 * officers), who may open the records themselves, see a record's own location where it has one (a patrol incident
 * logged with the phone's position); records without one are blurred to their unit like everyone else's. Tips never
 * have a location: what a resident sends is sealed and the mailbox keeps no place of the sender (ARCHITECTURE.md, "Data
 * residents send").
 */
export const EXACT_LOCATION_ROLES: readonly Role[] = ['chief', 'officer'];

/** Whether a role may see records where they happened (the ward police), rather than at their block's centroid. */
export function seesExactLocations(role: Role): boolean {
  return EXACT_LOCATION_ROLES.includes(role);
}

export const MAP_RECORD_KINDS = ['tip', 'case', 'incident'] as const;
export type MapRecordKind = (typeof MAP_RECORD_KINDS)[number];

/** A unit as the map knows it: its parent (to climb to the ward) and its centroid, given or derived from its boundary. */
export type MapArea = { id: string; parentId: string | null; centroid: LatLng | null };

/** Records of one kind, of one unit, at one place (or at no known place), with their count. */
export type MapRecord = { kind: MapRecordKind; unitId: string; lat: number | null; lng: number | null; count: number };

export type MapPoint = {
  kind: MapRecordKind;
  lat: number;
  lng: number;
  count: number;
  /** `exact`: where the records happened (police only); `area`: the centroid of `areaId`. */
  precision: 'exact' | 'area';
  areaId: string | null;
};

/** The unit whose centroid a unit's records are drawn at: the unit itself, or the nearest unit above it with one. */
export function blurTarget(unitId: string, areas: ReadonlyMap<string, MapArea>): { areaId: string; centroid: LatLng } | null {
  const seen = new Set<string>();
  let current = areas.get(unitId);
  while (current && !seen.has(current.id)) {
    if (current.centroid) return { areaId: current.id, centroid: current.centroid };
    seen.add(current.id);
    current = current.parentId ? areas.get(current.parentId) : undefined;
  }
  return null;
}

function isValidPosition(lat: number | null, lng: number | null): lat is number {
  return lat !== null && lng !== null && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

/**
 * The points of a map: each record at its unit's centroid, or — only when `exact` (the reader is police) and the record
 * has a position — where it happened; records at the same place and of the same kind merged into one point. Records
 * whose unit (and every unit above it) has no centroid are not drawn, and counted in `unplaced`.
 */
export function placeOnMap(
  records: readonly MapRecord[],
  areas: ReadonlyMap<string, MapArea>,
  opts: { exact: boolean },
): { points: MapPoint[]; unplaced: Record<MapRecordKind, number> } {
  const points = new Map<string, MapPoint>();
  const unplaced: Record<MapRecordKind, number> = { tip: 0, case: 0, incident: 0 };
  for (const r of records) {
    if (r.count <= 0) continue;
    let point: Omit<MapPoint, 'count'> | null = null;
    if (opts.exact && isValidPosition(r.lat, r.lng) && r.lng !== null) {
      point = { kind: r.kind, lat: r.lat, lng: r.lng, precision: 'exact', areaId: null };
    } else {
      const target = blurTarget(r.unitId, areas);
      if (target) point = { kind: r.kind, ...target.centroid, precision: 'area', areaId: target.areaId };
    }
    if (!point) {
      unplaced[r.kind] += r.count;
      continue;
    }
    const key = `${point.kind}|${point.precision}|${point.areaId ?? ''}|${point.lat}|${point.lng}`;
    const existing = points.get(key);
    if (existing) existing.count += r.count;
    else points.set(key, { ...point, count: r.count });
  }
  return { points: [...points.values()], unplaced };
}
