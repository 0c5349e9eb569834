import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { currentLocale, loadLocale } from '../lib/i18n.ts';
import { rootRoute } from './root.tsx';

// The page's strings are not among the first screen's: the whole language comes with the page's code.
const RecordPage = lazyRouteComponent(
  () => Promise.all([import('../modules/patrols/record-page.tsx'), loadLocale(currentLocale())]).then(([module]) => module),
  'RecordPage',
);

/**
 * "Ghi lượt tuần tra" works without a network, so it is not under the signed-in layout (which asks the server who is
 * signed in before showing anything): the page finds its account itself, online from the server, offline from the
 * sealed store on the device.
 */
export const patrolsRecordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/patrols/record',
  component: RecordPage,
});
