import type { Boundary, LatLng } from './geometry.schemas.ts';

type Ring = readonly (readonly number[])[];

/** Signed area and centroid of a ring in the plane of longitude and latitude (the shoelace formula). */
function ringFigures(ring: Ring): { area: number; lng: number; lat: number } {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  const area = twiceArea / 2;
  if (area === 0) return { area: 0, lng: 0, lat: 0 };
  return { area, lng: cx / (6 * area), lat: cy / (6 * area) };
}

/**
 * The centroid of a boundary: the area-weighted centroid of its polygons, holes taken out. Computed in the plane of
 * longitude and latitude, which over a ward (a few km) is off by far less than the blurring it serves. A degenerate
 * boundary (no area) gives the mean of its outer vertices.
 */
export function boundaryCentroid(boundary: Boundary): LatLng | null {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  let area = 0;
  let lng = 0;
  let lat = 0;
  const vertices: (readonly number[])[] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const f = ringFigures(ring);
      const weight = Math.abs(f.area) * (index === 0 ? 1 : -1);
      area += weight;
      lng += f.lng * weight;
      lat += f.lat * weight;
      if (index === 0) vertices.push(...ring.slice(0, -1));
    });
  }
  if (area > 0) return { lat: round(lat / area), lng: round(lng / area) };
  if (vertices.length === 0) return null;
  return {
    lat: round(vertices.reduce((s, p) => s + (p[1] ?? 0), 0) / vertices.length),
    lng: round(vertices.reduce((s, p) => s + (p[0] ?? 0), 0) / vertices.length),
  };
}

/** Six decimals: about 10 cm, more than a block's centroid needs. */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The point a unit's records are blurred to: the centroid given, else its boundary's. */
export function centroidOf(unit: { centroid: LatLng | null; boundary: Boundary | null }): LatLng | null {
  if (unit.centroid) return unit.centroid;
  return unit.boundary ? boundaryCentroid(unit.boundary) : null;
}
