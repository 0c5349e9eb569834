import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const TipDetailPage = lazyRouteComponent(() => import('../modules/tips/tip-detail-page.tsx'), 'TipDetailPage');

export const tipDetailRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tips/$tipId',
  component: () => (
    <RequirePermission action="tip.read" titleKey="nav.tips">
      <TipDetailPage />
    </RequirePermission>
  ),
});
