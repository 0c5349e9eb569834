import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { FloodGuard } from '../modules/tips/tip.flood.ts';
import { type Database, type Db, queryRows } from './db.ts';
import { countersRateLimitStore } from './rate-limit-store.ts';
import { DatabaseCounters, MemoryCounters } from './window-counters.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const inDatabase = async (bucket: string) =>
  (await queryRows<{ hits: number }>(database.db, sql`SELECT hits FROM rate_limit_hits WHERE bucket = ${bucket}`))[0]?.hits ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counts = async (hits: Promise<{ current: number }>[]) => (await Promise.all(hits)).map((c) => c.current);
/** The database, counting the statements sent through it. */
const counting = (db: Db) => {
  const sent = { statements: 0 };
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver);
      return (...args: Parameters<Db['execute']>) => {
        sent.statements += 1;
        return target.execute(...args);
      };
    },
  });
  return { db: proxy, sent };
};

describe('counters shared by the servers, in the database', () => {
  it('counts here and adds to the database once per sync, in one statement, not once per hit', async () => {
    const counters = new DatabaseCounters(database.db, 150);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) seen.push((await counters.hit('nguon-a', 60_000)).current);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    // The first hit went to the database; the four since wait for the next pass.
    expect(await inDatabase('nguon-a')).toBe(1);
    await sleep(400);
    expect(await inDatabase('nguon-a')).toBe(5);
  });

  it('two servers count together: each sees the other after a sync, and the total is exact', async () => {
    const [a, b] = [new DatabaseCounters(database.db, 100), new DatabaseCounters(database.db, 100)];
    for (let i = 0; i < 3; i++) await a.hit('nguon-b', 60_000);
    for (let i = 0; i < 2; i++) await b.hit('nguon-b', 60_000);
    await sleep(350);
    expect(await inDatabase('nguon-b')).toBe(5);
    expect((await b.peek('nguon-b')).current).toBe(5);
    expect(await counts([a.hit('nguon-b', 60_000)])).toEqual([6]);
    // b looked a moment ago: its hit is counted on what it saw, and a's last one reaches it within a sync.
    expect(await counts([b.hit('nguon-b', 60_000)])).toEqual([6]);
    await sleep(350);
    expect(await inDatabase('nguon-b')).toBe(7);
    expect((await a.peek('nguon-b')).current).toBe(7);
  });

  it('hitNow counts in the database at once: a second use of a one-time token is seen by every server', async () => {
    const [a, b] = [new DatabaseCounters(database.db, 10_000), new DatabaseCounters(database.db, 10_000)];
    expect((await a.hitNow('token-1', 60_000)).current).toBe(1);
    expect((await b.hitNow('token-1', 60_000)).current).toBe(2);
    expect(await inDatabase('token-1')).toBe(2);
  });

  it('starts again at one when the window is over', async () => {
    const counters = new DatabaseCounters(database.db, 50);
    expect(await counts([counters.hit('nguon-d', 300)])).toEqual([1]);
    expect(await counts([counters.hit('nguon-d', 300)])).toEqual([2]);
    await sleep(450);
    expect(await counts([counters.hit('nguon-d', 300)])).toEqual([1]);
  });

  it("the rate-limit store counts a route's own limit (sign-in, tips) on every request, the global limit by sync", async () => {
    type Store = {
      incr(key: string, cb: (err: Error | null, r?: { current: number }) => void, timeWindow: number): void;
      child(routeOptions: object): Store;
    };
    const Ctor = countersRateLimitStore(new DatabaseCounters(database.db, 10_000)) as unknown as new (o: object) => Store;
    const global = new Ctor({});
    const route = global.child({ routeInfo: { method: 'POST', url: '/api/v1/auth/login' } });
    const incr = (store: Store, key: string) =>
      new Promise<number>((resolve, reject) => store.incr(key, (err, r) => (err ? reject(err) : resolve(r?.current ?? -1)), 60_000));
    for (let i = 1; i <= 3; i++) {
      expect(await incr(route, 'nguon-c')).toBe(i);
      expect(await inDatabase('POST /api/v1/auth/login|nguon-c')).toBe(i);
      expect(await incr(global, 'nguon-c')).toBe(i);
      expect(await inDatabase('all|nguon-c')).toBe(1);
    }
  });
});

describe('what a calm ward costs the database', () => {
  it('a burst of looks at a calm bucket reads the table once per sync, a count of none included', async () => {
    let now = Date.now();
    const { db, sent } = counting(database.db);
    const counters = new DatabaseCounters(db, 1000, () => now);
    for (let i = 0; i < 20; i++) expect(await counters.peek('tip-flood|phuong-yen')).toEqual({ current: 0, ttl: 0 });
    expect(sent.statements).toBe(1);
    now += 999;
    await counters.peek('tip-flood|phuong-yen');
    expect(sent.statements).toBe(1);
    // A sync later the table is read again, and another server's hits are seen.
    await new DatabaseCounters(database.db, 1000).hitNow('tip-flood|phuong-yen', 60_000);
    now += 1;
    expect((await counters.peek('tip-flood|phuong-yen')).current).toBe(1);
    expect((await counters.peek('tip-flood|phuong-yen')).current).toBe(1);
    expect(sent.statements).toBe(2);
  });

  it('a burst of tips for a calm ward costs one look until the sync, then one statement; the others see the flood a sync later', async () => {
    const a = counting(database.db);
    const b = counting(database.db);
    const threshold = 5;
    const [onA, onB] = [a, b].map((s) => new FloodGuard(Buffer.alloc(32, 1), threshold, 8, new DatabaseCounters(s.db, 300)));
    if (!onA || !onB) throw new Error('two guards');
    // Each tip: the look before it is stored, then its count.
    for (let i = 0; i < 4; i++) {
      expect(await onA.isFlooded('phuong-ha')).toBe(false);
      await onA.record('phuong-ha');
    }
    expect(a.sent.statements).toBe(1);
    expect(await inDatabase('tip-flood|phuong-ha')).toBe(0);
    await sleep(700);
    // The sync: one statement for every bucket, and the purge of ended windows (at most once a minute).
    expect(a.sent.statements).toBe(3);
    expect(await inDatabase('tip-flood|phuong-ha')).toBe(4);
    // Two more: this server is over the threshold at once, by what it knows; the other on its first look after the sync.
    await onA.record('phuong-ha');
    await onA.record('phuong-ha');
    expect(await onA.isFlooded('phuong-ha')).toBe(true);
    expect(await onB.isFlooded('phuong-ha')).toBe(false);
    await sleep(700);
    expect(await inDatabase('tip-flood|phuong-ha')).toBe(6);
    expect(await onB.isFlooded('phuong-ha')).toBe(true);
  });
});

describe('one server alone, in memory', () => {
  it('counts in windows by its clock', async () => {
    let now = 0;
    const counters = new MemoryCounters(() => now);
    expect(await counts([counters.hit('x', 1000), counters.hit('x', 1000), counters.hitNow('x', 1000)])).toEqual([1, 2, 3]);
    expect((await counters.peek('x')).current).toBe(3);
    now = 1000;
    expect((await counters.peek('x')).current).toBe(0);
    expect(await counts([counters.hit('x', 1000)])).toEqual([1]);
  });

  it('sources by the thousand push out what ends soonest, not a spent challenge nor a ward count', async () => {
    let now = 0;
    const counters = new MemoryCounters(() => now, 100);
    await counters.hitNow('tip-pow|thach-thuc', 15 * 60_000);
    await counters.hit('tip-flood|phuong-ha', 10 * 60_000);
    for (let i = 0; i < 1000; i++) {
      now += 10;
      await counters.hit(`all|nguon-${i}`, 60_000);
    }
    expect((await counters.peek('tip-pow|thach-thuc')).current).toBe(1);
    expect((await counters.peek('tip-flood|phuong-ha')).current).toBe(1);
    expect((await counters.peek('all|nguon-999')).current).toBe(1);
  });
});
