export { registerTipPages } from './tip.pages.ts';
export { registerPublicTipRoutes } from './tip.public.routes.ts';
export { registerTipRoutes } from './tip.routes.ts';
