export { loadDemoCertification } from './certification.demo.ts';
export { registerCertificationRoutes } from './certification.routes.ts';
export { summariseCertification } from './certification.service.ts';
