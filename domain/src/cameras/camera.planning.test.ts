import { describe, expect, it } from 'vitest';
import type { Boundary } from '../units/geometry.schemas.ts';
import { destination, type FieldOfView, type GeoPoint } from './camera.geometry.ts';
import { blockCoverageShare, pointInBoundary, rankPlacementSites } from './camera.planning.ts';

/** Phường Lê Mao, Vinh: the local case (no pole, no antimeridian). */
const VINH = { lat: 18.67, lng: 105.69 };
const at = (east: number, north: number, from: GeoPoint = VINH): GeoPoint => destination(destination(from, 90, east), 0, north);
/** A square block `size` metres wide whose south-west corner is `east`, `north` metres from the reference point. */
const square = (east: number, north: number, size: number): Boundary => {
  const c = [at(east, north), at(east + size, north), at(east + size, north + size), at(east, north + size)];
  const ring = [...c, c[0] as GeoPoint].map((p) => [p.lng, p.lat]);
  return { type: 'Polygon', coordinates: [ring] } as Boundary;
};

describe('point in a block', () => {
  const block = square(0, 0, 100);
  it('is inside within the square, outside beyond it', () => {
    expect(pointInBoundary(block, at(50, 50))).toBe(true);
    expect(pointInBoundary(block, at(150, 50))).toBe(false);
    expect(pointInBoundary(block, at(50, -5))).toBe(false);
  });
  it('leaves out holes and reads every polygon of a multipolygon', () => {
    const outer = (square(0, 0, 100) as { coordinates: number[][][] }).coordinates[0] as number[][];
    const hole = (square(40, 40, 20) as { coordinates: number[][][] }).coordinates[0] as number[][];
    const holed = { type: 'Polygon', coordinates: [outer, hole] } as Boundary;
    expect(pointInBoundary(holed, at(50, 50))).toBe(false);
    expect(pointInBoundary(holed, at(10, 10))).toBe(true);
    const far = (square(500, 0, 50) as { coordinates: number[][][] }).coordinates;
    const multi = { type: 'MultiPolygon', coordinates: [[outer], far] } as Boundary;
    expect(pointInBoundary(multi, at(520, 20))).toBe(true);
    expect(pointInBoundary(multi, at(300, 20))).toBe(false);
  });
});

describe('where the next camera would help most', () => {
  const blocks = [
    { id: 'a', name: 'Khối 1', boundary: square(0, 0, 200) },
    { id: 'b', name: 'Khối 2', boundary: square(300, 0, 200) },
    { id: 'c', name: 'Khối 3', boundary: null },
  ];
  // Three incidents close together in block 1, one alone in block 2, two seen by a camera in block 2.
  const incidents = [
    { id: 'i1', ...at(50, 50) },
    { id: 'i2', ...at(60, 55) },
    { id: 'i3', ...at(45, 70) },
    { id: 'i4', ...at(350, 150) },
    { id: 'i5', ...at(420, 40) },
    { id: 'i6', ...at(425, 45) },
  ];
  const camera: FieldOfView = { ...at(400, 40), direction: 90, angle: 90, range: 50 };

  it('ranks the uncovered incidents’ places by how many they hold; the covered ones do not count', () => {
    const r = rankPlacementSites(incidents, [camera], blocks);
    expect(r.uncovered).toBe(4);
    expect(r.sites.map((s) => [s.rank, s.incidents, s.blockId])).toEqual([
      [1, 3, 'a'],
      [2, 1, 'b'],
    ]);
    expect(r.sites[0]?.incidentIds.sort()).toEqual(['i1', 'i2', 'i3']);
    // The place's centre is the mean of its incidents.
    expect(r.sites[0]?.centre.lat).toBeCloseTo(incidents.slice(0, 3).reduce((sum, p) => sum + p.lat, 0) / 3, 9);
    expect(r.blocks).toEqual([
      { id: 'a', name: 'Khối 1', incidents: 3, rank: 1 },
      { id: 'b', name: 'Khối 2', incidents: 1, rank: 2 },
    ]);
  });

  it('without the camera, the incidents it saw make block 2 and their place count', () => {
    const r = rankPlacementSites(incidents, [], blocks);
    expect(r.uncovered).toBe(6);
    expect(r.blocks.map((b) => [b.id, b.incidents])).toEqual([
      ['a', 3],
      ['b', 3],
    ]);
    expect(r.sites.map((s) => s.incidents)).toEqual([3, 2, 1]);
  });

  it('keeps incidents farther apart than the cluster distance as separate places, and respects the limit', () => {
    const r = rankPlacementSites(incidents, [camera], blocks, { clusterMetres: 5 });
    expect(r.sites.every((s) => s.incidents === 1)).toBe(true);
    expect(r.sites).toHaveLength(4);
    expect(rankPlacementSites(incidents, [camera], blocks, { clusterMetres: 5, limit: 2 }).sites).toHaveLength(2);
  });

  it('a margin counts an incident just outside a field of view as covered', () => {
    const edge = [{ id: 'e', ...at(455, 40) }];
    expect(rankPlacementSites(edge, [camera], blocks).uncovered).toBe(1);
    expect(rankPlacementSites(edge, [camera], blocks, { margin: 10 }).uncovered).toBe(0);
  });
});

describe('coverage of a block, sampled on a grid', () => {
  const block = square(0, 0, 100);
  const centre = at(50, 50);
  it('is nothing without cameras or without a boundary, and all of it under a camera that sees the whole block', () => {
    expect(blockCoverageShare(block, []).share).toBe(0);
    expect(blockCoverageShare(null, [{ ...centre, direction: 0, angle: 360, range: 500 }])).toEqual({ share: 0, samples: 0 });
    expect(blockCoverageShare(block, [{ ...centre, direction: 0, angle: 360, range: 500 }]).share).toBe(1);
  });
  it('is the sector’s area over the block’s: a 30 m circle in a 100 m square is about 28 %, a half-plane a half', () => {
    const circle = blockCoverageShare(block, [{ ...centre, direction: 0, angle: 360, range: 30 }], 2);
    expect(circle.share).toBeCloseTo((Math.PI * 30 * 30) / 10_000, 2);
    expect(circle.samples).toBe(2500);
    const half = blockCoverageShare(block, [{ ...centre, direction: 90, angle: 180, range: 1000 }], 2);
    expect(half.share).toBeCloseTo(0.5, 1);
  });
  it('widens the grid step to stay within the sample cap', () => {
    expect(blockCoverageShare(block, [], 1, 400).samples).toBeLessThanOrEqual(400);
  });
});
