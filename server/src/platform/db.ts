import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Repositories take either the database or an open transaction as their first argument. */
export type DbOrTx = Db | Tx;

/** A raw SQL runner for migrations and tooling, the same on both engines. */
export type SqlRunner = {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` on one connection, so that BEGIN … COMMIT issued through it stay together. */
  session<T>(fn: (raw: SqlRunner) => Promise<T>): Promise<T>;
};

export type Database = {
  db: Db;
  raw: SqlRunner;
  kind: 'pglite' | 'postgres';
  /** How the job queue reaches the same database: the embedded client itself, or the server's URL. */
  jobsConnection: { db: { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } } | { connectionString: string };
  close(): Promise<void>;
  /**
   * Asks the server whether it answers (`SELECT 1`) on a connection of its own, outside the pool: a pool whose every
   * connection is busy with long reports is not a database that is down (platform/health.ts). Absent for PGlite.
   */
  probe?(): Promise<void>;
  /**
   * A read-only replica (DATABASE_READ_URL: a hot standby fed by streaming replication) for reads that may lag the
   * primary by a moment — the reports (platform/read-replica.ts). Absent: those reads go to this database.
   */
  reader?: Database;
};

/** Opens the embedded PostgreSQL (PGlite) in a folder, or in memory when `dir` is undefined. */
export async function openPglite(dir: string | undefined): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir ? join(dir) : 'memory://', { extensions: { ltree, pg_trgm, unaccent } });
  return {
    db: drizzlePglite(client) as unknown as Db,
    kind: 'pglite',
    jobsConnection: {
      db: {
        // The queue sends multi-statement scripts without parameters, which only exec() runs.
        executeSql: async (text, values) =>
          values?.length ? client.query(text, values) : ((await client.exec(text)).at(-1) ?? { rows: [] }),
      },
    },
    raw: {
      exec: async (sql) => {
        await client.exec(sql);
      },
      query: async <T>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows,
      session(fn) {
        return fn(this);
      },
    },
    close: () => client.close(),
  };
}

/** Connects to a PostgreSQL server (15 or newer). */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  // A connection (or a free place in the pool) that does not come within 5 s fails, and the request answers 503.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor one dropped while a request holds it (between two statements of a transaction): the request's next statement
  // fails instead, and answers 503 (platform/health.ts); without this listener the process would exit.
  pool.on('connect', (client) => client.on('error', () => undefined));
  await pool.query('select 1');
  // The health probe's own connection, opened again after any failure.
  let prober: pg.Client | null = null;
  const dropProber = () => {
    const c = prober;
    prober = null;
    c?.end().catch(() => undefined);
  };
  return {
    db: drizzleNodePg(pool) as unknown as Db,
    kind: 'postgres',
    probe: async () => {
      try {
        if (!prober) {
          // A query that hangs (a server gone silent) ends the connection after 2 s, so the next probe starts afresh.
          const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
          c.on('error', () => undefined);
          prober = c;
          await c.connect();
        }
        await prober.query('SELECT 1');
      } catch (err) {
        dropProber();
        throw err;
      }
    },
    jobsConnection: { connectionString: url },
    raw: {
      exec: async (sql) => {
        await pool.query(sql);
      },
      query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
      session: async (fn) => {
        const conn = await pool.connect();
        const one: SqlRunner = {
          exec: async (sql) => {
            await conn.query(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) => (await conn.query(sql, params)).rows as T[],
          session: (inner) => inner(one),
        };
        try {
          return await fn(one);
        } finally {
          conn.release();
        }
      },
    },
    close: async () => {
      dropProber();
      await pool.end();
    },
  };
}

/** Opens the database the settings name: PostgreSQL by URL, else PGlite in the data folder; and the replica if one is named. */
export async function openDatabase(cfg: {
  databaseUrl: string | undefined;
  dataDir: string;
  databaseReadUrl?: string | undefined;
}): Promise<Database> {
  if (!cfg.databaseUrl) return openPglite(join(cfg.dataDir, 'pglite'));
  const primary = await openPostgres(cfg.databaseUrl);
  if (!cfg.databaseReadUrl) return primary;
  let reader: Database;
  try {
    reader = await openReplica(cfg.databaseReadUrl);
  } catch (err) {
    await primary.close();
    throw err;
  }
  return {
    ...primary,
    reader,
    close: async () => {
      await Promise.all([primary.close(), reader.close()]);
    },
  };
}

/**
 * Connects to a read-only replica. Every session on it is read-only (`default_transaction_read_only`), so that a write
 * sent there by mistake fails instead of succeeding on a server that is no standby; the migrations never run on it.
 */
export async function openReplica(url: string, max = 10): Promise<Database> {
  const u = new URL(url);
  const options = [u.searchParams.get('options'), '-c default_transaction_read_only=on'].filter(Boolean).join(' ');
  u.searchParams.set('options', options);
  return openPostgres(u.toString(), max);
}

/** Runs a parameterised SQL query (drizzle `sql` template) and answers its rows, the same on both engines. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
