import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAMERA_CONSENT_TEXTS,
  CAMERA_CONSENT_VERSION,
  checkFootageRequest,
  DEFAULT_FOOTAGE_LIMITS,
  footageGoneAt,
  limitsWithinBounds,
  monthlyOutcomes,
  readReference,
  retentionHolds,
  searchable,
} from './camera.rules.ts';

const now = new Date('2026-11-26T10:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('a footage request cites a tip or a case, a window ≤ 12 h and a radius ≤ 500 m', () => {
  it('reads tip and case numbers and refuses anything else', () => {
    expect(readReference('tb-2026-0012')).toEqual({ kind: 'tip', number: 'TB-2026-0012' });
    expect(readReference(' VV-2026-0034 ')).toEqual({ kind: 'case', number: 'VV-2026-0034' });
    expect(readReference('CN-2026-0001')).toBeNull();
    expect(readReference('nghi vấn')).toBeNull();
  });

  it('accepts a request within the defaults, and names each problem otherwise', () => {
    const ok = checkFootageRequest(
      { reference: 'VV-2026-0034', fromAt: hoursAgo(10), toAt: hoursAgo(2), radiusMetres: 200 },
      DEFAULT_FOOTAGE_LIMITS,
      now,
    );
    expect(ok).toEqual({ problems: [], exception: false, windowHours: 8 });
    expect(
      checkFootageRequest({ reference: 'x', fromAt: hoursAgo(20), toAt: hoursAgo(2), radiusMetres: 800 }, DEFAULT_FOOTAGE_LIMITS, now)
        .problems,
    ).toEqual(['reference', 'windowTooLong', 'radiusTooLarge']);
    expect(
      checkFootageRequest(
        { reference: 'TB-2026-0001', fromAt: hoursAgo(2), toAt: hoursAgo(3), radiusMetres: 10 },
        DEFAULT_FOOTAGE_LIMITS,
        now,
      ).problems,
    ).toEqual(['windowOrder']);
    expect(
      checkFootageRequest(
        { reference: 'TB-2026-0001', fromAt: hoursAgo(-2), toAt: hoursAgo(-3), radiusMetres: 10 },
        DEFAULT_FOOTAGE_LIMITS,
        now,
      ).problems,
    ).toContain('windowInFuture');
  });

  it('exactly 12 h and 500 m are allowed; one minute or one metre more is not', () => {
    const at = (h: number, r: number) =>
      checkFootageRequest({ reference: 'TB-2026-0001', fromAt: hoursAgo(h), toAt: now, radiusMetres: r }, DEFAULT_FOOTAGE_LIMITS, now)
        .problems;
    expect(at(12, 500)).toEqual([]);
    expect(at(12 + 1 / 60, 500)).toEqual(['windowTooLong']);
    expect(at(12, 501)).toEqual(['radiusTooLarge']);
  });

  it('a ward whose chief widened its limits accepts more, as an exception to audit', () => {
    const wide = { maxWindowHours: 24, maxRadiusMetres: 1000 };
    expect(limitsWithinBounds(wide)).toBe(true);
    const r = checkFootageRequest({ reference: 'VV-2026-0034', fromAt: hoursAgo(18), toAt: now, radiusMetres: 300 }, wide, now);
    expect(r).toMatchObject({ problems: [], exception: true });
    expect(limitsWithinBounds({ maxWindowHours: 48, maxRadiusMetres: 500 })).toBe(false);
    expect(limitsWithinBounds({ maxWindowHours: 12, maxRadiusMetres: 5000 })).toBe(false);
  });

  it('property: with the default limits a request is never an exception, and every accepted one is within 12 h and 500 m', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 48, noNaN: true }),
        fc.double({ min: 0, max: 48, noNaN: true }),
        fc.integer({ min: 0, max: 3000 }),
        (a, b, r) => {
          const res = checkFootageRequest(
            { reference: 'TB-2026-0001', fromAt: hoursAgo(a), toAt: hoursAgo(b), radiusMetres: r },
            DEFAULT_FOOTAGE_LIMITS,
            now,
          );
          expect(res.exception).toBe(false);
          if (res.problems.length === 0) {
            expect(res.windowHours).toBeLessThanOrEqual(12);
            expect(r).toBeLessThanOrEqual(500);
          }
        },
      ),
    );
  });
});

describe('retention: only cameras that still hold the footage are asked', () => {
  it('a recorder keeping 7 days holds a window that ended 6 days ago, not one that ended 8 days ago', () => {
    expect(retentionHolds(7, { fromAt: hoursAgo(6 * 24 + 2), toAt: hoursAgo(6 * 24) }, now)).toBe(true);
    expect(retentionHolds(7, { fromAt: hoursAgo(8 * 24 + 2), toAt: hoursAgo(8 * 24) }, now)).toBe(false);
    expect(retentionHolds(1, { fromAt: hoursAgo(25), toAt: hoursAgo(23) }, now)).toBe(true);
  });

  it('property: holding is monotonic in the retention days, and agrees with the day the footage is gone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.double({ min: 0, max: 2400, noNaN: true }), (days, h) => {
        const w = { fromAt: hoursAgo(h + 1), toAt: hoursAgo(h) };
        if (retentionHolds(days, w, now)) expect(retentionHolds(days + 1, w, now)).toBe(true);
        expect(retentionHolds(days, w, now)).toBe(footageGoneAt(days, w.toAt).getTime() >= now.getTime());
      }),
    );
  });
});

describe('searchable cameras and the consent', () => {
  it('a withdrawn, broken or unconsented camera is never searched', () => {
    expect(searchable({ kind: 'resident', status: 'active', working: true, consentVersion: CAMERA_CONSENT_VERSION })).toBe(true);
    expect(searchable({ kind: 'resident', status: 'withdrawn', working: true, consentVersion: CAMERA_CONSENT_VERSION })).toBe(false);
    expect(searchable({ kind: 'resident', status: 'active', working: false, consentVersion: CAMERA_CONSENT_VERSION })).toBe(false);
    expect(searchable({ kind: 'resident', status: 'active', working: true, consentVersion: null })).toBe(false);
    expect(searchable({ kind: 'ward', status: 'active', working: true, consentVersion: null })).toBe(true);
  });

  it('keeps the consent text of the current version in both languages (NĐ 13/2023 Art. 11 [V])', () => {
    const text = CAMERA_CONSENT_TEXTS[CAMERA_CONSENT_VERSION];
    expect(text?.vi).toContain('rút camera');
    expect(text?.en).toContain('withdraw');
  });
});

describe('the transparency page’s months', () => {
  it('counts requests and the cameras asked by outcome, newest month first', () => {
    const rows = monthlyOutcomes(
      [
        { month: '2026-10', outcome: 'share' },
        { month: '2026-10', outcome: 'decline' },
        { month: '2026-11', outcome: 'pending' },
      ],
      [{ month: '2026-10' }, { month: '2026-11' }],
    );
    expect(rows).toEqual([
      { month: '2026-11', requests: 1, cameras: 1, outcomes: { pending: 1, share: 0, no_footage: 0, decline: 0 } },
      { month: '2026-10', requests: 1, cameras: 2, outcomes: { pending: 0, share: 1, no_footage: 0, decline: 1 } },
    ]);
  });
});
