import { describe, expect, it } from 'vitest';
import { boundaryCentroid, centroidOf } from './geometry.rules.ts';
import { type Boundary, setUnitGeometrySchema } from './geometry.schemas.ts';

const SQUARE: Boundary = {
  type: 'Polygon',
  coordinates: [
    [
      [105.68, 18.67],
      [105.69, 18.67],
      [105.69, 18.68],
      [105.68, 18.68],
      [105.68, 18.67],
    ],
  ],
};

describe('boundaryCentroid', () => {
  it('finds the middle of a polygon, whichever way it winds', () => {
    expect(boundaryCentroid(SQUARE)).toEqual({ lat: 18.675, lng: 105.685 });
    const reversed: Boundary = { type: 'Polygon', coordinates: [[...(SQUARE.coordinates[0] ?? [])].reverse()] };
    expect(boundaryCentroid(reversed)).toEqual({ lat: 18.675, lng: 105.685 });
  });
  it('weights the polygons of a multipolygon by their area and takes holes out', () => {
    const small: number[][] = [
      [105.7, 18.67],
      [105.705, 18.67],
      [105.705, 18.675],
      [105.7, 18.675],
      [105.7, 18.67],
    ];
    const multi: Boundary = { type: 'MultiPolygon', coordinates: [SQUARE.coordinates, [small]] };
    const c = boundaryCentroid(multi);
    // Areas 4:1, so the centroid lies a fifth of the way from the big square's middle to the small one's.
    expect(c?.lng).toBeCloseTo(105.685 + (105.7025 - 105.685) / 5, 6);
    const holed: Boundary = {
      type: 'Polygon',
      coordinates: [
        SQUARE.coordinates[0] ?? [],
        [
          [105.68, 18.67],
          [105.685, 18.67],
          [105.685, 18.68],
          [105.68, 18.68],
          [105.68, 18.67],
        ],
      ],
    };
    expect(boundaryCentroid(holed)).toEqual({ lat: 18.675, lng: 105.6875 });
  });
  it('falls back to the mean of the vertices for a boundary without area', () => {
    const line: Boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [105.68, 18.67],
          [105.69, 18.68],
          [105.68, 18.67],
          [105.68, 18.67],
        ],
      ],
    };
    expect(boundaryCentroid(line)).toEqual({ lat: 18.673333, lng: 105.683333 });
  });
});

describe('centroidOf', () => {
  it('prefers the centroid given', () => {
    expect(centroidOf({ centroid: { lat: 1, lng: 2 }, boundary: SQUARE })).toEqual({ lat: 1, lng: 2 });
    expect(centroidOf({ centroid: null, boundary: SQUARE })).toEqual({ lat: 18.675, lng: 105.685 });
    expect(centroidOf({ centroid: null, boundary: null })).toBeNull();
  });
});

describe('setUnitGeometrySchema', () => {
  const issues = (value: unknown) => {
    const r = setUnitGeometrySchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it('takes a centroid and a polygon, or nulls', () => {
    expect(issues({ centroid: { lat: 18.67, lng: 105.69 }, boundary: SQUARE })).toEqual([]);
    expect(issues({ centroid: null, boundary: null })).toEqual([]);
  });
  it('refuses what is not a closed GeoJSON polygon in range, with a message key', () => {
    expect(issues({ centroid: { lat: 91, lng: 0 }, boundary: null })).toEqual(['units.coordinateRange']);
    const open = { type: 'Polygon', coordinates: [(SQUARE.coordinates[0] ?? []).slice(0, 4)] };
    expect(issues({ centroid: null, boundary: open })).toContain('units.boundaryRingOpen');
    expect(issues({ centroid: null, boundary: { type: 'Point', coordinates: [105, 18] } })).toEqual(['units.boundaryInvalid']);
    const swapped = { type: 'Polygon', coordinates: [(SQUARE.coordinates[0] ?? []).map(([x, y]) => [y, (x ?? 0) + 100])] };
    expect(issues({ centroid: null, boundary: swapped })).toContain('units.coordinateRange');
    const huge = {
      type: 'Polygon',
      coordinates: [[...Array.from({ length: 5001 }, (_, i) => [105 + i / 1e5, 18]), [105, 18]]],
    };
    expect(issues({ centroid: null, boundary: huge })).toContain('units.boundaryTooLarge');
    expect(issues({ centroid: null })).not.toEqual([]);
  });
});
