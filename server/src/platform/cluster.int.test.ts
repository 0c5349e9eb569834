import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../test/app.ts';
import { buildApp } from '../app.ts';
import { auditLog } from './audit/audit.table.ts';
import { recordAudit } from './audit/audit.ts';
import { ConfigError, loadConfig } from './config.ts';
import { queryRows } from './db.ts';
import type { Deps } from './deps.ts';
import { replicaDeps, replicaRouted } from './read-replica.ts';
import { sourceKey } from './source-key.ts';
import { DatabaseCounters, MemoryCounters } from './window-counters.ts';

/**
 * Two servers on one database (two apps in this process on the same database handle: the embedded database admits one
 * process, and PostgreSQL is the same to both), each with its own counters as two processes would have: sessions, rate
 * limits and Idempotency-Keys hold across them. The real thing — two processes, nginx, a streaming replica — is
 * `npm run drill -- cluster` (docs/operations.md).
 */
let t: TestApp;
let a: FastifyInstance;
let b: FastifyInstance;
const LOGIN_LIMIT = 4;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_STORE: 'database', LOGIN_RATE_LIMIT: String(LOGIN_LIMIT) });
  a = t.app;
  b = await buildApp({ ...t.deps, counters: new DatabaseCounters(t.deps.database.db) }, { logger: false });
  await b.ready();
});
afterAll(async () => {
  await b.close();
  await t.close();
});

const badLogin = (app: FastifyInstance, remoteAddress: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: CSRF,
    payload: { username: 'khongco', password: 'sai mat khau' },
  });

describe('two servers on one database', () => {
  it('a session made on one server is good on the other, and a logout on the other ends it on both', async () => {
    const cookie = await t.signIn('truongkhoi');
    const me = await b.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'truongkhoi' });
    expect((await b.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...CSRF, cookie } })).statusCode).toBe(204);
    expect((await a.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('counts a rate limit across both servers: the limit is for the installation, not for each server', async () => {
    const source = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) statuses.push((await badLogin(i % 2 === 0 ? a : b, source)).statusCode);
    expect(statuses.slice(0, LOGIN_LIMIT).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(LOGIN_LIMIT)).toEqual([429, 429]);
    const refused = await badLogin(b, source);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another source is counted apart; the table holds no address.
    expect((await badLogin(a, '203.0.113.8')).statusCode).not.toBe(429);
    const rows = await queryRows<{ bucket: string }>(t.deps.database.db, sql`SELECT bucket FROM rate_limit_hits`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.bucket.includes('203.0.113'))).toBe(false);
  });

  it('with counters in memory, each server would have its own (what RATE_LIMIT_STORE=database is for)', async () => {
    // Each server process holds its own counters in memory: the rate limits count there, as the tip flood guard does.
    const inMemory = (): Deps => ({
      ...t.deps,
      cfg: { ...t.deps.cfg, rateLimitStore: 'memory' },
      counters: new MemoryCounters(() => t.clock.ms),
    });
    const [d1, d2] = [inMemory(), inMemory()];
    const [m1, m2] = [await buildApp(d1, { logger: false }), await buildApp(d2, { logger: false })];
    try {
      for (let i = 0; i < LOGIN_LIMIT; i++) await badLogin(m1, '198.51.100.1');
      expect((await badLogin(m1, '198.51.100.1')).statusCode).toBe(429);
      expect((await d1.counters.peek(`POST /api/v1/auth/login|${sourceKey('198.51.100.1')}`)).current).toBe(LOGIN_LIMIT + 1);
      expect((await badLogin(m2, '198.51.100.1')).statusCode).not.toBe(429);
      expect((await d2.counters.peek(`POST /api/v1/auth/login|${sourceKey('198.51.100.1')}`)).current).toBe(1);
      // And each reports to its own log what must not fail a request (a received tip that could not be counted).
      expect([d1.log, d2.log]).toEqual([m1.log, m2.log]);
      // The window is the server's clock: a minute later the source may try again.
      t.clock.advance(60_000);
      expect((await badLogin(m1, '198.51.100.1')).statusCode).not.toBe(429);
    } finally {
      await m1.close();
      await m2.close();
    }
  });

  it('replays an Idempotency-Key sent to the other server: the same answer, one record', async () => {
    const token = `Bearer ${await t.tokenFor('tobaove')}`;
    const [team] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`SELECT id FROM patrol_teams WHERE name = 'Tổ tuần tra nhân dân khối Trung Mỹ' AND closed_on IS NULL`,
    );
    const start = new Date(t.clock.ms - 30 * 3_600_000);
    const note = `hai máy chủ ${randomUUID()}`;
    const body = {
      teamId: team?.id,
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      participants: [{ name: 'Người dân tham gia', kind: 'civilian' }],
      note,
    };
    const headers = { ...CSRF, authorization: token, 'idempotency-key': randomUUID() };
    const [first, second] = await Promise.all([
      a.inject({ method: 'POST', url: '/api/v1/patrols/rounds', headers, payload: body }),
      b.inject({ method: 'POST', url: '/api/v1/patrols/rounds', headers, payload: body }),
    ]);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toEqual(first.json());
    const again = await b.inject({ method: 'POST', url: '/api/v1/patrols/rounds', headers, payload: body });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const [n] = await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM patrol_rounds WHERE note = ${note}`);
    expect(n?.n).toBe(1);
  });
});

describe('reads routed to a replica', () => {
  it('without DATABASE_READ_URL the reports read from the primary (the same dependencies)', () => {
    expect(replicaDeps(t.deps)).toBe(t.deps);
  });

  it('answers a report read from the reader in a read-only transaction and writes its audit entry to the primary', async () => {
    const routed = replicaRouted(t.deps.database, t.deps.database);
    const countAudit = async () =>
      (await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.replica'`))[0]
        ?.n;
    const seen = await routed.db.transaction(async (tx) => {
      const [ro] = await queryRows<{ ro: string }>(tx, sql`SELECT current_setting('transaction_read_only') AS ro`);
      await recordAudit(tx, { action: 'test.replica', detail: { n: 1 } });
      await recordAudit(tx, { action: 'test.replica', detail: { n: 2 } });
      // Inside the read, the entry is kept aside (an insert there would fail: the transaction is read-only).
      const [n] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.replica'`);
      return { ro: ro?.ro, n: n?.n };
    });
    expect(seen).toEqual({ ro: 'on', n: 0 });
    expect(await countAudit()).toBe(2);
    // A failed read writes no entry; any other write in a read is refused.
    await expect(
      routed.db.transaction(async (tx) => {
        await recordAudit(tx, { action: 'test.replica', detail: { n: 3 } });
        throw new Error('read failed');
      }),
    ).rejects.toThrow('read failed');
    expect(await countAudit()).toBe(2);
    await expect(routed.db.transaction(async (tx) => tx.update(auditLog).set({ action: 'x' }))).rejects.toMatchObject({ code: 'internal' });
    await expect(
      routed.db.transaction(async (tx) => tx.insert(auditLog).values({ at: new Date(), action: 'x', outcome: 'ok', detail: {} })),
    ).rejects.toMatchObject({
      code: 'internal',
    });
    // By SQL text, the read-only transaction refuses it (25006: read_only_sql_transaction).
    await expect(routed.db.transaction(async (tx) => tx.execute(sql`UPDATE audit_log SET action = 'x' WHERE false`))).rejects.toMatchObject(
      {
        cause: { code: '25006' },
      },
    );
    expect(await countAudit()).toBe(2);
  });

  it('serves the dashboard through the routed database: same figures, the read audited once', async () => {
    const reader = { ...t.deps.database, reader: undefined };
    const deps: Deps = { ...t.deps, database: { ...t.deps.database, reader } };
    const routedApp = await buildApp(deps, { logger: false });
    try {
      const auth = { authorization: `Bearer ${await t.tokenFor('truongcongan')}` };
      const url = '/api/v1/reports/dashboard?unit=le-mao&from=2020-01-01&to=2020-06-30';
      const before = await queryRows<{ n: number }>(
        t.deps.database.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.dashboard'`,
      );
      const viaReplica = await routedApp.inject({ method: 'GET', url, headers: auth });
      expect(viaReplica.statusCode, viaReplica.body).toBe(200);
      const after = await queryRows<{ n: number }>(
        t.deps.database.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.dashboard'`,
      );
      expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(1);
      const direct = await a.inject({ method: 'GET', url, headers: auth });
      expect(viaReplica.json()).toEqual(direct.json());
    } finally {
      await routedApp.close();
    }
  });
});

describe('settings', () => {
  it('counts rate limits in the database by default on PostgreSQL, in memory on the embedded database', () => {
    const pgUrl = 'postgres://u@db/binh_an';
    expect(loadConfig({ DATABASE_URL: pgUrl }).rateLimitStore).toBe('database');
    expect(loadConfig({}).rateLimitStore).toBe('memory');
    expect(loadConfig({ DATABASE_URL: pgUrl, RATE_LIMIT_STORE: 'memory' }).rateLimitStore).toBe('memory');
    expect(() => loadConfig({ RATE_LIMIT_STORE: 'redis' })).toThrow(ConfigError);
  });

  it('takes a read replica only beside a PostgreSQL primary, and only as a postgres:// URL', () => {
    const read = 'postgres://u@standby/binh_an';
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/binh_an', DATABASE_READ_URL: read }).databaseReadUrl).toBe(read);
    expect(loadConfig({ DATABASE_READ_URL: read }).databaseReadUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/binh_an', DATABASE_READ_URL: 'mysql://x' })).toThrow(/DATABASE_READ_URL/);
  });
});
