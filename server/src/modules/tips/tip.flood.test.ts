import { describe, expect, it } from 'vitest';
import type { Deps } from '../../platform/deps.ts';
import { MemoryCounters, type WindowCounters } from '../../platform/window-counters.ts';
import { FloodGuard, floodGuardOf, hasLeadingZeroBits, solveChallenge } from './tip.flood.ts';

describe('flood protection (security.md G4, G20; GlobaLeaks #2776)', () => {
  it('asks nothing in calm times and switches on when a ward is flooded, for that ward only', async () => {
    let now = 1_000_000;
    const guard = new FloodGuard(Buffer.alloc(32, 1), 3, 8, new MemoryCounters(() => now), () => now);
    for (let i = 0; i < 3; i++) await guard.record('ward-a');
    expect(await guard.isFlooded('ward-a')).toBe(false);
    await guard.record('ward-a');
    expect(await guard.isFlooded('ward-a')).toBe(true);
    expect(await guard.isFlooded('ward-b')).toBe(false);
    now += 31 * 60_000;
    expect(await guard.isFlooded('ward-a')).toBe(false);
  });

  it("switches on for a server that received none of the ward's tips, by the counts the servers share", async () => {
    const now = 1_000_000;
    const shared = new MemoryCounters(() => now);
    const [a, b] = [
      new FloodGuard(Buffer.alloc(32, 1), 3, 8, shared, () => now),
      new FloodGuard(Buffer.alloc(32, 1), 3, 8, shared, () => now),
    ];
    for (let i = 0; i < 4; i++) await a.record('ward-a');
    expect(await b.isFlooded('ward-a')).toBe(true);
  });

  it('accepts a solved challenge once, for its own ward, before it expires, on whichever server', async () => {
    let now = 1_000_000;
    const shared = new MemoryCounters(() => now);
    const guard = new FloodGuard(Buffer.alloc(32, 1), 0, 10, shared, () => now);
    const other = new FloodGuard(Buffer.alloc(32, 1), 0, 10, shared, () => now);
    const solution = solveChallenge(guard.challenge('ward-a'), 10);
    expect(await guard.verify('ward-b', solution)).toBe(false);
    expect(await guard.verify('ward-a', solution)).toBe(true);
    expect(await guard.verify('ward-a', solution)).toBe(false);
    expect(await other.verify('ward-a', solution)).toBe(false);
    const forged = `${guard.challenge('ward-a').replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA')}:1`;
    expect(await guard.verify('ward-a', forged)).toBe(false);
    const late = solveChallenge(guard.challenge('ward-a'), 10);
    now += 16 * 60_000;
    expect(await guard.verify('ward-a', late)).toBe(false);
    expect(await guard.verify('ward-a', undefined)).toBe(false);
  });

  it('a tip that could not be counted is not taken back: it is reported to the server log, with its ward only', async () => {
    const away = new Error('Failed query: INSERT INTO rate_limit_hits');
    const counters: WindowCounters = {
      hit: () => Promise.reject(away),
      hitNow: () => Promise.reject(away),
      hitLater: () => Promise.reject(away),
      peek: async () => ({ current: 0, ttl: 0 }),
    };
    const logged: { level: string; obj: unknown; msg: string }[] = [];
    const log = {
      warn: (obj: unknown, msg: string) => logged.push({ level: 'warn', obj, msg }),
      error: (obj: unknown, msg: string) => logged.push({ level: 'error', obj, msg }),
    };
    const deps = {
      key: Buffer.alloc(32, 1),
      cfg: { tipFloodThreshold: 3, tipPowBits: 8 },
      counters,
      clock: () => new Date(1_000_000),
      log,
    } as unknown as Deps;
    await expect(floodGuardOf(deps).record('ward-a')).resolves.toBeUndefined();
    expect(logged).toEqual([
      {
        level: 'error',
        obj: { wardId: 'ward-a', err: { name: 'Error', message: 'Failed query: INSERT INTO rate_limit_hits' } },
        msg: 'a received tip was not counted for the flood guard',
      },
    ]);
  });

  it('counts leading zero bits exactly', () => {
    expect(hasLeadingZeroBits(Uint8Array.from([0, 0x0f]), 12)).toBe(true);
    expect(hasLeadingZeroBits(Uint8Array.from([0, 0x1f]), 12)).toBe(false);
    expect(hasLeadingZeroBits(Uint8Array.from([0x80]), 0)).toBe(true);
  });
});
