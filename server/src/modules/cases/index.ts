export { loadDemoCases } from './case.demo.ts';
export { registerCaseRoutes } from './case.routes.ts';
