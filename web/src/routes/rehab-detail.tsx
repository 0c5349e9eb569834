import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const RehabDetailPage = lazyRouteComponent(() => import('../modules/rehab/rehab-detail-page.tsx'), 'RehabDetailPage');

export const rehabDetailRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/rehab/$dossierId',
  component: () => (
    <RequirePermission action="case.read" titleKey="nav.rehab">
      <RehabDetailPage />
    </RequirePermission>
  ),
});
