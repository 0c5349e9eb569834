import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { chainPendingAudit, verifyAuditChain } from '../platform/audit/audit.ts';
import type { Db, SqlRunner } from '../platform/db.ts';
import { openPostgres } from '../platform/db.ts';
import { BackupFileError, type BackupManifest, BackupWriter, FRAME, fileFrame, parseFileFrame, readBackup } from './backup-file.ts';
import { postgresBin } from './pg-cluster.ts';

type Query = Pick<SqlRunner, 'query'>;

const EXTENSIONS = { ltree, pg_trgm, unaccent };

/** Rows per table of every schema the application owns, in the caller's transaction (a snapshot). */
export async function countRows(q: Query): Promise<Record<string, number>> {
  const tables = await q.query<{ schemaname: string; tablename: string }>(
    `SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const [row] = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${ident(t.schemaname)}.${ident(t.tablename)}`);
    counts[`${t.schemaname}.${t.tablename}`] = Number(row?.n ?? 0);
  }
  return counts;
}

async function auditHead(q: Query): Promise<BackupManifest['audit']> {
  const [row] = await q.query<{ n: string | number; seq: string | number | null; hash: string | null }>(
    'SELECT (SELECT count(*) FROM audit_log) AS n, seq, hash FROM (SELECT 1) one LEFT JOIN audit_head() ON true',
  );
  return { count: Number(row?.n ?? 0), headSeq: row?.seq == null ? null : Number(row.seq), headHash: row?.hash ?? null };
}

/** The stored files (already sealed) under DATA_DIR/files, as paths relative to it; none when they live in a bucket (null). */
function listStoredFiles(filesDir: string | null): string[] {
  if (!filesDir || !existsSync(filesDir)) return [];
  const out: string[] = [];
  for (const folder of readdirSync(filesDir).sort()) {
    if (!/^[A-Za-z0-9_-]{2}$/.test(folder)) continue;
    for (const name of readdirSync(join(filesDir, folder)).sort()) if (/^[A-Za-z0-9_-]{1,64}$/.test(name)) out.push(`${folder}/${name}`);
  }
  return out;
}

function pgProgram(name: 'pg_dump' | 'pg_restore'): string {
  const bin = postgresBin();
  return bin ? join(bin, name) : name;
}

/** Waits for a child process; rejects with its standard error when it fails. */
function finished(child: ReturnType<typeof spawn>, what: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (${code}): ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

export type BackupResult = { file: string; bytes: number; manifest: BackupManifest };

/**
 * Backs up a PostgreSQL database: a repeatable-read snapshot is exported, the rows are counted and the audit head read
 * in it, and pg_dump (custom format) dumps the same snapshot into the encrypted stream; then the stored files.
 * The server may keep running.
 */
export async function backupPostgres(opts: {
  url: string;
  /** Null when the files live in an S3-compatible bucket (`objects`): they are not copied. */
  filesDir: string | null;
  objects?: string;
  out: string;
  key: Uint8Array;
}): Promise<BackupResult> {
  const database = await openPostgres(opts.url, 2);
  const writer = await BackupWriter.open(opts.out, opts.key);
  try {
    // Link what is waiting, so that the snapshot's chain head is as recent as can be (entries still open stay pending).
    while ((await chainPendingAudit(database.db)) > 0) {}
    const manifest = await database.raw.session(async (conn) => {
      await conn.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const [snap] = await conn.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
        const counts = await countRows(conn);
        const audit = await auditHead(conn);
        const files = listStoredFiles(opts.filesDir);
        const manifest: BackupManifest = {
          format: 1,
          engine: 'postgres',
          createdAt: new Date().toISOString(),
          counts,
          audit,
          files: files.length,
          ...(opts.objects ? { objects: opts.objects } : {}),
        };
        writer.frame(FRAME.manifest, Buffer.from(JSON.stringify(manifest)));
        const dump = spawn(pgProgram('pg_dump'), ['--format=custom', `--snapshot=${snap?.id}`, '--no-owner', `--dbname=${opts.url}`], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const done = finished(dump, 'pg_dump');
        for await (const chunk of dump.stdout as AsyncIterable<Buffer>) writer.frame(FRAME.database, chunk);
        await done;
        for (const rel of files) writer.frame(FRAME.file, fileFrame(rel, readFileSync(join(opts.filesDir as string, rel))));
        return manifest;
      } finally {
        await conn.exec('COMMIT');
      }
    });
    const file = writer.finish();
    return { file, bytes: writer.bytes, manifest };
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    await database.close();
  }
}

/** Backs up the embedded database (its data folder as a tarball, which PGlite writes) and the stored files. The server must be stopped. */
export async function backupPglite(opts: { dataDir: string; objects?: string; out: string; key: Uint8Array }): Promise<BackupResult> {
  const dir = join(opts.dataDir, 'pglite');
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new Error(`No embedded database in ${dir}.`);
  const client = await PGlite.create(dir, { extensions: EXTENSIONS });
  const writer = await BackupWriter.open(opts.out, opts.key);
  try {
    const q: Query = { query: async <T>(s: string, p: unknown[] = []) => (await client.query<T>(s, p)).rows };
    const files = listStoredFiles(opts.objects ? null : join(opts.dataDir, 'files'));
    const manifest: BackupManifest = {
      format: 1,
      engine: 'pglite',
      createdAt: new Date().toISOString(),
      counts: await countRows(q),
      audit: await auditHead(q),
      files: files.length,
      ...(opts.objects ? { objects: opts.objects } : {}),
    };
    writer.frame(FRAME.manifest, Buffer.from(JSON.stringify(manifest)));
    const tarball = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    for (let off = 0; off < tarball.length; off += 1 << 20) writer.frame(FRAME.database, tarball.subarray(off, off + (1 << 20)));
    tarball.fill(0);
    for (const rel of files) writer.frame(FRAME.file, fileFrame(rel, readFileSync(join(opts.dataDir, 'files', rel))));
    const file = writer.finish();
    return { file, bytes: writer.bytes, manifest };
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    await client.close();
  }
}

export type RestoreResult = {
  manifest: BackupManifest;
  counts: Record<string, number>;
  /** Tables whose row count differs from the backup's. */
  mismatches: string[];
  audit: { ok: boolean; count: number; headHash: string | null; matches: boolean };
  files: number;
};

async function readManifest(frames: AsyncGenerator<{ type: number; payload: Buffer }>): Promise<BackupManifest> {
  const first = await frames.next();
  if (first.done || first.value.type !== FRAME.manifest) throw new BackupFileError('The backup has no manifest.');
  return JSON.parse(first.value.payload.toString('utf8')) as BackupManifest;
}

function writeStoredFile(filesDir: string, payload: Buffer): void {
  const { relPath, bytes } = parseFileFrame(payload);
  mkdirSync(join(filesDir, relPath.slice(0, 2)), { recursive: true });
  writeFileSync(join(filesDir, relPath), bytes, { mode: 0o600, flag: 'wx' });
}

async function compare(manifest: BackupManifest, q: Query, db: Db): Promise<Omit<RestoreResult, 'manifest' | 'files'>> {
  const counts = await countRows(q);
  const names = new Set([...Object.keys(manifest.counts), ...Object.keys(counts)]);
  // The job queue's own bookkeeping may move while the dump runs; the application's tables may not.
  const mismatches = [...names].filter((n) => !n.startsWith('pgboss.') && manifest.counts[n] !== counts[n]).sort();
  // The restored chain as it was: entries that were waiting for their place at the backup stay so (they are counted).
  const verified = await verifyAuditChain(db, { chainFirst: false });
  const headHash = verified.ok && verified.count > 0 ? verified.headHash : null;
  return {
    counts,
    mismatches,
    audit: {
      ok: verified.ok,
      count: verified.count + verified.pending,
      headHash,
      matches: verified.ok && verified.count + verified.pending === manifest.audit.count && headHash === manifest.audit.headHash,
    },
  };
}

/**
 * Restores a PostgreSQL backup into a fresh database (no tables of its own yet): the application role is created if the
 * cluster lacks it, pg_restore reads the decrypted dump from its standard input in one transaction, the stored files
 * go back under `filesDir`, then the rows are counted and the audit chain verified against the backup's manifest.
 */
export async function restorePostgres(opts: { file: string; key: Uint8Array; url: string; filesDir: string }): Promise<RestoreResult> {
  const frames = readBackup(opts.file, opts.key);
  const manifest = await readManifest(frames);
  if (manifest.engine !== 'postgres') throw new Error('This backup is of the embedded database: restore it with --data-dir.');
  const database = await openPostgres(opts.url, 2);
  try {
    const [taken] = await database.raw.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (Number(taken?.n ?? 0) > 0) throw new Error('The target database is not empty: restore into a fresh database.');
    await database.raw.exec(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'binh_an_app') THEN
    CREATE ROLE binh_an_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  EXECUTE format('GRANT binh_an_app TO %I', current_user);
END $$`);
    const restore = spawn(pgProgram('pg_restore'), ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${opts.url}`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const done = finished(restore, 'pg_restore');
    const stdin = restore.stdin as NodeJS.WritableStream;
    let files = 0;
    for await (const frame of frames) {
      if (frame.type === FRAME.database) {
        if (!stdin.write(frame.payload)) await new Promise((r) => stdin.once('drain', r));
      } else if (frame.type === FRAME.file) {
        writeStoredFile(opts.filesDir, frame.payload);
        files++;
      }
    }
    stdin.end();
    await done;
    return { manifest, files, ...(await compare(manifest, database.raw, database.db)) };
  } finally {
    await database.close();
  }
}

/** Restores an embedded-database backup into a data folder that holds no database yet. */
export async function restorePglite(opts: { file: string; key: Uint8Array; dataDir: string }): Promise<RestoreResult> {
  const frames = readBackup(opts.file, opts.key);
  const manifest = await readManifest(frames);
  if (manifest.engine !== 'pglite') throw new Error('This backup is of a PostgreSQL server: restore it with --into <url>.');
  const dir = join(opts.dataDir, 'pglite');
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: restore into a fresh data folder.`);
  const parts: Buffer[] = [];
  let files = 0;
  for await (const frame of frames) {
    if (frame.type === FRAME.database) parts.push(frame.payload);
    else if (frame.type === FRAME.file) {
      writeStoredFile(join(opts.dataDir, 'files'), frame.payload);
      files++;
    }
  }
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: EXTENSIONS, loadDataDir: new Blob([Buffer.concat(parts)]) });
  try {
    const q: Query = { query: async <T>(s: string, p: unknown[] = []) => (await client.query<T>(s, p)).rows };
    return { manifest, files, ...(await compare(manifest, q, drizzlePglite(client) as unknown as Db)) };
  } finally {
    await client.close();
  }
}
