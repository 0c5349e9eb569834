export { verifyAuditChainJob } from './audit.jobs.ts';
export { registerAuditRoutes } from './audit.routes.ts';
