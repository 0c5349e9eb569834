import { describe, expect, it } from 'vitest';
import { FloodGuard, hasLeadingZeroBits, solveChallenge } from './tip.flood.ts';

describe('flood protection (security.md G4, G20; GlobaLeaks #2776)', () => {
  it('asks nothing in calm times and switches on when a ward is flooded, for that ward only', () => {
    let now = 1_000_000;
    const guard = new FloodGuard(Buffer.alloc(32, 1), 3, 8, () => now);
    for (let i = 0; i < 3; i++) guard.record('ward-a');
    expect(guard.isFlooded('ward-a')).toBe(false);
    guard.record('ward-a');
    expect(guard.isFlooded('ward-a')).toBe(true);
    expect(guard.isFlooded('ward-b')).toBe(false);
    now += 31 * 60_000;
    expect(guard.isFlooded('ward-a')).toBe(false);
  });

  it('accepts a solved challenge once, for its own ward, before it expires', () => {
    let now = 1_000_000;
    const guard = new FloodGuard(Buffer.alloc(32, 1), 0, 10, () => now);
    const solution = solveChallenge(guard.challenge('ward-a'), 10);
    expect(guard.verify('ward-b', solution)).toBe(false);
    expect(guard.verify('ward-a', solution)).toBe(true);
    expect(guard.verify('ward-a', solution)).toBe(false);
    const forged = `${guard.challenge('ward-a').replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA')}:1`;
    expect(guard.verify('ward-a', forged)).toBe(false);
    const late = solveChallenge(guard.challenge('ward-a'), 10);
    now += 16 * 60_000;
    expect(guard.verify('ward-a', late)).toBe(false);
    expect(guard.verify('ward-a', undefined)).toBe(false);
  });

  it('counts leading zero bits exactly', () => {
    expect(hasLeadingZeroBits(Uint8Array.from([0, 0x0f]), 12)).toBe(true);
    expect(hasLeadingZeroBits(Uint8Array.from([0, 0x1f]), 12)).toBe(false);
    expect(hasLeadingZeroBits(Uint8Array.from([0x80]), 0)).toBe(true);
  });
});
