export { registerDashboardRoutes } from './dashboard.routes.ts';
export { purgeReportJobsJob, renderReportJob, reportJobs } from './report.jobs.ts';
export { registerReportRoutes } from './report.routes.ts';
