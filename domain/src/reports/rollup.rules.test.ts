import { describe, expect, it } from 'vitest';
import { isInForceDuring, type RollupWard, rollUp, rollupTarget } from './rollup.rules.ts';

/** The demo's chain: Lê Mao (until 30/11/2024) → Quang Trung (01/12/2024–30/06/2025) → Thành Vinh (from 01/07/2025). */
const LE_MAO: RollupWard = { id: 'lm', name: 'Phường Lê Mao', validFrom: null, validTo: '2024-11-30', successorIds: ['qt'] };
const QUANG_TRUNG: RollupWard = {
  id: 'qt',
  name: 'Phường Quang Trung',
  validFrom: '2024-12-01',
  validTo: '2025-06-30',
  successorIds: ['tv'],
};
const THANH_VINH: RollupWard = { id: 'tv', name: 'Phường Thành Vinh', validFrom: '2025-07-01', validTo: null, successorIds: [] };
const TRUONG_VINH: RollupWard = { id: 'trv', name: 'Phường Trường Vinh', validFrom: '2025-07-01', validTo: null, successorIds: [] };
const WARDS = [LE_MAO, QUANG_TRUNG, THANH_VINH, TRUONG_VINH];
const BY_ID = new Map(WARDS.map((w) => [w.id, w]));
const KEYS = ['cases', 'tips'] as const;
const fig = (cases: number, tips = 0) => ({ cases, tips });

describe('isInForceDuring', () => {
  it('counts a unit in force on any day of the period, bounds included', () => {
    expect(isInForceDuring(LE_MAO, { from: '2024-11-30', to: '2024-12-31' })).toBe(true);
    expect(isInForceDuring(LE_MAO, { from: '2024-12-01', to: '2024-12-31' })).toBe(false);
    expect(isInForceDuring(THANH_VINH, { from: '2025-01-01', to: '2025-07-01' })).toBe(true);
    expect(isInForceDuring(THANH_VINH, { from: '2025-01-01', to: '2025-06-30' })).toBe(false);
  });
});

describe('rollupTarget', () => {
  it('keeps a ward in force during the period on its own row', () => {
    expect(rollupTarget('lm', BY_ID, { from: '2020-01-01', to: '2020-06-30' })).toBe('lm');
    expect(rollupTarget('lm', BY_ID, { from: '2024-01-01', to: '2024-12-31' })).toBe('lm');
  });
  it('moves a merged ward to its successor in force, following the chain', () => {
    expect(rollupTarget('lm', BY_ID, { from: '2025-01-01', to: '2025-03-31' })).toBe('qt');
    expect(rollupTarget('lm', BY_ID, { from: '2026-01-01', to: '2026-12-31' })).toBe('tv');
    expect(rollupTarget('qt', BY_ID, { from: '2026-01-01', to: '2026-12-31' })).toBe('tv');
  });
  it('stops at the last ward of the chain inside the roll-up when the successor is outside it', () => {
    const vinh = new Map([LE_MAO, QUANG_TRUNG].map((w) => [w.id, w]));
    expect(rollupTarget('lm', vinh, { from: '2026-01-01', to: '2026-12-31' })).toBe('qt');
  });
  it('gives a split ward to one successor only: the one in force, then the earliest, then by name', () => {
    const old: RollupWard = { id: 'a', name: 'A', validFrom: null, validTo: '2020-12-31', successorIds: ['c', 'b'] };
    const b: RollupWard = { id: 'b', name: 'B', validFrom: '2021-01-01', validTo: null, successorIds: [] };
    const c: RollupWard = { id: 'c', name: 'C', validFrom: '2021-01-01', validTo: null, successorIds: [] };
    const closedC: RollupWard = { ...c, validTo: '2021-06-30' };
    expect(rollupTarget('a', new Map([old, b, c].map((w) => [w.id, w])), { from: '2022-01-01', to: '2022-12-31' })).toBe('b');
    expect(rollupTarget('a', new Map([old, b, closedC].map((w) => [w.id, w])), { from: '2022-01-01', to: '2022-12-31' })).toBe('b');
  });
  it('survives a cycle in the predecessor links', () => {
    const x: RollupWard = { id: 'x', name: 'X', validFrom: null, validTo: '2020-01-01', successorIds: ['y'] };
    const y: RollupWard = { id: 'y', name: 'Y', validFrom: null, validTo: '2020-01-01', successorIds: ['x'] };
    expect(rollupTarget('x', new Map([x, y].map((w) => [w.id, w])), { from: '2021-01-01', to: '2021-12-31' })).toBe('y');
  });
});

describe('rollUp', () => {
  it('sets the wards of a period before the merger side by side, the historic one included', () => {
    const r = rollUp(WARDS, new Map([['lm', fig(20, 3)]]), KEYS, { from: '2020-01-01', to: '2020-06-30' });
    expect(r.rows.map((row) => row.wardId)).toEqual(['lm']);
    expect(r.rows[0]).toMatchObject({ isInForce: true, absorbedIds: [], figures: fig(20, 3) });
    expect(r.total).toEqual(fig(20, 3));
  });
  it('counts a merged ward once, under its successor, for a period after the merger', () => {
    // 2 cases booked on Lê Mao's old units in 2026 (a late import), 5 on Thành Vinh, 4 on Trường Vinh.
    const figures = new Map([
      ['lm', fig(2)],
      ['tv', fig(5, 7)],
      ['trv', fig(4, 1)],
    ]);
    const r = rollUp(WARDS, figures, KEYS, { from: '2026-01-01', to: '2026-12-31' });
    expect(r.rows.map((row) => row.wardId)).toEqual(['tv', 'trv']);
    expect(r.rows[0]).toMatchObject({ wardId: 'tv', absorbedIds: ['lm', 'qt'], figures: fig(7, 7) });
    expect(r.total).toEqual(fig(11, 8));
    expect(r.rows.reduce((s, row) => s + row.figures.cases, 0)).toBe(r.total.cases);
  });
  it('shows both wards for a period that spans the merger, each with its own records', () => {
    const figures = new Map([
      ['lm', fig(9)],
      ['qt', fig(1)],
    ]);
    const r = rollUp(WARDS, figures, KEYS, { from: '2024-01-01', to: '2024-12-31' });
    expect(r.rows.map((row) => [row.wardId, row.figures.cases])).toEqual([
      ['lm', 9],
      ['qt', 1],
    ]);
    expect(r.total.cases).toBe(10);
  });
  it('never counts a record twice, whatever the period', () => {
    const figures = new Map([
      ['lm', fig(20, 1)],
      ['qt', fig(3, 2)],
      ['tv', fig(8, 4)],
      ['trv', fig(6, 8)],
    ]);
    for (const period of [
      { from: '2019-01-01', to: '2019-12-31' },
      { from: '2024-06-01', to: '2025-08-31' },
      { from: '2025-07-01', to: '2026-06-30' },
      { from: '2030-01-01', to: '2030-12-31' },
    ]) {
      const r = rollUp(WARDS, figures, KEYS, period);
      const sum = (k: (typeof KEYS)[number]) => r.rows.reduce((s, row) => s + row.figures[k], 0);
      expect(sum('cases'), JSON.stringify(period)).toBe(37);
      expect(sum('tips')).toBe(15);
      expect(r.total).toEqual(fig(37, 15));
      const carriers = r.rows.flatMap((row) => [row.wardId, ...row.absorbedIds]);
      expect(new Set(carriers).size).toBe(carriers.length);
    }
  });
  it('leaves out a ward not in force that carries nothing', () => {
    const r = rollUp(WARDS, new Map(), KEYS, { from: '2026-01-01', to: '2026-12-31' });
    expect(r.rows.map((row) => row.wardId)).toEqual(['tv', 'trv']);
    expect(r.rows[0]?.absorbedIds).toEqual(['lm', 'qt']);
  });
});
