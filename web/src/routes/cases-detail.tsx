import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const CaseDetailPage = lazyRouteComponent(() => import('../modules/cases/case-detail-page.tsx'), 'CaseDetailPage');

export const caseDetailRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cases/$caseId',
  component: () => (
    <RequirePermission action="case.read" titleKey="nav.cases">
      <CaseDetailPage />
    </RequirePermission>
  ),
});
