/**
 * The field of view of a community camera, as a sector: the camera's position, the bearing it faces (degrees clockwise
 * from north), the angle of view (the sector's full opening, 1–360°) and how far it sees usefully (metres). Distances
 * are great-circle (haversine, mean Earth radius); the sector tests work in a local plane centred on the camera
 * (equirectangular: east = Δλ·cos φ₀·R, north = Δφ·R), which within a ward (a few kilometres, far from the poles and the
 * antimeridian) differs from the sphere by far less than a metre.
 */
export type GeoPoint = { lat: number; lng: number };
export type FieldOfView = GeoPoint & { direction: number; angle: number; range: number };

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function greatCircleMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDegrees(a: GeoPoint, b: GeoPoint): number {
  const φ1 = a.lat * RAD;
  const φ2 = b.lat * RAD;
  const Δλ = (b.lng - a.lng) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return normaliseBearing(Math.atan2(y, x) / RAD);
}

/** Any angle in degrees brought into [0, 360). */
export function normaliseBearing(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r === 0 ? 0 : r;
}

/** The smallest angle between two bearings, in [0, 180]. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(normaliseBearing(a) - normaliseBearing(b));
  return d > 180 ? 360 - d : d;
}

/** The point at a distance (metres) and bearing from a start, on the sphere (destination-point formula). */
export function destination(from: GeoPoint, bearing: number, metres: number): GeoPoint {
  const δ = metres / EARTH_RADIUS_M;
  const θ = bearing * RAD;
  const φ1 = from.lat * RAD;
  const λ1 = from.lng * RAD;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: φ2 / RAD, lng: λ2 / RAD };
}

/** A point in the camera's local plane: metres east and north of the camera. */
function local(origin: GeoPoint, p: GeoPoint): { x: number; y: number } {
  return {
    x: (p.lng - origin.lng) * RAD * Math.cos(origin.lat * RAD) * EARTH_RADIUS_M,
    y: (p.lat - origin.lat) * RAD * EARTH_RADIUS_M,
  };
}

/** A point of the camera's local plane back on the map (the inverse of `local`). */
function fromLocal(origin: GeoPoint, x: number, y: number): GeoPoint {
  return {
    lat: origin.lat + y / EARTH_RADIUS_M / RAD,
    lng: origin.lng + x / (EARTH_RADIUS_M * Math.cos(origin.lat * RAD)) / RAD,
  };
}

/** Tolerance for points on the sector's edge (a tenth of a millimetre and a millionth of a degree). */
const EPS_M = 1e-4;
const EPS_DEG = 1e-6;

/** Whether a bearing lies within the sector's opening (the edges included). */
function withinOpening(fov: FieldOfView, bearing: number): boolean {
  return fov.angle >= 360 || angleBetween(bearing, fov.direction) <= fov.angle / 2 + EPS_DEG;
}

/**
 * Whether a point is in the camera's field of view: no farther than its range and within half the angle of view on
 * either side of the direction it faces (both measured in the camera's local plane, like every sector test here, so
 * that the tests agree with each other at the edges). The camera's own position is in view.
 */
export function inFieldOfView(fov: FieldOfView, p: GeoPoint): boolean {
  const q = local(fov, p);
  const d = Math.hypot(q.x, q.y);
  if (d > fov.range + EPS_M) return false;
  if (d <= EPS_M) return true;
  return withinOpening(fov, planarBearing(q));
}

/** The bearing of a point of the local plane seen from the camera, degrees clockwise from north. */
function planarBearing(q: { x: number; y: number }): number {
  return normaliseBearing(Math.atan2(q.x, q.y) / RAD);
}

/** Distance in the plane from a point to the segment a–b. */
function toSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * Whether the camera's field of view reaches any point of a disc (a place and a radius in metres): the disc holds the
 * camera, or its centre is in view, or it touches one of the sector's two edges or its arc. This is how a footage request
 * ("this place, within this radius") finds the cameras that may have seen it.
 */
export function fieldOfViewReaches(fov: FieldOfView, centre: GeoPoint, radius: number): boolean {
  if (radius < 0) return false;
  const c = local(fov, centre);
  const d = Math.hypot(c.x, c.y);
  if (d <= radius + EPS_M) return true;
  if (d > fov.range + radius + EPS_M) return false;
  if (d <= fov.range + EPS_M && withinOpening(fov, planarBearing(c))) return true;
  if (fov.angle >= 360) return d <= fov.range + radius + EPS_M;
  const bearing = planarBearing(c);
  // The arc: its nearest point to the centre lies on the bearing to the centre, if that bearing is in the opening.
  if (withinOpening(fov, bearing) && Math.abs(d - fov.range) <= radius + EPS_M) return true;
  const origin = { x: 0, y: 0 };
  for (const side of [-1, 1]) {
    const θ = (fov.direction + (side * fov.angle) / 2) * RAD;
    const end = { x: Math.sin(θ) * fov.range, y: Math.cos(θ) * fov.range };
    if (toSegment(c, origin, end) <= radius + EPS_M) return true;
  }
  return false;
}

/**
 * The sector's outline for a map, as a closed GeoJSON ring of [longitude, latitude]: the camera, points along the arc
 * (one every `stepDeg` degrees at most), and the camera again. A full circle has no apex.
 */
export function sectorPolygon(fov: FieldOfView, stepDeg = 10): [number, number][] {
  const full = fov.angle >= 360;
  const start = full ? 0 : fov.direction - fov.angle / 2;
  const span = full ? 360 : fov.angle;
  const steps = Math.max(2, Math.ceil(span / stepDeg));
  const arc: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const θ = (start + (span * i) / steps) * RAD;
    const p = fromLocal(fov, Math.sin(θ) * fov.range, Math.cos(θ) * fov.range);
    arc.push([p.lng, p.lat]);
  }
  if (full) return arc;
  const apex: [number, number] = [fov.lng, fov.lat];
  return [apex, ...arc, apex];
}

/**
 * Of a set of points (incidents), those no working camera's field of view reaches within `margin` metres: the blind
 * spots near recent incidents that the map shows and the planning view ranks.
 */
export function blindPoints<P extends GeoPoint>(points: readonly P[], cameras: readonly FieldOfView[], margin = 0): P[] {
  return points.filter((p) => !cameras.some((c) => fieldOfViewReaches(c, p, margin)));
}
