export { deliverDue } from './outreach.delivery.ts';
export { loadDemoOutreach } from './outreach.demo.ts';
export { outreachJobs } from './outreach.jobs.ts';
export { registerOutreachPages } from './outreach.pages.ts';
export { registerOutreachRoutes } from './outreach.routes.ts';
export { summariseOutreach } from './outreach.service.ts';
