import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from './db.ts';
import { DatabaseHealth, isDatabaseUnavailable } from './health.ts';
import { sendProblem } from './http.ts';

export type OverloadOptions = {
  /** Requests in progress at once, all routes together; beyond it new requests are refused with 503. */
  maxConcurrent: number;
  /** Of those, the places only the public tip routes may take: residents can still send a tip when staff traffic peaks. */
  reservedForTips: number;
  /** Event-loop delay (ms, see below) beyond which requests other than tips are refused; 0: off. */
  maxEventLoopDelayMs: number;
  /** Seconds a refused caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
};

/** The routes that keep reserved capacity: the public tip page and the public tip API. */
export function isReservedRoute(url: string): boolean {
  return /^\/to-giac(\/|\?|$)/.test(url) || /^\/api\/v1\/public\/tips(\/|\?|$)/.test(url);
}

/** Routes that answer without the database (the staff app's built files), let through while it is down. */
function needsDatabase(url: string): boolean {
  return !url.startsWith('/app/assets/') && !/^\/app\/(sw\.js|manifest\.webmanifest|favicon\.svg|icon-\d+\.png)(\?|$)/.test(url);
}

export type OverloadState = {
  readonly inFlight: number;
  readonly reservedInFlight: number;
  readonly eventLoopDelayMs: number;
  readonly health: DatabaseHealth;
  /** Requests refused since the start, by reason. */
  readonly shed: { capacity: number; eventLoop: number; database: number };
  /** Route handlers running now, whether or not their caller is still there. */
  readonly running: number;
  /** Resolves once no handler runs (or after `timeoutMs`): at shutdown, before the database is closed under them. */
  drain(timeoutMs: number): Promise<void>;
};

/**
 * Sheds load before it queues: a request beyond capacity is answered at once with 503, Retry-After and a problem
 * document, instead of waiting behind the others until every caller times out. Capacity is counted in requests in
 * progress, with a share that only the public tip routes may use, and in event-loop delay. While the database does not
 * answer its probe, requests that need it are refused the same way, and any request that met a connection error
 * answers 503 (mapped in http.ts) and marks the database down until the next probe succeeds.
 * Must be installed before every other request hook, so that a refused request costs no database work.
 */
export function installOverloadProtection(
  app: FastifyInstance,
  database: Pick<Database, 'raw' | 'kind'>,
  opts: OverloadOptions,
  health: DatabaseHealth = new DatabaseHealth(database),
): OverloadState {
  const reserved = Math.min(Math.max(0, opts.reservedForTips), opts.maxConcurrent - 1);
  const othersMax = opts.maxConcurrent - reserved;
  let inFlight = 0;
  let reservedInFlight = 0;
  const shed = { capacity: 0, eventLoop: 0, database: 0 };

  // The event loop's delay, measured as under-pressure does: a timer every 100 ms, and how late it fires. Only a
  // sustained delay counts (the smallest of the last three ticks): one long stall (a start-up, one big document) is
  // not overload, a loop late at every turn is.
  let eventLoopDelayMs = 0;
  let sampler: NodeJS.Timeout | null = null;
  if (opts.maxEventLoopDelayMs > 0) {
    let last = performance.now();
    const recent = [0, 0, 0];
    sampler = setInterval(() => {
      const now = performance.now();
      recent.shift();
      recent.push(Math.max(0, now - last - 100));
      eventLoopDelayMs = Math.min(...recent);
      last = now;
    }, 100);
    sampler.unref();
  }
  health.start();

  // Handlers still running: a caller that goes away does not stop its handler, and the server's close does not wait
  // for it (only for open connections); the shutdown drains them before closing the database.
  let running = 0;
  // A handler that answers synchronously or by callback (the static files) keeps its way of answering: only a
  // promise it returns is waited for.
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, req, reply) {
      running++;
      let result: unknown;
      try {
        result = handler.call(this, req, reply);
      } catch (err) {
        running--;
        throw err;
      }
      if (result instanceof Promise) return result.finally(() => running--);
      running--;
      return result;
    };
  });

  const refuse = (req: FastifyRequest, reply: import('fastify').FastifyReply, reason: keyof typeof shed) => {
    shed[reason]++;
    reply.header('Retry-After', String(opts.retryAfterSeconds));
    reply.header('Connection', 'close');
    return sendProblem(req, reply, 'unavailable');
  };

  app.addHook('onRequest', (req, reply, done) => {
    const url = req.url;
    const tip = isReservedRoute(url);
    if (inFlight >= opts.maxConcurrent || (!tip && inFlight - reservedInFlight >= othersMax)) {
      refuse(req, reply, 'capacity');
      return;
    }
    if (!tip && sampler && eventLoopDelayMs > opts.maxEventLoopDelayMs) {
      refuse(req, reply, 'eventLoop');
      return;
    }
    if (!health.isUp && needsDatabase(url)) {
      refuse(req, reply, 'database');
      return;
    }
    inFlight++;
    if (tip) reservedInFlight++;
    // 'close' fires once the answer is sent or the caller went away, whichever comes first.
    reply.raw.once('close', () => {
      inFlight--;
      if (tip) reservedInFlight--;
    });
    done();
  });

  app.addHook('onError', async (_req, _reply, error) => {
    if (isDatabaseUnavailable(error)) health.markDown();
  });

  // Every 503, whatever answered it, tells the caller when to come back.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.statusCode === 503 && !reply.hasHeader('Retry-After')) reply.header('Retry-After', String(opts.retryAfterSeconds));
    return payload;
  });

  app.addHook('onClose', async () => {
    health.stop();
    if (sampler) clearInterval(sampler);
  });

  return {
    get inFlight() {
      return inFlight;
    },
    get reservedInFlight() {
      return reservedInFlight;
    },
    get eventLoopDelayMs() {
      return eventLoopDelayMs;
    },
    health,
    shed,
    get running() {
      return running;
    },
    async drain(timeoutMs: number) {
      const until = Date.now() + timeoutMs;
      while (running > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
