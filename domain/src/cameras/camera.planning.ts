/**
 * Planning where the next community camera would help most, and how much of each block the working cameras see. Both
 * work in a local plane (equirectangular, metres east and north of a reference point), which within a ward differs from
 * the sphere by far less than the few metres that matter here.
 */
import type { Boundary } from '../units/geometry.schemas.ts';
import { blindPoints, EARTH_RADIUS_M, type FieldOfView, type GeoPoint, inFieldOfView } from './camera.geometry.ts';

const RAD = Math.PI / 180;

/** How far back planning looks for incidents (days), and how close incidents must be to count as one place (metres). */
export const PLANNING_WINDOW_DAYS = 90;
export const PLANNING_CLUSTER_METRES = 100;

/** Whether a point lies inside a GeoJSON polygon or multipolygon ([longitude, latitude]; holes excluded; ray casting). */
export function pointInBoundary(boundary: Boundary, p: GeoPoint): boolean {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  return polygons.some((rings) => {
    const [outer, ...holes] = rings;
    return !!outer && inRing(outer, p) && !holes.some((h) => inRing(h, p));
  });
}

function inRing(ring: readonly (readonly number[])[], p: GeoPoint): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** An incident with a position (a patrol incident, a tip or a case placed on the map). */
export type PlacedIncident = GeoPoint & { id: string };
export type PlanningBlock = { id: string; name: string; boundary: Boundary | null };
export type PlanningSite = { centre: GeoPoint; incidents: number; incidentIds: string[]; blockId: string | null; rank: number };
export type PlanningBlockRank = { id: string; name: string; incidents: number; rank: number };

/**
 * Where the next camera would help most: the recent incidents that no working camera's field of view reaches (within
 * `margin` metres) are grouped into places (an incident joins the nearest place whose centre lies within `clusterMetres`,
 * and the place's centre moves to the mean of its incidents), and the places are ranked by how many incidents they
 * hold, then by position for a stable order; the blocks are ranked likewise by the uncovered incidents inside them. Places
 * and blocks with no uncovered incident are left out.
 */
export function rankPlacementSites(
  incidents: readonly PlacedIncident[],
  cameras: readonly FieldOfView[],
  blocks: readonly PlanningBlock[],
  options: { clusterMetres?: number; margin?: number; limit?: number } = {},
): { sites: PlanningSite[]; blocks: PlanningBlockRank[]; uncovered: number } {
  const clusterMetres = options.clusterMetres ?? 100;
  const blind = blindPoints(incidents, cameras, options.margin ?? 0);
  const ordered = [...blind].sort((a, b) => a.lat - b.lat || a.lng - b.lng || a.id.localeCompare(b.id));
  const groups: { centre: GeoPoint; members: PlacedIncident[] }[] = [];
  for (const p of ordered) {
    let best: { g: (typeof groups)[number]; d: number } | null = null;
    for (const g of groups) {
      const d = planeMetres(g.centre, p);
      if (d <= clusterMetres && (!best || d < best.d)) best = { g, d };
    }
    if (best) {
      best.g.members.push(p);
      best.g.centre = {
        lat: best.g.members.reduce((s, m) => s + m.lat, 0) / best.g.members.length,
        lng: best.g.members.reduce((s, m) => s + m.lng, 0) / best.g.members.length,
      };
    } else groups.push({ centre: { lat: p.lat, lng: p.lng }, members: [p] });
  }
  const blockOf = (p: GeoPoint) => blocks.find((b) => b.boundary && pointInBoundary(b.boundary, p))?.id ?? null;
  const sites = groups
    .map((g) => ({
      centre: g.centre,
      incidents: g.members.length,
      incidentIds: g.members.map((m) => m.id),
      blockId: blockOf(g.centre),
    }))
    .sort((a, b) => b.incidents - a.incidents || a.centre.lat - b.centre.lat || a.centre.lng - b.centre.lng)
    .slice(0, options.limit ?? 10)
    .map((s, i) => ({ ...s, rank: i + 1 }));
  const perBlock = blocks
    .map((b) => ({
      id: b.id,
      name: b.name,
      incidents: b.boundary ? blind.filter((p) => pointInBoundary(b.boundary as Boundary, p)).length : 0,
    }))
    .filter((b) => b.incidents > 0)
    .sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name, 'vi'))
    .map((b, i) => ({ ...b, rank: i + 1 }));
  return { sites, blocks: perBlock, uncovered: blind.length };
}

/** Distance in the local plane at the first point (metres). */
function planeMetres(a: GeoPoint, b: GeoPoint): number {
  const x = (b.lng - a.lng) * RAD * Math.cos(a.lat * RAD) * EARTH_RADIUS_M;
  const y = (b.lat - a.lat) * RAD * EARTH_RADIUS_M;
  return Math.hypot(x, y);
}

/**
 * The share of a block's area that the working cameras see, sampled on a grid: the centres of `stepMetres`-wide squares
 * that fall inside the block count, and the share is those within any camera's field of view over all of them (0 when the
 * block has no boundary or is smaller than a grid square). The grid is capped at `maxSamples` points (the step widens).
 */
export function blockCoverageShare(
  boundary: Boundary | null,
  cameras: readonly FieldOfView[],
  stepMetres = 10,
  maxSamples = 40_000,
): { share: number; samples: number } {
  if (!boundary) return { share: 0, samples: 0 };
  const points = (boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates).flatMap((rings) => rings[0] ?? []);
  if (!points.length) return { share: 0, samples: 0 };
  const lats = points.map((p) => p[1] ?? 0);
  const lngs = points.map((p) => p[0] ?? 0);
  const south = Math.min(...lats);
  const north = Math.max(...lats);
  const west = Math.min(...lngs);
  const east = Math.max(...lngs);
  const mPerLat = RAD * EARTH_RADIUS_M;
  const mPerLng = RAD * EARTH_RADIUS_M * Math.cos(((south + north) / 2) * RAD);
  const height = (north - south) * mPerLat;
  const width = (east - west) * mPerLng;
  const step = Math.max(stepMetres, Math.sqrt((height * width) / maxSamples));
  // Only the cameras that can reach the block's bounding box are tried at each point.
  const half = Math.hypot(height, width) / 2;
  const middle = { lat: (south + north) / 2, lng: (west + east) / 2 };
  const near = cameras.filter((c) => planeMetres(middle, c) <= c.range + half + step);
  let inside = 0;
  let seen = 0;
  for (let y = step / 2; y < height; y += step) {
    for (let x = step / 2; x < width; x += step) {
      const p = { lat: south + y / mPerLat, lng: west + x / mPerLng };
      if (!pointInBoundary(boundary, p)) continue;
      inside += 1;
      if (near.some((c) => inFieldOfView(c, p))) seen += 1;
    }
  }
  return { share: inside ? seen / inside : 0, samples: inside };
}
