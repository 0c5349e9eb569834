import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { deleteExpiredSessions } from './auth.repository.ts';

/** Sessions past their limits are already refused; this sweeps their rows away every quarter hour. */
export const sweepSessionsJob = defineJob({
  name: 'sessions.sweep',
  payload: z.object({}),
  cron: '*/15 * * * *',
  async run(deps) {
    await deleteExpiredSessions(deps.database.db, deps.clock(), deps.cfg.sessionIdleMs);
  },
});
