import type { Database } from './db.ts';

/**
 * Whether the database answers, probed in the background: a `SELECT 1` every `intervalMs` on a connection of its own
 * (`Database.probe`; the pool's when there is none), given up after `timeoutMs`. A probe that fails (refused, dropped,
 * shutting down) marks the database down at once; probes that only time out do so from the `slowProbes`-th in a row —
 * one slow answer on a busy machine is not an outage, a server that stopped answering is. While it is down, requests
 * that need the database are refused at once with 503 instead of waiting on a connection that will not come; the first
 * probe that succeeds again lets them through (the pool opens new connections by itself).
 */
export class DatabaseHealth {
  private up = true;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private slowInARow = 0;
  /** Milliseconds since the epoch of the last change between up and down. */
  changedAt = Date.now();

  constructor(
    private readonly database: Pick<Database, 'raw' | 'kind' | 'probe'>,
    private readonly opts: { intervalMs: number; timeoutMs: number; slowProbes?: number } = {
      intervalMs: 250,
      timeoutMs: 500,
      slowProbes: 2,
    },
  ) {}

  get isUp(): boolean {
    return this.up;
  }

  /** Starts probing (an embedded database cannot be stopped apart from the process, so it is not probed). */
  start(): this {
    if (this.timer || this.database.kind !== 'postgres') return this;
    this.timer = setInterval(() => void this.probe(), this.opts.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One probe; answers whether the database answered in time. */
  async probe(): Promise<boolean> {
    if (this.probing) return this.up;
    this.probing = true;
    let timeout: NodeJS.Timeout | undefined;
    const slow = new Error('probe timed out');
    try {
      await Promise.race([
        this.database.probe ? this.database.probe() : this.database.raw.query('SELECT 1'),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(slow), this.opts.timeoutMs);
        }),
      ]);
      this.slowInARow = 0;
      this.set(true);
    } catch (err) {
      this.slowInARow = err === slow ? this.slowInARow + 1 : 0;
      if (err !== slow || this.slowInARow >= (this.opts.slowProbes ?? 1)) this.set(false);
    } finally {
      clearTimeout(timeout);
      this.probing = false;
    }
    return this.up;
  }

  /** Marks the database down at once (a request met a connection error) until the next probe succeeds. */
  markDown(): void {
    if (this.database.kind === 'postgres') this.set(false);
  }

  private set(up: boolean): void {
    if (up !== this.up) this.changedAt = Date.now();
    this.up = up;
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '53300', // too_many_connections
]);

const CONNECTION_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection ended unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

/**
 * Whether an error means the database could not be reached (refused, dropped, shutting down, out of connections),
 * as opposed to a fault in the query: such errors answer 503 with Retry-After, never 500. Follows `cause` (the query
 * builder wraps the driver's error).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(message))) return true;
    // An AggregateError (IPv4 and IPv6 both refused).
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
