import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { deliverDue, purgeUnconfirmed } from './outreach.delivery.ts';
import { DELIVER_JOB } from './outreach.service.ts';

/**
 * Sends due alert deliveries: queued when an announcement is published, and every minute for retries (with their
 * backoff) and messages held by quiet hours.
 */
export const deliverJob = defineJob({
  name: DELIVER_JOB,
  payload: z.object({ wardId: z.uuid().optional() }),
  cron: '* * * * *',
  async run(deps, payload) {
    await deliverDue(deps, { wardId: payload.wardId });
  },
});

/** Every night at 03:40 Vietnam time: subscriptions whose code was never confirmed are deleted. */
export const purgeUnconfirmedJob = defineJob({
  name: 'outreach.purge_unconfirmed',
  payload: z.object({}),
  cron: '40 3 * * *',
  async run(deps) {
    await purgeUnconfirmed(deps);
  },
});

export const outreachJobs = [deliverJob, purgeUnconfirmedJob];
