import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { loadSecretKey } from '../platform/crypto.ts';
import { assertNoServerRunning } from '../platform/lock.ts';
import { backupPglite, backupPostgres, type RestoreResult, restorePglite, restorePostgres } from './backup.ts';
import { deriveBackupKey } from './backup-file.ts';

const USAGE = `Backups, encrypted (libsodium secretstream) under BACKUP_KEY, or a key derived from the server key:

  npm run backup [-- --out FILE]                 PostgreSQL (DATABASE_URL): pg_dump of a snapshot, the server may run;
                                                 embedded: the data folder, with the server stopped.
                                                 Written to BACKUP_DIR (default DATA_DIR/backups), mode 600.
  npm run restore -- FILE [--into URL]           into a fresh PostgreSQL database (default DATABASE_URL)
  npm run restore -- FILE --data-dir DIR         an embedded-database backup into a fresh data folder
  (the restored stored files go to DIR/files, or DATA_DIR/files for PostgreSQL)

With OBJECT_STORE=s3 the stored files live, sealed, in the bucket and are not copied into the backup: the bucket's own
versioning or replication keeps them (docs/operations.md, "Stored files in an S3-compatible bucket").

Restore counts the rows of every table and verifies the audit chain against the backup's manifest; it exits with
status 2 when they differ.`;

function report(result: RestoreResult): number {
  const tables = Object.keys(result.manifest.counts).length;
  const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(
    `Backup of ${result.manifest.createdAt} (${result.manifest.engine}) restored: ${tables} tables, ${rows} rows, ${result.files} files.`,
  );
  if (result.mismatches.length) {
    for (const t of result.mismatches)
      console.error(`  row count differs: ${t}: backup ${result.manifest.counts[t] ?? '—'}, restored ${result.counts[t] ?? '—'}`);
  } else console.log('Row counts match the backup for every table.');
  if (result.manifest.objects)
    console.log(`Stored files are not in this backup: they stay in ${result.manifest.objects} (set OBJECT_STORE=s3 and the same bucket).`);
  if (result.audit.matches)
    console.log(`Audit chain intact: ${result.audit.count} entries; head ${result.audit.headHash}, as in the backup.`);
  else
    console.error(
      `Audit chain ${result.audit.ok ? 'intact but not the backup’s' : 'BROKEN'}: ${result.audit.count} entries (backup: ${result.manifest.audit.count}, head ${result.manifest.audit.headHash}).`,
    );
  return result.mismatches.length === 0 && result.audit.matches ? 0 : 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const cfg = loadConfig();
  const { values, positionals } = parseArgs({
    args: rest,
    options: { out: { type: 'string' }, into: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: true,
  });
  if (command === 'backup') {
    const key = deriveBackupKey(cfg, loadSecretKey(cfg));
    mkdirSync(cfg.backupDir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = resolve(values.out ?? join(cfg.backupDir, `binh-an-${stamp}.backup`));
    let result: Awaited<ReturnType<typeof backupPostgres>>;
    const objects = cfg.objectStore.kind === 's3' ? `s3://${cfg.objectStore.bucket}/${cfg.objectStore.prefix}` : undefined;
    if (cfg.databaseUrl)
      result = await backupPostgres({ url: cfg.databaseUrl, filesDir: objects ? null : join(cfg.dataDir, 'files'), objects, out, key });
    else {
      assertNoServerRunning(cfg);
      result = await backupPglite({ dataDir: cfg.dataDir, objects, out, key });
    }
    const rows = Object.values(result.manifest.counts).reduce((a, b) => a + b, 0);
    console.log(
      `Backup written: ${result.file} (${result.bytes} bytes, encrypted): ${Object.keys(result.manifest.counts).length} tables, ${rows} rows, ${result.manifest.files} files; audit head #${result.manifest.audit.headSeq ?? 0} ${result.manifest.audit.headHash ?? ''}`,
    );
    if (objects) console.log(`Stored files are not copied: they stay, sealed, in ${objects}; keep the bucket versioned or replicated.`);
    return 0;
  }
  if (command === 'restore') {
    const file = positionals[0];
    if (!file) {
      console.error(USAGE);
      return 64;
    }
    const key = deriveBackupKey(cfg, loadSecretKey(cfg));
    if (values['data-dir']) return report(await restorePglite({ file, key, dataDir: resolve(values['data-dir']) }));
    const url = values.into ?? cfg.databaseUrl;
    if (!url) {
      console.error('Name the fresh database to restore into: --into postgres://… (or set DATABASE_URL), or --data-dir DIR.');
      return 64;
    }
    return report(await restorePostgres({ file, key, url, filesDir: join(cfg.dataDir, 'files') }));
  }
  console.log(USAGE);
  return command ? 64 : 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
    process.exit(1);
  });
