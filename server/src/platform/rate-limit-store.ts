import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './db.ts';
import { vnToday } from './time.ts';

/**
 * Rate-limit counters in the database, so that every server of an installation counts together: two servers behind a
 * load balancer give a source `max` requests per window in all, not `max` on each. A fixed window per key: the first
 * request opens it (`window_end` = now + the window, by the database's clock, which all servers share), later ones add
 * one, and the first request after it ends opens the next. One `INSERT … ON CONFLICT DO UPDATE … RETURNING` per
 * request: atomic under concurrency, on PostgreSQL and PGlite alike. The table is UNLOGGED (migration T2650).
 *
 * `@fastify/rate-limit` builds a store with `new Store(options)` and one child per route with its own limit; the
 * child's counters are apart from the global ones (the route's method and path prefix the key).
 */
type RateLimitResult = { current: number; ttl: number };
type Callback = (err: Error | null, result?: RateLimitResult) => void;
type RouteOptions = { routeInfo?: { method?: string | string[]; url?: string } };

/** Rows whose window ended more than this long ago are deleted (by whichever server counts next, at most once a minute). */
const PURGE_EVERY_MS = 60_000;

export function databaseRateLimitStore(db: Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  let lastPurge = 0;
  const purge = () => {
    const t = now();
    if (t - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = t;
    db.execute(sql`DELETE FROM rate_limit_hits WHERE window_end < now() - interval '1 minute'`).catch(() => {
      lastPurge = 0;
    });
  };

  return class DatabaseRateLimitStore {
    readonly namespace: string;

    constructor(_options?: object, namespace = 'all') {
      this.namespace = namespace;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const bucket = `${this.namespace}|${key}`;
      queryRows<{ hits: number; ttl: number }>(
        db,
        sql`INSERT INTO rate_limit_hits AS r (bucket, hits, window_end)
            VALUES (${bucket}, 1, now() + make_interval(secs => ${timeWindow / 1000}))
            ON CONFLICT (bucket) DO UPDATE SET
              hits = CASE WHEN r.window_end <= now() THEN 1 ELSE r.hits + 1 END,
              window_end = CASE WHEN r.window_end <= now() THEN excluded.window_end ELSE r.window_end END
            RETURNING hits, GREATEST(0, ceil(extract(epoch FROM r.window_end - now()) * 1000))::int AS ttl`,
      ).then(
        ([row]) => {
          purge();
          cb(null, { current: Number(row?.hits ?? 1), ttl: Number(row?.ttl ?? timeWindow) });
        },
        (err: Error) => cb(err),
      );
    }

    /** The counter without counting (`{ increment: false }`). */
    read(key: string, cb: Callback): void {
      const bucket = `${this.namespace}|${key}`;
      queryRows<{ hits: number; ttl: number }>(
        db,
        sql`SELECT hits, GREATEST(0, ceil(extract(epoch FROM window_end - now()) * 1000))::int AS ttl
            FROM rate_limit_hits WHERE bucket = ${bucket} AND window_end > now()`,
      ).then(
        ([row]) => cb(null, row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: 0 }),
        (err: Error) => cb(err),
      );
    }

    child(routeOptions: object): DatabaseRateLimitStore {
      const info = (routeOptions as RouteOptions).routeInfo ?? {};
      const method = [info.method ?? ''].flat().join(',');
      return new DatabaseRateLimitStore(routeOptions, info.url ? `${method} ${info.url}` : 'custom');
    }
  };
}

/**
 * The key a source is counted by when every server counts together: a keyed hash of the address whose key is derived
 * from the server key and the day (Vietnam time), so that all servers of an installation derive the same key without
 * storing it. The address itself is never stored; a row lives a window (minutes to an hour). Someone holding both the
 * server key and a row of that day could test addresses against it — which is why a single server keeps its random,
 * memory-only key instead (`source-key.ts`).
 */
export function sharedSourceKey(serverKey: Buffer): (address: string) => string {
  let current: { day: string; key: Buffer } | null = null;
  return (address) => {
    const day = vnToday();
    if (!current || current.day !== day) {
      current = { day, key: createHmac('sha256', serverKey).update(`binh-an:rate-limit-source:${day}`).digest() };
    }
    return createHmac('sha256', current.key).update(address).digest('base64url').slice(0, 22);
  };
}
