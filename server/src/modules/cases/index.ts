export { loadDemoCases } from './case.demo.ts';
export { registerCaseImportRoutes } from './case.import.routes.ts';
export { registerCaseRoutes } from './case.routes.ts';
