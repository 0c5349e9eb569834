import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { deleteExpiredReportJobs } from './report.repository.ts';
import { RENDER_REPORT_JOB, runReportJob } from './report.service.ts';

/** Writes a periodic report document that was too large to write during the request (a province over a year). */
export const renderReportJob = defineJob({
  name: RENDER_REPORT_JOB,
  payload: z.object({ userId: z.uuid(), jobId: z.uuid() }),
  run: (deps, payload) => runReportJob(deps, payload),
});

/** Every hour, the background reports older than a day are removed with their documents. */
export const purgeReportJobsJob = defineJob({
  name: 'reports.purge',
  payload: z.object({}),
  cron: '40 * * * *',
  async run(deps) {
    await deleteExpiredReportJobs(deps.database.db, deps.clock());
  },
});

/** The background work of the reports module, for the process that runs jobs. */
export const reportJobs = [renderReportJob, purgeReportJobsJob];
