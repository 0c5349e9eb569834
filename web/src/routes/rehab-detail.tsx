import { createRoute } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { RehabDetailPage } from '../modules/rehab/rehab-detail-page.tsx';
import { signedInRoute } from './signed-in.tsx';

export const rehabDetailRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/rehab/$dossierId',
  component: () => (
    <RequirePermission action="case.read" titleKey="nav.rehab">
      <RehabDetailPage />
    </RequirePermission>
  ),
});
