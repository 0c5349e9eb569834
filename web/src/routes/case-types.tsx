import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const CaseTypesPage = lazyRouteComponent(() => import('../modules/cases/case-types-page.tsx'), 'CaseTypesPage');

/** The case-type catalogue, kept by the administrator (the register reads it through its forms and filters). */
export const caseTypesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/case-types',
  component: () => (
    <RequirePermission action="case.catalogue" titleKey="nav.caseTypes">
      <CaseTypesPage />
    </RequirePermission>
  ),
});
