import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './db.ts';

/** server/migrations, found from the source tree (src/platform) or from the bundle (dist). */
export const MIGRATIONS_DIR = ['../../migrations', '../migrations']
  .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  .find((dir) => existsSync(dir)) as string;

/** Applies the committed SQL migrations not yet applied, in file-name order, each in its own transaction. */
export function migrate(runner: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  return runner.session((raw) => migrateOn(raw, dir));
}

async function migrateOn(raw: SqlRunner, dir: string): Promise<string[]> {
  await raw.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  // Only one process migrates at a time on a shared server.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const sql = readFileSync(`${dir}/${file}`, 'utf8');
    await raw.exec('BEGIN');
    try {
      await raw.exec('SELECT pg_advisory_xact_lock(724201)');
      const done = await raw.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file]);
      if (done.length === 0) {
        await raw.exec(sql);
        await raw.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        applied.push(file);
      }
      await raw.exec('COMMIT');
    } catch (err) {
      await raw.exec('ROLLBACK');
      throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
