import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { type Database, queryRows } from './db.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

type Store = {
  incr(key: string, cb: (err: Error | null, r?: { current: number; ttl: number }) => void, timeWindow: number): void;
  child(routeOptions: object): Store;
};
const storeOf = (syncMs: number): Store => {
  const Ctor = databaseRateLimitStore(database.db, { syncMs }) as unknown as new (options: object) => Store;
  return new Ctor({});
};
const incr = (store: Store, key: string, windowMs = 60_000) =>
  new Promise<number>((resolve, reject) => store.incr(key, (err, r) => (err ? reject(err) : resolve(r?.current ?? -1)), windowMs));
const inDatabase = async (bucket: string) =>
  (await queryRows<{ hits: number }>(database.db, sql`SELECT hits FROM rate_limit_hits WHERE bucket = ${bucket}`))[0]?.hits ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rate-limit counters in the database', () => {
  it('counts the global limit here and adds it to the database once per sync, not once per request', async () => {
    const store = storeOf(150);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) seen.push(await incr(store, 'nguon-a'));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    // The first request went to the database; the four since are waiting for the next pass.
    expect(await inDatabase('all|nguon-a')).toBe(1);
    await sleep(400);
    expect(await inDatabase('all|nguon-a')).toBe(5);
  });

  it('two servers count together: each sees the other after a sync, and the total is exact', async () => {
    const [a, b] = [storeOf(100), storeOf(100)];
    for (let i = 0; i < 3; i++) await incr(a, 'nguon-b');
    for (let i = 0; i < 2; i++) await incr(b, 'nguon-b');
    await sleep(350);
    expect(await inDatabase('all|nguon-b')).toBe(5);
    expect(await incr(a, 'nguon-b')).toBe(6);
    expect(await incr(b, 'nguon-b')).toBe(7);
  });

  it("counts a route's own limit (sign-in, tips) in the database on every request", async () => {
    const route = storeOf(1000).child({ routeInfo: { method: 'POST', url: '/api/v1/auth/login' } });
    for (let i = 1; i <= 3; i++) {
      expect(await incr(route, 'nguon-c')).toBe(i);
      expect(await inDatabase('POST /api/v1/auth/login|nguon-c')).toBe(i);
    }
  });

  it('starts again at one when the window is over', async () => {
    const store = storeOf(50);
    expect(await incr(store, 'nguon-d', 300)).toBe(1);
    expect(await incr(store, 'nguon-d', 300)).toBe(2);
    await sleep(450);
    expect(await incr(store, 'nguon-d', 300)).toBe(1);
  });
});
