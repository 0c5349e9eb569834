import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  angleBetween,
  bearingDegrees,
  blindPoints,
  destination,
  type FieldOfView,
  fieldOfViewReaches,
  greatCircleMetres,
  inFieldOfView,
  sectorPolygon,
} from './camera.geometry.ts';

/** Phường Lê Mao, Vinh: the local case (no pole, no antimeridian). */
const VINH = { lat: 18.67, lng: 105.69 };
const cam: FieldOfView = { ...VINH, direction: 90, angle: 60, range: 40 };

const position = fc.record({ lat: fc.double({ min: -60, max: 60, noNaN: true }), lng: fc.double({ min: -170, max: 170, noNaN: true }) });
const fovArb = fc.record({
  lat: fc.double({ min: -45, max: 45, noNaN: true }),
  lng: fc.double({ min: -170, max: 170, noNaN: true }),
  direction: fc.double({ min: 0, max: 359.99, noNaN: true }),
  angle: fc.double({ min: 5, max: 359, noNaN: true }),
  range: fc.double({ min: 5, max: 300, noNaN: true }),
});

describe('distance and bearing', () => {
  it('measures a known distance: one degree of latitude is about 111.2 km', () => {
    expect(greatCircleMetres({ lat: 18, lng: 105 }, { lat: 19, lng: 105 })).toBeCloseTo(111_195, -1);
    expect(bearingDegrees({ lat: 18, lng: 105 }, { lat: 19, lng: 105 })).toBeCloseTo(0, 6);
    expect(bearingDegrees(VINH, { lat: VINH.lat, lng: VINH.lng + 0.001 })).toBeCloseTo(90, 2);
    expect(bearingDegrees(VINH, { lat: VINH.lat - 0.001, lng: VINH.lng })).toBeCloseTo(180, 6);
  });

  it('walks to a destination and comes back the same distance and bearing (round trip)', () => {
    fc.assert(
      fc.property(position, fc.double({ min: 0, max: 359.9, noNaN: true }), fc.double({ min: 1, max: 2000, noNaN: true }), (p, b, m) => {
        const q = destination(p, b, m);
        expect(greatCircleMetres(p, q)).toBeCloseTo(m, 3);
        expect(angleBetween(bearingDegrees(p, q), b)).toBeLessThan(1e-6);
      }),
    );
  });

  it('is symmetric and never negative', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const d = greatCircleMetres(a, b);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(Math.abs(d - greatCircleMetres(b, a))).toBeLessThan(1e-6);
      }),
    );
  });
});

describe('point in the field of view', () => {
  it('sees a shop front 30 m east, not one 50 m east (beyond range) nor 30 m north (outside the angle)', () => {
    expect(inFieldOfView(cam, destination(cam, 90, 30))).toBe(true);
    expect(inFieldOfView(cam, destination(cam, 115, 39))).toBe(true);
    expect(inFieldOfView(cam, destination(cam, 90, 50))).toBe(false);
    expect(inFieldOfView(cam, destination(cam, 0, 30))).toBe(false);
    expect(inFieldOfView(cam, destination(cam, 125, 20))).toBe(false);
  });

  it('handles a camera facing north, whose opening crosses 0°/360°', () => {
    const north = { ...cam, direction: 350, angle: 40 };
    expect(inFieldOfView(north, destination(north, 5, 20))).toBe(true);
    expect(inFieldOfView(north, destination(north, 335, 20))).toBe(true);
    expect(inFieldOfView(north, destination(north, 15, 20))).toBe(false);
  });

  it('property: a point within the half-angle and the range is in view; beyond either it is not', () => {
    fc.assert(
      fc.property(fovArb, fc.double({ min: 0, max: 0.98, noNaN: true }), fc.double({ min: -0.98, max: 0.98, noNaN: true }), (f, r, s) => {
        const inside = destination(f, f.direction + (s * f.angle) / 2, r * f.range);
        expect(inFieldOfView(f, inside)).toBe(true);
        expect(inFieldOfView(f, destination(f, f.direction + (s * f.angle) / 2, f.range * 1.02 + 0.5))).toBe(false);
        if (f.angle < 355) {
          const outside = destination(f, f.direction + Math.sign(s || 1) * (f.angle / 2 + (360 - f.angle) / 4), Math.max(1, r * f.range));
          expect(inFieldOfView(f, outside)).toBe(false);
        }
      }),
    );
  });

  it('property: a full circle sees everything within range whatever it faces', () => {
    fc.assert(
      fc.property(fovArb, fc.double({ min: 0, max: 359.9, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (f, b, r) => {
        expect(inFieldOfView({ ...f, angle: 360 }, destination(f, b, r * f.range))).toBe(true);
      }),
    );
  });
});

describe('a request’s place and radius against a field of view', () => {
  it('reaches a place outside the sector when the radius touches its edge, not when it falls short', () => {
    const north = destination(cam, 0, 30); // 30 m north: outside the opening (60–120°)
    expect(fieldOfViewReaches(cam, north, 10)).toBe(false);
    expect(fieldOfViewReaches(cam, north, 31)).toBe(true); // the disc holds the camera
    const beyond = destination(cam, 90, 60); // 20 m past the arc
    expect(fieldOfViewReaches(cam, beyond, 19)).toBe(false);
    expect(fieldOfViewReaches(cam, beyond, 21)).toBe(true);
  });

  it('property: a point in view is reached with any radius; a point beyond range + radius never is', () => {
    fc.assert(
      fc.property(fovArb, position, fc.double({ min: 0, max: 500, noNaN: true }), (f, p, radius) => {
        const near = destination(f, bearingDegrees(f, p), Math.min(greatCircleMetres(f, p), f.range * 3));
        if (inFieldOfView(f, near)) expect(fieldOfViewReaches(f, near, radius)).toBe(true);
        if (greatCircleMetres(f, near) > f.range + radius + 0.01) expect(fieldOfViewReaches(f, near, radius)).toBe(false);
      }),
    );
  });

  it('property: reaching is monotonic in the radius, and never reaches a place farther than range + radius', () => {
    fc.assert(
      fc.property(
        fovArb,
        fc.double({ min: 0, max: 359.9, noNaN: true }),
        fc.double({ min: 0, max: 900, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (f, b, m, radius) => {
          const p = destination(f, b, m);
          if (fieldOfViewReaches(f, p, radius)) expect(fieldOfViewReaches(f, p, radius + 50)).toBe(true);
          if (m > f.range + radius + 1) expect(fieldOfViewReaches(f, p, radius)).toBe(false);
        },
      ),
    );
  });

  it('property: if the disc reaches the sector, some sampled point of the disc is in view (no false positive)', () => {
    fc.assert(
      fc.property(fovArb, fc.double({ min: 0, max: 359.9, noNaN: true }), fc.double({ min: 0, max: 600, noNaN: true }), (f, b, m) => {
        const radius = 40;
        const p = destination(f, b, m);
        if (!fieldOfViewReaches(f, p, radius)) {
          for (let i = 0; i < 24; i++)
            for (const k of [0.25, 0.5, 0.75, 0.97]) expect(inFieldOfView(f, destination(p, i * 15, k * radius))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the sector on a map and blind spots', () => {
  it('draws a closed ring from the camera along the arc, every vertex of the arc at the range', () => {
    const ring = sectorPolygon(cam, 10);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring[0]).toEqual([cam.lng, cam.lat]);
    for (const [lng, lat] of ring.slice(1, -1)) {
      expect(greatCircleMetres(cam, { lat, lng })).toBeCloseTo(40, 3);
      expect(inFieldOfView(cam, { lat, lng })).toBe(true);
    }
    expect(ring.length).toBe(6 + 3);
  });

  it('keeps only incidents no camera reaches', () => {
    const seen = { ...destination(cam, 90, 20), id: 'seen' };
    const blind = { ...destination(cam, 270, 100), id: 'blind' };
    expect(blindPoints([seen, blind], [cam]).map((p) => p.id)).toEqual(['blind']);
    expect(blindPoints([seen, blind], []).map((p) => p.id)).toEqual(['seen', 'blind']);
  });
});
