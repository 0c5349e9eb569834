export { installAuthentication } from './auth.hooks.ts';
export { sweepSessionsJob } from './auth.jobs.ts';
export { revokeApiTokensOfUser } from './auth.repository.ts';
export { registerAuthRoutes } from './auth.routes.ts';
export { buildActor, createApiToken, endSessionsOfUser, LOCK_AFTER_FAILURES } from './auth.service.ts';
