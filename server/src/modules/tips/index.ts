export { loadDemoTips } from './tip.demo.ts';
export { listTipsForMediation, takeTipForMediation } from './tip.mediation.ts';
export { registerTipPages } from './tip.pages.ts';
export { registerPublicTipRoutes } from './tip.public.routes.ts';
export {
  findTipByNumber,
  findTipNumbers,
  findTipsForReport,
  markTipUsedInCase,
} from './tip.repository.ts';
export { registerTipRoutes } from './tip.routes.ts';
