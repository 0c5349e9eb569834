// The baselines the application is measured against, in the same run: a bare Fastify + zod + pg (or PGlite) server
// with one insert route (single-row INSERT … RETURNING) and one list route (the officer list page's SELECT, nothing
// else: no session, no scope check, no transaction, no audit). A second list route runs the same statements as the
// application's page (PostgreSQL only): it reads a session and its account, opens the transaction, sets the role and
// scope for row-level security, runs the SELECT and commits — the floor of that design, without the framework.
// Started by bench/run.mjs.
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';
import { z } from 'zod';
import { LIST_SQL } from './lib/list-sql.mjs';

const port = Number(process.env.PORT);
const url = process.env.BASELINE_DATABASE_URL;

let query;
let pool;
if (url) {
  pool = new pg.Pool({ connectionString: url, max: 10 });
  query = async (text, params) => (await pool.query(text, params)).rows;
} else {
  const db = await PGlite.create(process.env.BASELINE_PGLITE_DIR);
  query = async (text, params) => (await db.query(text, params)).rows;
}
await query(`CREATE TABLE IF NOT EXISTS bench_insert (
  id bigserial PRIMARY KEY, ward_code text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);

const insertBody = z.strictObject({ wardCode: z.string().max(60), what: z.string().min(1).max(5000) });

const app = Fastify({ logger: false });
app.get('/', async () => ({ ok: true }));
app.post('/insert', async (req, reply) => {
  const b = insertBody.parse(req.body);
  const [row] = await query('INSERT INTO bench_insert (ward_code, body) VALUES ($1, $2) RETURNING id', [b.wardCode, b.what]);
  return reply.status(201).send({ id: String(row.id) });
});

// The SELECT the cases list runs for a ward officer (bench/lib/list-sql.mjs), taking the ward as the application's
// scope does.
const listQuery = z.object({ ward: z.uuid() });
app.get('/list', async (req) => {
  const { ward } = listQuery.parse(req.query);
  const rows = await query(LIST_SQL, [ward]);
  return { items: rows.slice(0, 50) };
});

// The application's five statements for one page (auth.repository findSessionWithUser, access.ts withActor).
const SESSION_SQL = `SELECT s.id, s.stage, s.last_seen_at, s.expires_at, u.id, u.username, u.role, u.unit_id, u.ward_id,
    u.locale, u.disabled_at FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = $1 LIMIT 1`;
const SCOPE_SQL = `SELECT set_config('role', 'binh_an_app', true), set_config('app.all_wards', 'off', true),
    set_config('app.ward_ids', $1, true), set_config('app.user_id', $2, true)`;
const scopedQuery = z.object({ ward: z.uuid(), session: z.string().max(100), user: z.uuid() });
app.get('/list-scoped', async (req) => {
  const { ward, session, user } = scopedQuery.parse(req.query);
  await pool.query(SESSION_SQL, [session]);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(SCOPE_SQL, [`{${ward}}`, user]);
    const { rows } = await client.query(LIST_SQL, [ward]);
    await client.query('COMMIT');
    return { items: rows.slice(0, 50) };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
});

await app.listen({ port, host: '127.0.0.1' });
