import { RETENTION_DEFAULT_DAYS, RETENTION_RECORD_TYPES, type RetentionRecordType, retentionCutoff } from '@binh-an/domain';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs.ts';
import { vnToday } from '../../platform/time.ts';
import { findWardsWithResidence, markExpiringStays, purgeContactCodes, purgeWard } from './residence.repository.ts';

/**
 * Deletes, ward by ward, the residence records past their retention (the ward's own periods, else RETENTION_DEFAULT_DAYS),
 * and the expired one-time codes. Each ward's purge is one transaction with its audit entry (counts only).
 */
export async function purgeResidence(deps: Deps): Promise<{ notifications: number; residents: number; inspections: number }> {
  const db = deps.database.db;
  const today = vnToday(deps.clock());
  const total = { notifications: 0, residents: 0, inspections: 0 };
  await purgeContactCodes(db, deps.clock());
  for (const ward of await findWardsWithResidence(db)) {
    const days = (t: RetentionRecordType) => ward.overrides[t] ?? RETENTION_DEFAULT_DAYS[t];
    const cutoffs = Object.fromEntries(RETENTION_RECORD_TYPES.map((t) => [t, retentionCutoff(today, days(t))])) as Record<
      RetentionRecordType,
      string
    >;
    const done = await db.transaction(async (tx) => {
      const counts = await purgeWard(tx, ward.wardId, cutoffs);
      if (counts.notifications || counts.residents || counts.inspections)
        await recordAudit(tx, { action: 'residence.purge', wardId: ward.wardId, detail: { ...counts, cutoffs } });
      return counts;
    });
    total.notifications += done.notifications;
    total.residents += done.residents;
    total.inspections += done.inspections;
  }
  return total;
}

/** Marks the temporary stays that entered their 15-day renewal window, so that the "expiring soon" list shows them. */
export async function remindExpiringStays(deps: Deps): Promise<number> {
  const db = deps.database.db;
  return db.transaction(async (tx) => {
    const marked = await markExpiringStays(tx, vnToday(deps.clock()));
    for (const m of marked) await recordAudit(tx, { action: 'residence.reminders', wardId: m.ward_id, detail: { stays: m.n } });
    return marked.reduce((a, m) => a + m.n, 0);
  });
}

/** Every night at 03:10 Vietnam time: the retention purge. */
export const purgeResidenceJob = defineJob({
  name: 'residence.purge',
  payload: z.object({}),
  cron: '10 3 * * *',
  async run(deps) {
    await purgeResidence(deps);
  },
});

/** Every morning at 06:30 Vietnam time: stays entering their renewal window. */
export const remindExpiringStaysJob = defineJob({
  name: 'residence.reminders',
  payload: z.object({}),
  cron: '30 6 * * *',
  async run(deps) {
    await remindExpiringStays(deps);
  },
});

export const residenceJobs = [purgeResidenceJob, remindExpiringStaysJob];
