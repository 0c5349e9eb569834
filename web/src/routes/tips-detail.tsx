import { createRoute } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { TipDetailPage } from '../modules/tips/tip-detail-page.tsx';
import { signedInRoute } from './signed-in.tsx';

export const tipDetailRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tips/$tipId',
  component: () => (
    <RequirePermission action="tip.read" titleKey="nav.tips">
      <TipDetailPage />
    </RequirePermission>
  ),
});
