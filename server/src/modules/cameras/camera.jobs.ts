import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs.ts';

/**
 * Erases the footage owners uploaded for requests once it is older than CAMERA_FOOTAGE_DAYS (counted from the answer): the
 * file's keys and name are cleared from the answer, one transaction per ward with its audit entry (counts only), then the
 * encrypted blobs are deleted. The answer itself (shared, the note) stays in the request's history; the owner keeps the
 * original recording. Answers the number of files erased.
 */
export async function purgeOwnerFootage(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const cutoff = new Date(deps.clock().getTime() - deps.cfg.cameraFootageDays * 86_400_000);
  const wards = await queryRows<{ ward_id: string }>(
    db,
    sql`SELECT DISTINCT ward_id FROM footage_request_cameras WHERE file_key IS NOT NULL AND answered_at < ${cutoff.toISOString()}::timestamptz`,
  );
  let total = 0;
  for (const { ward_id: wardId } of wards) {
    const keys = await db.transaction(async (tx) => {
      const rows = await queryRows<{ file_key: string }>(
        tx,
        sql`UPDATE footage_request_cameras f SET file_key = NULL, file_data_key = NULL, file_mime = NULL, file_name = NULL, file_quarantined = NULL
            FROM footage_request_cameras old
            WHERE f.ward_id = ${wardId} AND old.ward_id = f.ward_id AND old.id = f.id
              AND old.file_key IS NOT NULL AND old.answered_at < ${cutoff.toISOString()}::timestamptz
            RETURNING old.file_key`,
      );
      if (rows.length)
        await recordAudit(tx, {
          action: 'camera.footage_purge',
          wardId,
          detail: { files: rows.length, days: deps.cfg.cameraFootageDays, before: cutoff.toISOString() },
        });
      return rows.map((r) => r.file_key);
    });
    // The rows no longer point at the blobs; a blob left behind by a failure here is unreadable without its key.
    for (const key of keys) {
      try {
        await deps.blobs.remove(key);
      } catch {
        // Nothing to do: the key is already erased from the record.
      }
    }
    total += keys.length;
  }
  return total;
}

/** Every night at 03:40 Vietnam time: the purge of owners' uploaded footage past its retention. */
export const purgeOwnerFootageJob = defineJob({
  name: 'camera.footage_purge',
  payload: z.object({}),
  cron: '40 3 * * *',
  async run(deps) {
    await purgeOwnerFootage(deps);
  },
});

export const cameraJobs = [purgeOwnerFootageJob];
