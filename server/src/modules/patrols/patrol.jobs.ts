import { z } from 'zod';
import { purgeExpiredIdempotencyKeys } from '../../platform/idempotency.ts';
import { defineJob } from '../../platform/jobs.ts';

/**
 * Every hour, the Idempotency-Keys older than IDEMPOTENCY_DAYS (≥ 7, the longest a patrol phone stays offline) are
 * removed with their stored answers. A key past its time is already forgotten when it comes back; this frees the rows.
 */
export const purgeIdempotencyKeysJob = defineJob({
  name: 'idempotency.purge',
  payload: z.object({}),
  cron: '20 * * * *',
  async run(deps) {
    await purgeExpiredIdempotencyKeys(deps.database.db, deps.clock());
  },
});
