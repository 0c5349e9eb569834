import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseHealth, isDatabaseUnavailable } from './health.ts';
import { installErrorHandling } from './http.ts';
import { installOverloadProtection, isReservedRoute, type OverloadOptions } from './overload.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A database stub whose probe answers as `state.up` says. */
function fakeDatabase(state: { up: boolean }) {
  return {
    kind: 'postgres' as const,
    raw: {
      exec: async () => undefined,
      query: async <T>() => {
        if (!state.up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return [] as T[];
      },
      session: async <T>(fn: (r: never) => Promise<T>) => fn(undefined as never),
    },
  };
}

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A server whose handlers are slow on purpose, behind the load shedding. */
async function slowServer(opts: Partial<OverloadOptions> = {}, db = { up: true }) {
  app = Fastify({ logger: false });
  const health = new DatabaseHealth(fakeDatabase(db), { intervalMs: 50, timeoutMs: 100 });
  const state = installOverloadProtection(
    app,
    fakeDatabase(db),
    { maxConcurrent: 10, reservedForTips: 3, maxEventLoopDelayMs: 0, retryAfterSeconds: 7, ...opts },
    health,
  );
  installErrorHandling(app, async () => undefined);
  const slow = async () => {
    await sleep(1000);
    return { ok: true };
  };
  app.get('/api/v1/slow', slow);
  app.post('/api/v1/public/tips', slow);
  app.get('/to-giac', slow);
  app.get('/api/v1/fails', async () => {
    throw Object.assign(new Error('Connection terminated unexpectedly'), { cause: { code: '57P01' } });
  });
  app.get('/app/assets/x.js', async () => 'js');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { base, state, health };
}

describe('load shedding', () => {
  it('names the reserved routes: the public tip page and API only', () => {
    expect(isReservedRoute('/to-giac')).toBe(true);
    expect(isReservedRoute('/to-giac/theo-doi')).toBe(true);
    expect(isReservedRoute('/api/v1/public/tips/challenge')).toBe(true);
    expect(isReservedRoute('/to-giac-gia')).toBe(false);
    expect(isReservedRoute('/api/v1/tips')).toBe(false);
  });

  it('refuses at once with 503, Retry-After and a problem document beyond capacity, and keeps the tip share', async () => {
    const { base, state } = await slowServer();
    // 20 staff requests at once: 7 (10 − 3 reserved) are served, 13 are refused without waiting.
    const started = Date.now();
    const staff = Array.from({ length: 20 }, () =>
      fetch(`${base}/api/v1/slow`).then(async (r) => ({ status: r.status, at: Date.now() - started, r, body: await r.text() })),
    );
    await sleep(50);
    // Meanwhile residents' tips still get through, on the reserved places.
    const tips = await Promise.all([
      fetch(`${base}/api/v1/public/tips`, { method: 'POST' }),
      fetch(`${base}/to-giac`),
      fetch(`${base}/api/v1/public/tips`, { method: 'POST' }),
    ]);
    expect(tips.map((r) => r.status)).toEqual([200, 200, 200]);
    const results = await Promise.all(staff);
    const served = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 503);
    expect(served).toHaveLength(7);
    expect(refused).toHaveLength(13);
    // Shed, not queued: every refusal came back before the first served request (each takes a second).
    expect(Math.max(...refused.map((r) => r.at))).toBeLessThan(Math.min(...served.map((r) => r.at)));
    for (const r of refused) {
      expect(r.r.headers.get('retry-after')).toBe('7');
      expect(r.r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(r.body)).toMatchObject({ status: 503, code: 'unavailable' });
    }
    expect(state.shed.capacity).toBe(13);
    await sleep(50);
    expect(state.inFlight).toBe(0);
    // Capacity comes back as soon as the slow ones are done.
    expect((await fetch(`${base}/api/v1/slow`)).status).toBe(200);
  });

  it('a tip is refused only when the whole capacity is taken', async () => {
    const { base } = await slowServer({ maxConcurrent: 4, reservedForTips: 2 });
    const tips = await Promise.all(Array.from({ length: 6 }, () => fetch(`${base}/api/v1/public/tips`, { method: 'POST' })));
    expect(tips.filter((r) => r.status === 200)).toHaveLength(4);
    expect(tips.filter((r) => r.status === 503)).toHaveLength(2);
  });

  it('refuses staff requests while the event loop lags, but not tips', async () => {
    const { base, state } = await slowServer({ maxEventLoopDelayMs: 50 });
    // One stall is not overload: requests still pass.
    const stall = (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        // a busy loop in the server's own process: the event loop cannot turn
      }
    };
    stall(400);
    await sleep(10);
    expect((await fetch(`${base}/api/v1/slow`)).status).toBe(200);
    // A loop late at every turn is.
    for (let i = 0; i < 5; i++) {
      stall(250);
      await new Promise((r) => setImmediate(r));
    }
    await sleep(5);
    expect(state.eventLoopDelayMs).toBeGreaterThan(50);
    const staff = await fetch(`${base}/api/v1/slow`);
    expect(staff.status).toBe(503);
    expect(staff.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${base}/to-giac`)).status).toBe(200);
    expect(state.shed.eventLoop).toBe(1);
  });

  it('while the database does not answer, refuses within the second and lets the built files through; recovers by itself', async () => {
    const db = { up: true };
    const { base, state, health } = await slowServer({}, db);
    db.up = false;
    await sleep(150);
    expect(health.isUp).toBe(false);
    const t0 = Date.now();
    const res = await fetch(`${base}/api/v1/slow`);
    expect(res.status).toBe(503);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(res.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${base}/app/assets/x.js`)).status).toBe(200);
    expect(state.shed.database).toBe(1);
    db.up = true;
    await sleep(150);
    expect((await fetch(`${base}/api/v1/slow`)).status).toBe(200);
  });

  it('a request that meets a dropped connection answers 503 with Retry-After, not 500, and marks the database down', async () => {
    const { base, health } = await slowServer({}, { up: true });
    health.stop(); // no probe: the request itself must mark it
    const res = await fetch(`${base}/api/v1/fails`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(health.isUp).toBe(false);
  });
});

describe('shutdown', () => {
  it('counts a handler whose caller went away until it ends, and drains it after the server closed', async () => {
    const { base, state } = await slowServer();
    const caller = new AbortController();
    const answered = fetch(`${base}/api/v1/slow`, { signal: caller.signal }).catch(() => 'gone');
    await sleep(100);
    expect(state.running).toBe(1);
    caller.abort();
    expect(await answered).toBe('gone');
    await app?.close();
    app = null;
    // The server is closed, the handler still runs (it answers after 1 s): the database must not close under it yet.
    expect(state.running).toBe(1);
    const t0 = Date.now();
    await state.drain(5_000);
    expect(state.running).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises refused, dropped and shutting-down connections, through causes, and nothing else', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: Object.assign(new Error('y'), { code: '57P01' }) }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('syntax error'))).toBe(false);
  });
});

describe('DatabaseHealth', () => {
  /** A database whose probe takes `state.ms` to answer, or fails at once when `state.refused`. */
  const probed = (state: { ms: number; refused?: boolean; calls: number }) => ({
    kind: 'postgres' as const,
    raw: fakeDatabase({ up: true }).raw,
    probe: async () => {
      state.calls++;
      if (state.refused) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      await sleep(state.ms);
    },
  });

  it('probes on its own connection; one slow answer is not an outage, two in a row are; a refusal is one at once', async () => {
    const state = { ms: 0, calls: 0 } as { ms: number; refused?: boolean; calls: number };
    const health = new DatabaseHealth(probed(state), { intervalMs: 1000, timeoutMs: 30, slowProbes: 2 });
    expect(await health.probe()).toBe(true);
    expect(state.calls).toBe(1);
    state.ms = 60;
    expect(await health.probe()).toBe(true);
    expect(await health.probe()).toBe(false);
    state.ms = 0;
    expect(await health.probe()).toBe(true);
    state.refused = true;
    expect(await health.probe()).toBe(false);
  });
});
