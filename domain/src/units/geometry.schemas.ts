import { z } from 'zod';

/**
 * Where a unit lies on the map: an optional boundary (GeoJSON Polygon or MultiPolygon, RFC 7946: positions are
 * [longitude, latitude] in WGS 84, rings closed) and an optional centroid, the point the map blurs a unit's records to.
 */

/** The most positions a boundary may hold: a ward's outline needs a few hundred; this bounds what a request carries. */
export const BOUNDARY_MAX_POSITIONS = 5000;

export const latLngSchema = z.strictObject({
  lat: z
    .number({ message: 'units.coordinateRange' })
    .min(-90, { message: 'units.coordinateRange' })
    .max(90, { message: 'units.coordinateRange' }),
  lng: z
    .number({ message: 'units.coordinateRange' })
    .min(-180, { message: 'units.coordinateRange' })
    .max(180, { message: 'units.coordinateRange' }),
});
export type LatLng = z.infer<typeof latLngSchema>;

/** [longitude, latitude], an optional altitude ignored (RFC 7946 §3.1.1). */
const position = z
  .array(z.number({ message: 'units.boundaryInvalid' }), { message: 'units.boundaryInvalid' })
  .min(2, { message: 'units.boundaryInvalid' })
  .max(3, { message: 'units.boundaryInvalid' })
  .refine((p) => Math.abs(p[0] ?? 999) <= 180 && Math.abs(p[1] ?? 999) <= 90, { message: 'units.coordinateRange' });

/** A linear ring: at least four positions, the last the same as the first (RFC 7946 §3.1.6). */
const ring = z
  .array(position, { message: 'units.boundaryInvalid' })
  .min(4, { message: 'units.boundaryInvalid' })
  .max(BOUNDARY_MAX_POSITIONS, { message: 'units.boundaryTooLarge' })
  .refine(
    (r) => {
      const first = r[0];
      const last = r[r.length - 1];
      return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
    },
    { message: 'units.boundaryRingOpen' },
  );

const rings = z
  .array(ring, { message: 'units.boundaryInvalid' })
  .min(1, { message: 'units.boundaryInvalid' })
  .max(50, { message: 'units.boundaryTooLarge' });

export const polygonSchema = z.strictObject({ type: z.literal('Polygon', { message: 'units.boundaryInvalid' }), coordinates: rings });
export const multiPolygonSchema = z.strictObject({
  type: z.literal('MultiPolygon', { message: 'units.boundaryInvalid' }),
  coordinates: z
    .array(rings, { message: 'units.boundaryInvalid' })
    .min(1, { message: 'units.boundaryInvalid' })
    .max(50, { message: 'units.boundaryTooLarge' }),
});

function positionsOf(b: Boundary): number {
  const polygons = b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
  return polygons.reduce((n, polygon) => n + polygon.reduce((m, r) => m + r.length, 0), 0);
}

/** A boundary as the administrator sends it. */
export const boundarySchema = z
  .discriminatedUnion('type', [polygonSchema, multiPolygonSchema], { message: 'units.boundaryInvalid' })
  .refine((b) => positionsOf(b) <= BOUNDARY_MAX_POSITIONS, { message: 'units.boundaryTooLarge' });
export type Boundary = z.infer<typeof polygonSchema> | z.infer<typeof multiPolygonSchema>;

/** `PUT /api/v1/units/:id/geometry`: both parts, each null to clear it. */
export const setUnitGeometrySchema = z.strictObject({
  centroid: latLngSchema.nullable(),
  boundary: boundarySchema.nullable(),
});
export type SetUnitGeometryInput = z.infer<typeof setUnitGeometrySchema>;

/** A boundary as read back (response; no refinement). */
export const boundaryViewSchema = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
]);

/** A unit's place on the map (response). `centroid` is the one given, or else the boundary's own. */
export const unitGeometrySchema = z.object({
  unitId: z.uuid(),
  centroid: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  /** Whether the centroid was worked out from the boundary rather than given. */
  isCentroidDerived: z.boolean(),
  boundary: boundaryViewSchema.nullable(),
});
export type UnitGeometry = z.infer<typeof unitGeometrySchema>;
