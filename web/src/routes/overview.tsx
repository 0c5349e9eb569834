import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { signedInRoute } from './signed-in.tsx';

const OverviewPage = lazyRouteComponent(() => import('../modules/overview/overview-page.tsx'), 'OverviewPage');

export const overviewRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  component: OverviewPage,
});
