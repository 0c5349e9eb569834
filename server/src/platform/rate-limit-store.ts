import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { vnToday } from './time.ts';
import type { WindowCount, WindowCounters } from './window-counters.ts';

/**
 * The rate limits' store: the installation's counters (`deps.counters`, platform/window-counters.ts), the ones the tip
 * channel's flood guard counts with too, whichever RATE_LIMIT_STORE. With `database`, two servers behind a load balancer
 * give a source `max` requests per window in all, not `max` on each; with `memory`, one server counts alone, by its clock.
 *
 * `@fastify/rate-limit` builds a store with `new Store(options)` and one child per route with its own limit; the
 * child's counters are apart from the global ones (the route's method and path prefix the key). The routes' own limits
 * (sign-in, tips, receipts: a few to a few dozen an hour) are counted by `hitNow`: with `database`, in the database on
 * every request, exactly. The global limit (RATE_LIMIT a minute on every page and API call) is counted by `hit`: with
 * `database`, added to the database at most once a second per source, so that the database write is per source and
 * second, not per request. Each server holds a source to the limit by its own count plus the others' as last synced: a
 * source spreading its requests over several servers may pass the limit by what it sent to the other servers in the
 * last second.
 */
type Callback = (err: Error | null, result?: WindowCount) => void;
type RouteOptions = { routeInfo?: { method?: string | string[]; url?: string } };

export function countersRateLimitStore(counters: WindowCounters): FastifyRateLimitStoreCtor {
  const answer = (work: Promise<WindowCount>, cb: Callback) =>
    work.then(
      (c) => cb(null, c),
      (err: Error) => cb(err),
    );
  return class CountersRateLimitStore {
    readonly namespace: string;

    constructor(_options?: object, namespace = 'all') {
      this.namespace = namespace;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const bucket = `${this.namespace}|${key}`;
      answer(this.namespace === 'all' ? counters.hit(bucket, timeWindow) : counters.hitNow(bucket, timeWindow), cb);
    }

    /** The counter without counting (`{ increment: false }`). */
    read(key: string, cb: Callback): void {
      answer(counters.peek(`${this.namespace}|${key}`), cb);
    }

    child(routeOptions: object): CountersRateLimitStore {
      const info = (routeOptions as RouteOptions).routeInfo ?? {};
      const method = [info.method ?? ''].flat().join(',');
      return new CountersRateLimitStore(routeOptions, info.url ? `${method} ${info.url}` : 'custom');
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
