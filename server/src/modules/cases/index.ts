export { loadDemoCases } from './case.demo.ts';
export { registerCaseImportRoutes } from './case.import.routes.ts';
export { registerCaseRoutes } from './case.routes.ts';
export { listCases, recordCaseFromPatrol, reportSummary, summaryFigures } from './case.service.ts';
export { listRehabDossiers } from './rehab.service.ts';
