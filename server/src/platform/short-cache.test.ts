import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShortCache } from './short-cache.ts';

describe('ShortCache', () => {
  afterEach(() => vi.useRealTimers());

  it('reuses an answer per database and key until its time runs out or it is forgotten, and never a failure', async () => {
    vi.useFakeTimers();
    const cache = new ShortCache<number>(1000);
    const [a, b] = [{}, {}];
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.get(a, 'k', load)).toBe(1);
    expect(await cache.get(a, 'k', load)).toBe(1);
    expect(await cache.get(b, 'k', load)).toBe(2);
    vi.advanceTimersByTime(1001);
    expect(await cache.get(a, 'k', load)).toBe(3);
    cache.forget();
    expect(await cache.get(a, 'k', load)).toBe(4);
    await expect(cache.get(a, 'bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get(a, 'bad', load)).toBe(5);
  });
});
