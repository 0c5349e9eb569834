import { z } from 'zod';
import { recordAuditAlone, verifyAuditChain } from '../../platform/audit/audit.ts';
import { defineJob } from '../../platform/jobs.ts';

/** Every night, the audit chain is verified and the result, with the head hash, is itself recorded. */
export const verifyAuditChainJob = defineJob({
  name: 'audit.verify',
  payload: z.object({}),
  cron: '30 2 * * *',
  async run(deps) {
    const result = await verifyAuditChain(deps.database.db);
    if (!result.ok) console.error(`audit chain broken at entry #${result.brokenAt} (${result.reason})`);
    await recordAuditAlone(deps.database.db, {
      action: 'audit.verified',
      outcome: result.ok ? 'ok' : 'failed',
      detail: result.ok
        ? { count: result.count, headSeq: result.headSeq, headHash: result.headHash }
        : { brokenAt: result.brokenAt, reason: result.reason },
    });
  },
});
