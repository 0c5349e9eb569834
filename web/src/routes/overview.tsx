import { createRoute } from '@tanstack/react-router';
import { OverviewPage } from '../modules/overview/overview-page.tsx';
import { signedInRoute } from './signed-in.tsx';

export const overviewRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  component: OverviewPage,
});
