export { loadDemoPatrols } from './patrol.demo.ts';
export { purgeIdempotencyKeysJob } from './patrol.jobs.ts';
export { listRounds, summarisePatrols } from './patrol.rounds.ts';
export { registerPatrolRoutes } from './patrol.routes.ts';
