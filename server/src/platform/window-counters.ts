import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './db.ts';

/** A count in a fixed window, and the milliseconds left in it. */
export type WindowCount = { current: number; ttl: number };

/**
 * Counters in fixed windows, by bucket: the one counting mechanism of an installation, for its rate limits
 * (platform/rate-limit-store.ts, whichever RATE_LIMIT_STORE) and the tip channel's flood guard (modules/tips/tip.flood.ts).
 * The first hit opens a window of `windowMs`, later hits add to it, the first hit after it ends opens the next.
 */
export interface WindowCounters {
  /** Adds one; a store shared by several servers may count it here first and add it to the others' within a sync. */
  hit(bucket: string, windowMs: number): Promise<WindowCount>;
  /**
   * Adds one without a statement of its own: a shared store counts it here and adds it to the others' with the next
   * sync, and answers what this server knows (the count as last read, plus its own hits since). For a count whose
   * decision is taken again on the next `peek` anyway (the tip channel's flood count); `ttl` is `windowMs` while no
   * window is known.
   */
  hitLater(bucket: string, windowMs: number): Promise<WindowCount>;
  /** Adds one, counted at once by every server (a route's small limit; the first use of a one-time token). */
  hitNow(bucket: string, windowMs: number): Promise<WindowCount>;
  /** The count without adding (as of the last sync at most). */
  peek(bucket: string): Promise<WindowCount>;
}

/** One server's counters, in memory. */
export class MemoryCounters implements WindowCounters {
  private readonly windows = new Map<string, { hits: number; end: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxBuckets = 20_000,
  ) {}

  async hit(bucket: string, windowMs: number): Promise<WindowCount> {
    const t = this.now();
    let w = this.windows.get(bucket);
    if (!w || w.end <= t) {
      if (this.windows.size >= this.maxBuckets) this.evict(t);
      w = { hits: 0, end: t + windowMs };
      this.windows.set(bucket, w);
    }
    w.hits += 1;
    return { current: w.hits, ttl: w.end - t };
  }

  hitNow(bucket: string, windowMs: number): Promise<WindowCount> {
    return this.hit(bucket, windowMs);
  }

  hitLater(bucket: string, windowMs: number): Promise<WindowCount> {
    return this.hit(bucket, windowMs);
  }

  async peek(bucket: string): Promise<WindowCount> {
    const t = this.now();
    const w = this.windows.get(bucket);
    return w && w.end > t ? { current: w.hits, ttl: w.end - t } : { current: 0, ttl: 0 };
  }

  /**
   * Makes room: the windows that are over, then, if that is not enough, the quarter that ends soonest. Sources by the
   * thousand (the rate limits count every address) then push out what ends within the minute, not a ward's flood count
   * or a spent challenge that has a quarter of an hour to run.
   */
  private evict(t: number): void {
    for (const [b, w] of this.windows) if (w.end <= t) this.windows.delete(b);
    if (this.windows.size < this.maxBuckets) return;
    const ends = [...this.windows.values()].map((w) => w.end).sort((x, y) => x - y);
    const cut = ends[Math.floor(ends.length / 4)] ?? Number.POSITIVE_INFINITY;
    for (const [b, w] of this.windows) if (w.end <= cut) this.windows.delete(b);
  }
}

/** Rows whose window ended more than this long ago are deleted (by whichever server counts next, at most once a minute). */
const PURGE_EVERY_MS = 60_000;

/**
 * A bucket as this server knows it: the database's count in its open window when last read or synced (`known`; the
 * window ends at `windowEnd` by this server's clock, 0 when the database had none open), and this server's hits not yet
 * added (`pending`, to be added in windows of `window` ms).
 */
type Local = { known: number; pending: number; windowEnd: number; syncedAt: number; window: number };

/**
 * Counters every server of an installation shares, in the database (table `rate_limit_hits`, UNLOGGED: nothing there is
 * worth a WAL record or survives a crash; migration T2650). Windows follow the database's clock, which all servers share.
 * `hitNow` is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`: atomic under concurrency, on PostgreSQL and PGlite alike.
 * `hit` counts here and adds the hits to the database at most once every `syncMs` per bucket, in one statement for all
 * buckets: alone, a server counts exactly; with others, it sees their hits of the last `syncMs` late. `hitLater` never
 * waits for the database. `peek` answers what was read or synced in the last `syncMs` — a count of none as well — so
 * that a burst of looks at a calm bucket reads the table once per sync.
 */
export class DatabaseCounters implements WindowCounters {
  private readonly locals = new Map<string, Local>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastPurge = 0;
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly syncMs = 1000,
    private readonly now: () => number = Date.now,
    private readonly maxBuckets = 20_000,
  ) {}

  async hit(bucket: string, windowMs: number): Promise<WindowCount> {
    const t = this.now();
    const local = this.locals.get(bucket);
    if (local && local.windowEnd > t && t - local.syncedAt < this.syncMs) {
      local.pending += 1;
      local.window = windowMs;
      this.scheduleFlush();
      return { current: local.known + local.pending, ttl: local.windowEnd - t };
    }
    // Counted in the database now: a bucket not read or synced in the last `syncMs`, or no window of it open — so that
    // a source new to this server is held to what the others have counted of it, not only to its hits here.
    if (local && local.windowEnd > 0 && local.windowEnd <= t) local.pending = 0;
    const carried = local?.pending ?? 0;
    if (local) local.pending -= carried;
    try {
      const c = (await this.add([{ bucket, hits: 1 + carried, window: windowMs }])).get(bucket) ?? { current: 1, ttl: windowMs };
      const l = this.locals.get(bucket) ?? this.remember(bucket, windowMs);
      if (!l) return c;
      Object.assign(l, { known: c.current, windowEnd: this.now() + c.ttl, syncedAt: this.now(), window: windowMs });
      return { current: c.current + l.pending, ttl: c.ttl };
    } catch (err) {
      if (local) local.pending += carried;
      throw err;
    }
  }

  async hitNow(bucket: string, windowMs: number): Promise<WindowCount> {
    return (await this.add([{ bucket, hits: 1, window: windowMs }])).get(bucket) ?? { current: 1, ttl: windowMs };
  }

  async hitLater(bucket: string, windowMs: number): Promise<WindowCount> {
    const l = this.locals.get(bucket) ?? this.remember(bucket, windowMs);
    // Too many buckets to keep here: counted in the database at once, as `hit` does.
    if (!l) return this.hit(bucket, windowMs);
    const t = this.now();
    l.pending += 1;
    l.window = windowMs;
    this.scheduleFlush();
    const open = l.windowEnd > t;
    return { current: (open ? l.known : 0) + l.pending, ttl: open ? l.windowEnd - t : windowMs };
  }

  async peek(bucket: string): Promise<WindowCount> {
    const t = this.now();
    const local = this.locals.get(bucket);
    if (local && t - local.syncedAt < this.syncMs) return this.known(local, t);
    const before = local?.syncedAt ?? 0;
    const [row] = await queryRows<{ hits: number; ttl: number }>(
      this.db,
      sql`SELECT hits, GREATEST(0, ceil(extract(epoch FROM window_end - now()) * 1000))::int AS ttl
          FROM rate_limit_hits WHERE bucket = ${bucket} AND window_end > now()`,
    );
    const read = this.now();
    const found = { known: row ? Number(row.hits) : 0, windowEnd: row ? read + Number(row.ttl) : 0, syncedAt: read };
    // Remembered for `syncMs`, a count of none too: the next looks at this bucket until then read no table. A sync that
    // answered meanwhile is the fresher count, and stays.
    const l = this.locals.get(bucket) ?? this.remember(bucket, 0);
    if (l && l.syncedAt !== before) return this.known(l, read);
    return this.known(l ? Object.assign(l, found) : { ...found, pending: 0, window: 0 }, read);
  }

  /** The count as this server knows it: the database's open window as last read, and its own hits not yet added. */
  private known(l: Local, t: number): WindowCount {
    const open = l.windowEnd > t;
    return { current: (open ? l.known : 0) + l.pending, ttl: open ? l.windowEnd - t : 0 };
  }

  /** Keeps a bucket here; none when `maxBuckets` are kept even after forgetting those of no more use. */
  private remember(bucket: string, window: number): Local | null {
    if (this.locals.size >= this.maxBuckets) this.sweep();
    if (this.locals.size >= this.maxBuckets) return null;
    const l = { known: 0, pending: 0, windowEnd: 0, syncedAt: 0, window };
    this.locals.set(bucket, l);
    return l;
  }

  /** Forgets (at most once per sync) the buckets with nothing to add that were not read or synced in the last `syncMs`. */
  private sweep(): void {
    const t = this.now();
    if (t - this.lastSweep < this.syncMs) return;
    this.lastSweep = t;
    for (const [bucket, l] of this.locals) if (l.pending === 0 && t - l.syncedAt >= this.syncMs) this.locals.delete(bucket);
  }

  /** Adds hits to each bucket (opening a new window where the last one ended); answers the counts and times left. */
  private async add(entries: { bucket: string; hits: number; window: number }[]): Promise<Map<string, WindowCount>> {
    const rows = await queryRows<{ bucket: string; hits: number; ttl: number }>(
      this.db,
      sql`INSERT INTO rate_limit_hits AS r (bucket, hits, window_end)
          SELECT b, n, now() + make_interval(secs => w)
          FROM unnest(${pgArray(entries.map((e) => e.bucket))}::text[], ${pgArray(entries.map((e) => e.hits))}::int[],
                      ${pgArray(entries.map((e) => e.window / 1000))}::float8[]) AS v(b, n, w)
          ON CONFLICT (bucket) DO UPDATE SET
            hits = CASE WHEN r.window_end <= now() THEN excluded.hits ELSE r.hits + excluded.hits END,
            window_end = CASE WHEN r.window_end <= now() THEN excluded.window_end ELSE r.window_end END
          RETURNING bucket, hits, GREATEST(0, ceil(extract(epoch FROM r.window_end - now()) * 1000))::int AS ttl`,
    );
    this.purge();
    return new Map(rows.map((r) => [r.bucket, { current: Number(r.hits), ttl: Number(r.ttl) }]));
  }

  private purge(): void {
    const t = this.now();
    if (t - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = t;
    this.db.execute(sql`DELETE FROM rate_limit_hits WHERE window_end < now() - interval '1 minute'`).catch(() => {
      this.lastPurge = 0;
    });
  }

  /** Adds the pending hits of every bucket in one statement; forgets buckets whose window is over. */
  private async flush(): Promise<void> {
    const t = this.now();
    const batch: { bucket: string; hits: number; window: number }[] = [];
    for (const [bucket, l] of this.locals) {
      if (l.pending > 0) batch.push({ bucket, hits: l.pending, window: l.window });
      else if (l.windowEnd <= t && t - l.syncedAt >= this.syncMs) this.locals.delete(bucket);
    }
    if (batch.length === 0) return;
    for (const e of batch) {
      const l = this.locals.get(e.bucket);
      if (l) l.pending -= e.hits;
    }
    try {
      const counts = await this.add(batch);
      const synced = this.now();
      for (const [bucket, c] of counts) {
        const l = this.locals.get(bucket);
        if (l) Object.assign(l, { known: c.current, windowEnd: synced + c.ttl, syncedAt: synced });
      }
    } catch {
      // The database is away: the hits are added on the next pass.
      for (const e of batch) {
        const l = this.locals.get(e.bucket);
        if (l) l.pending += e.hits;
      }
    }
  }

  private scheduleFlush(): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if ([...this.locals.values()].some((l) => l.pending > 0)) this.scheduleFlush();
      });
    }, this.syncMs);
    this.timer.unref();
  }
}

/** A PostgreSQL array literal of plain values (numbers, or strings quoted and escaped). */
function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
