export { loadDemoMediation } from './mediation.demo.ts';
export { registerMediationRoutes } from './mediation.routes.ts';
export { summariseMediation } from './mediation.service.ts';
