export { loadDemoCameras } from './camera.demo.ts';
export { cameraJobs, purgeOwnerFootage } from './camera.jobs.ts';
export { registerCameraPages } from './camera.pages.ts';
export { registerCameraRoutes } from './camera.routes.ts';
export { summariseCameras } from './camera.service.ts';
