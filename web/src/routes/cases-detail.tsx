import { createRoute } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { CaseDetailPage } from '../modules/cases/case-detail-page.tsx';
import { signedInRoute } from './signed-in.tsx';

export const caseDetailRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cases/$caseId',
  component: () => (
    <RequirePermission action="case.read" titleKey="nav.cases">
      <CaseDetailPage />
    </RequirePermission>
  ),
});
