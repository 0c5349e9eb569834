export { loadDemoResidence } from './residence.demo.ts';
export { residenceJobs } from './residence.jobs.ts';
export { registerResidencePages } from './residence.pages.ts';
export { registerResidenceRoutes } from './residence.routes.ts';
export { summariseResidence } from './residence.service.ts';
