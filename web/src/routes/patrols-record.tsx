import { createRoute } from '@tanstack/react-router';
import { RecordPage } from '../modules/patrols/record-page.tsx';
import { rootRoute } from './root.tsx';

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
