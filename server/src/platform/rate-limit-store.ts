import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './db.ts';
import { vnToday } from './time.ts';

/**
 * Rate-limit counters in the database, so that every server of an installation counts together: two servers behind a
 * load balancer give a source `max` requests per window in all, not `max` on each. A fixed window per key: the first
 * request opens it (`window_end` = now + the window, by the database's clock, which all servers share), later ones add
 * to it, and the first request after it ends opens the next. One `INSERT … ON CONFLICT DO UPDATE … RETURNING`: atomic
 * under concurrency, on PostgreSQL and PGlite alike. The table is UNLOGGED (migration T2650).
 *
 * `@fastify/rate-limit` builds a store with `new Store(options)` and one child per route with its own limit; the
 * child's counters are apart from the global ones (the route's method and path prefix the key).
 *
 * The routes' own limits (sign-in, tips, receipts: a few to a few dozen an hour) are counted in the database on every
 * request, exactly. The global limit (RATE_LIMIT a minute on every page and API call) is counted here first and added
 * to the database at most once every `syncMs` per source, in one statement for all sources: the database write is per
 * source and second, not per request. Alone, a server counts exactly; with others, a server sees their requests of the
 * last `syncMs` late, so that a source spreading requests over n servers gets at most n − 1 seconds' worth of requests
 * past the limit.
 */
type RateLimitResult = { current: number; ttl: number };
type Callback = (err: Error | null, result?: RateLimitResult) => void;
type RouteOptions = { routeInfo?: { method?: string | string[]; url?: string } };

/** Rows whose window ended more than this long ago are deleted (by whichever server counts next, at most once a minute). */
const PURGE_EVERY_MS = 60_000;
/** The global limit's sources this server remembers at most (beyond, each request is counted in the database). */
const MAX_LOCAL_SOURCES = 20_000;

/** A source's global counter as this server knows it: the database's count when last synced, and hits since. */
type Local = { known: number; pending: number; windowEnd: number; syncedAt: number; window: number };

export function databaseRateLimitStore(
  db: Db,
  { now = Date.now, syncMs = 1000 }: { now?: () => number; syncMs?: number } = {},
): FastifyRateLimitStoreCtor {
  let lastPurge = 0;
  const purge = () => {
    const t = now();
    if (t - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = t;
    db.execute(sql`DELETE FROM rate_limit_hits WHERE window_end < now() - interval '1 minute'`).catch(() => {
      lastPurge = 0;
    });
  };

  /** Adds `hits` to each bucket (opening a new window where the last one ended); answers the counts and times left. */
  const add = async (entries: { bucket: string; hits: number; window: number }[]) => {
    const rows = await queryRows<{ bucket: string; hits: number; ttl: number }>(
      db,
      sql`INSERT INTO rate_limit_hits AS r (bucket, hits, window_end)
          SELECT b, n, now() + make_interval(secs => w)
          FROM unnest(${pgArray(entries.map((e) => e.bucket))}::text[], ${pgArray(entries.map((e) => e.hits))}::int[],
                      ${pgArray(entries.map((e) => e.window / 1000))}::float8[]) AS v(b, n, w)
          ON CONFLICT (bucket) DO UPDATE SET
            hits = CASE WHEN r.window_end <= now() THEN excluded.hits ELSE r.hits + excluded.hits END,
            window_end = CASE WHEN r.window_end <= now() THEN excluded.window_end ELSE r.window_end END
          RETURNING bucket, hits, GREATEST(0, ceil(extract(epoch FROM r.window_end - now()) * 1000))::int AS ttl`,
    );
    purge();
    return new Map(rows.map((r) => [r.bucket, { hits: Number(r.hits), ttl: Number(r.ttl) }]));
  };

  // The global limit's counters of this server, and the pass that adds their pending hits to the database.
  const locals = new Map<string, Local>();
  let flushing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = async () => {
    timer = null;
    const t = now();
    const batch: { bucket: string; hits: number; window: number }[] = [];
    for (const [bucket, l] of locals) {
      if (l.pending > 0) batch.push({ bucket, hits: l.pending, window: l.window });
      else if (l.windowEnd <= t) locals.delete(bucket);
    }
    if (batch.length === 0) return;
    for (const e of batch) {
      const l = locals.get(e.bucket);
      if (l) l.pending -= e.hits;
    }
    try {
      const counts = await add(batch);
      const synced = now();
      for (const [bucket, c] of counts) {
        const l = locals.get(bucket);
        if (l) Object.assign(l, { known: c.hits, windowEnd: synced + c.ttl, syncedAt: synced });
      }
    } catch {
      // The database is away: the hits are counted again on the next pass.
      for (const e of batch) {
        const l = locals.get(e.bucket);
        if (l) l.pending += e.hits;
      }
    }
  };
  const scheduleFlush = () => {
    if (timer || flushing) return;
    timer = setTimeout(() => {
      flushing = flush().finally(() => {
        flushing = null;
        if ([...locals.values()].some((l) => l.pending > 0)) scheduleFlush();
      });
    }, syncMs);
    timer.unref();
  };

  return class DatabaseRateLimitStore {
    readonly namespace: string;

    constructor(_options?: object, namespace = 'all') {
      this.namespace = namespace;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const bucket = `${this.namespace}|${key}`;
      const t = now();
      const local = this.namespace === 'all' ? locals.get(bucket) : undefined;
      if (local && local.windowEnd > t && t - local.syncedAt < syncMs) {
        local.pending += 1;
        scheduleFlush();
        cb(null, { current: local.known + local.pending, ttl: local.windowEnd - t });
        return;
      }
      // Counted in the database now: a route's own limit, a source not seen in the last `syncMs`, or a window over.
      if (local && local.windowEnd <= t) local.pending = 0;
      const carried = local?.pending ?? 0;
      if (local) local.pending -= carried;
      add([{ bucket, hits: 1 + carried, window: timeWindow }]).then(
        (counts) => {
          const c = counts.get(bucket) ?? { hits: 1, ttl: timeWindow };
          if (this.namespace === 'all' && (local || locals.size < MAX_LOCAL_SOURCES)) {
            const synced = now();
            const l = locals.get(bucket) ?? { known: 0, pending: 0, windowEnd: 0, syncedAt: 0, window: timeWindow };
            locals.set(bucket, Object.assign(l, { known: c.hits, windowEnd: synced + c.ttl, syncedAt: synced, window: timeWindow }));
            cb(null, { current: c.hits + l.pending, ttl: c.ttl });
          } else cb(null, { current: c.hits, ttl: c.ttl });
        },
        (err: Error) => {
          if (local) local.pending += carried;
          cb(err);
        },
      );
    }

    /** The counter without counting (`{ increment: false }`). */
    read(key: string, cb: Callback): void {
      const bucket = `${this.namespace}|${key}`;
      const pending = locals.get(bucket)?.pending ?? 0;
      queryRows<{ hits: number; ttl: number }>(
        db,
        sql`SELECT hits, GREATEST(0, ceil(extract(epoch FROM window_end - now()) * 1000))::int AS ttl
            FROM rate_limit_hits WHERE bucket = ${bucket} AND window_end > now()`,
      ).then(
        ([row]) => cb(null, row ? { current: Number(row.hits) + pending, ttl: Number(row.ttl) } : { current: pending, ttl: 0 }),
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

/** A PostgreSQL array literal of plain values (numbers, or strings quoted and escaped). */
function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
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
