import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/roles.ts';
import { blurTarget, type MapArea, type MapRecord, placeOnMap, seesExactLocations } from './map.rules.ts';

const WARD: MapArea = { id: 'ward', parentId: null, centroid: { lat: 18.674, lng: 105.69 } };
const TRUNG_MY: MapArea = { id: 'trung-my', parentId: 'ward', centroid: { lat: 18.6772, lng: 105.6851 } };
const TAN_QUANG: MapArea = { id: 'tan-quang', parentId: 'ward', centroid: null };
const AREAS = new Map([WARD, TRUNG_MY, TAN_QUANG].map((a) => [a.id, a]));

const RECORDS: MapRecord[] = [
  { kind: 'tip', unitId: 'trung-my', lat: null, lng: null, count: 3 },
  { kind: 'incident', unitId: 'trung-my', lat: 18.6779, lng: 105.6843, count: 1 },
  { kind: 'incident', unitId: 'trung-my', lat: 18.6761, lng: 105.6862, count: 1 },
  { kind: 'incident', unitId: 'tan-quang', lat: 18.671, lng: 105.692, count: 2 },
  { kind: 'case', unitId: 'tan-quang', lat: null, lng: null, count: 4 },
  { kind: 'case', unitId: 'ward', lat: null, lng: null, count: 1 },
];

describe('seesExactLocations', () => {
  it('is for the ward police only', () => {
    expect(ROLES.filter(seesExactLocations)).toEqual(['chief', 'officer']);
  });
});

describe('blurTarget', () => {
  it("takes the unit's own centroid, else the nearest one above", () => {
    expect(blurTarget('trung-my', AREAS)).toEqual({ areaId: 'trung-my', centroid: TRUNG_MY.centroid });
    expect(blurTarget('tan-quang', AREAS)).toEqual({ areaId: 'ward', centroid: WARD.centroid });
    expect(blurTarget('elsewhere', AREAS)).toBeNull();
  });
});

describe('placeOnMap', () => {
  it('blurs every record to a centroid for readers who are not police, never an exact position', () => {
    const { points, unplaced } = placeOnMap(RECORDS, AREAS, { exact: false });
    const centroids = [WARD, TRUNG_MY].map((a) => `${a.centroid?.lat},${a.centroid?.lng}`);
    for (const p of points) {
      expect(p.precision).toBe('area');
      expect(centroids).toContain(`${p.lat},${p.lng}`);
    }
    const exact = RECORDS.filter((r) => r.lat !== null).map((r) => `${r.lat},${r.lng}`);
    for (const p of points) expect(exact).not.toContain(`${p.lat},${p.lng}`);
    expect(points).toContainEqual({ kind: 'incident', lat: 18.6772, lng: 105.6851, count: 2, precision: 'area', areaId: 'trung-my' });
    expect(points).toContainEqual({ kind: 'incident', lat: 18.674, lng: 105.69, count: 2, precision: 'area', areaId: 'ward' });
    expect(points).toContainEqual({ kind: 'case', lat: 18.674, lng: 105.69, count: 5, precision: 'area', areaId: 'ward' });
    expect(unplaced).toEqual({ tip: 0, case: 0, incident: 0 });
  });
  it('shows the police where a record happened when it has a position, and blurs the rest', () => {
    const { points } = placeOnMap(RECORDS, AREAS, { exact: true });
    expect(points.filter((p) => p.precision === 'exact').map((p) => [p.lat, p.lng])).toEqual([
      [18.6779, 105.6843],
      [18.6761, 105.6862],
      [18.671, 105.692],
    ]);
    expect(points).toContainEqual({ kind: 'tip', lat: 18.6772, lng: 105.6851, count: 3, precision: 'area', areaId: 'trung-my' });
  });
  it('counts what has no place on the map instead of inventing one', () => {
    const { points, unplaced } = placeOnMap(
      [
        { kind: 'tip', unitId: 'elsewhere', lat: null, lng: null, count: 2 },
        { kind: 'incident', unitId: 'elsewhere', lat: 99, lng: 200, count: 1 },
      ],
      AREAS,
      { exact: true },
    );
    expect(points).toEqual([]);
    expect(unplaced).toEqual({ tip: 2, case: 0, incident: 1 });
  });
});
