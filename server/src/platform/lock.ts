import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database lives in one process: the server marks the data folder while it runs, and the operator's
 * commands refuse to open it meanwhile (two processes on one PGlite folder would corrupt it).
 */
function lockFile(cfg: { dataDir: string }): string {
  return join(cfg.dataDir, 'server.pid');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function assertNoServerRunning(cfg: { dataDir: string; databaseUrl: string | undefined }): void {
  if (cfg.databaseUrl) return;
  const file = lockFile(cfg);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (pid && pid !== process.pid && isAlive(pid)) {
    throw new Error(`The server (pid ${pid}) is using the embedded database in ${cfg.dataDir}; stop it first, or use DATABASE_URL.`);
  }
}

export function markServerRunning(cfg: { dataDir: string; databaseUrl: string | undefined }): () => void {
  if (cfg.databaseUrl) return () => undefined;
  assertNoServerRunning(cfg);
  mkdirSync(cfg.dataDir, { recursive: true });
  const file = lockFile(cfg);
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
