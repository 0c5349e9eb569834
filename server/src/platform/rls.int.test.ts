import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { loadDemo } from '../modules/demo/index.ts';
import { type Actor, withActor } from './access.ts';
import { type Database, queryRows } from './db.ts';
import { isRlsViolation } from './pg-errors.ts';

/** Row-level security is the second wall: with the application role, ward A's session cannot touch ward B's rows. */
let database: Database;
let wardA: string;
let wardB: string;
let blockB: string;

const actorOf = (wardId: string): Actor => ({
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'test',
  role: 'officer',
  unitId: wardId,
  unitType: 'ward',
  wardId,
  wardIds: [wardId],
  unitIds: null,
  locale: 'vi',
  via: 'session',
});

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemo(database.db, Buffer.alloc(32, 1));
  const rows = await queryRows<{ id: string; code: string; ward_id: string }>(database.db, sql`SELECT id, code, ward_id FROM units`);
  wardA = rows.find((r) => r.code === 'thanh-vinh')?.id as string;
  wardB = rows.find((r) => r.code === 'truong-vinh')?.id as string;
  blockB = rows.find((r) => r.code === 'khoi-1')?.id as string;
});
afterAll(() => database.close());

async function expectDenied(fn: () => Promise<unknown>): Promise<void> {
  let error: unknown;
  try {
    await fn();
  } catch (err) {
    error = err;
  }
  expect(isRlsViolation(error), String(error)).toBe(true);
}

describe('row-level security with the application role', () => {
  it('hides ward B rows from a ward A session, on every table', async () => {
    await withActor(database.db, actorOf(wardA), async (tx) => {
      const units = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM units WHERE ward_id = ${wardB}`);
      expect(units[0]?.n).toBe(0);
      const users = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM users WHERE ward_id = ${wardB}`);
      expect(users[0]?.n).toBe(0);
      const own = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM units WHERE ward_id = ${wardA}`);
      expect(own[0]?.n).toBeGreaterThan(0);
    });
  });

  it('lets a ward A session neither change nor create ward B rows', async () => {
    await withActor(database.db, actorOf(wardA), async (tx) => {
      const updated = await queryRows(tx, sql`UPDATE units SET note = 'x' WHERE id = ${blockB} RETURNING id`);
      expect(updated).toHaveLength(0);
      const deleted = await queryRows(tx, sql`DELETE FROM unit_predecessors WHERE unit_id = ${blockB} RETURNING unit_id`);
      expect(deleted).toHaveLength(0);
    });
    await expectDenied(() =>
      withActor(database.db, actorOf(wardA), (tx) =>
        tx.execute(sql`INSERT INTO units (parent_id, code, name, type, path) VALUES (${wardB}, 'chen', 'Chèn', 'block', '')`),
      ),
    );
    // Moving one of A's accounts into ward B is refused too (WITH CHECK).
    await expectDenied(() =>
      withActor(database.db, actorOf(wardA), (tx) => tx.execute(sql`UPDATE users SET ward_id = ${wardB} WHERE ward_id = ${wardA}`)),
    );
    const [row] = await queryRows<{ note: string | null }>(database.db, sql`SELECT note FROM units WHERE id = ${blockB}`);
    expect(row?.note).not.toBe('x');
  });

  it('fails closed: with no ward set, the application role sees nothing', async () => {
    const n = await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE binh_an_app`);
      return queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM units`);
    });
    expect(n[0]?.n).toBe(0);
  });

  it('keeps the audit log append-only for the application role, which cannot place an entry in the chain either', async () => {
    for (const statement of [
      sql`UPDATE audit_log SET action = 'x'`,
      sql`DELETE FROM audit_log`,
      sql`TRUNCATE audit_log`,
      sql`INSERT INTO audit_log (at, action, outcome, chain_pos, prev_hash, hash) VALUES (now(), 'x', 'ok', 99, 'a', 'b')`,
    ]) {
      await expectDenied(() => withActor(database.db, actorOf(wardA), (tx) => tx.execute(statement)));
    }
  });

  it('gives the application role no access to session secrets of other wards', async () => {
    await withActor(database.db, actorOf(wardA), async (tx) => {
      const rows = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)`,
      );
      expect(rows[0]?.n).toBe(0);
    });
  });

  it('leaves no scope behind on a pooled connection (security.md G15)', async () => {
    for (let i = 0; i < 6; i++) {
      await withActor(database.db, actorOf(i % 2 ? wardA : wardB), (tx) => queryRows(tx, sql`SELECT 1`));
      await withActor(database.db, actorOf(wardA), async () => {
        throw new Error('fails mid-transaction');
      }).catch(() => undefined);
    }
    for (let i = 0; i < 6; i++) {
      const [row] = await queryRows<{ wards: string | null; who: string }>(
        database.db,
        sql`SELECT current_setting('app.ward_ids', true) AS wards, current_user AS who`,
      );
      expect(row?.wards ?? '').toBe('');
      expect(row?.who).not.toBe('binh_an_app');
    }
  });

  it('reads the scope once per statement: every policy calls the scope functions through (SELECT …)', async () => {
    // A bare call is inlined and evaluated for every row, and the planner cannot estimate it (T2800_rls_scope_once).
    const policies = await queryRows<{ name: string; qual: string | null; check: string | null }>(
      database.db,
      sql`SELECT tablename || '.' || policyname AS name, qual, with_check AS check FROM pg_policies WHERE schemaname = current_schema()`,
    );
    const scoped = policies.filter((p) => /app_(all_wards|ward_ids|user_id)\(\)/.test(`${p.qual} ${p.check}`));
    expect(scoped.length).toBeGreaterThan(40);
    const bare = scoped.filter((p) => /(?<!SELECT )app_(all_wards|ward_ids|user_id)\(\)/.test(`${p.qual} ${p.check}`));
    expect(bare.map((p) => p.name)).toEqual([]);
    // So do the functions that count rows of the caller's scope as the owner (the tips' counts).
    const functions = await queryRows<{ name: string; body: string }>(
      database.db,
      sql`SELECT p.proname AS name, p.prosrc AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = current_schema() AND p.prosrc ~ 'app_(all_wards|ward_ids|user_id)'
            AND p.proname NOT IN ('app_all_wards', 'app_ward_ids', 'app_user_id')`,
    );
    expect(functions.length).toBeGreaterThanOrEqual(4);
    expect(functions.filter((f) => /(?<!SELECT )app_(all_wards|ward_ids|user_id)\(\)/.test(f.body)).map((f) => f.name)).toEqual([]);
  });
});
