import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const FieldPage = lazyRouteComponent(() => import('../modules/patrols/field-page.tsx'), 'FieldPage');

/** "Ca tuần tra": a patrol member's teams, next shifts, phone calendar and outbox. */
export const patrolsFieldRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patrols',
  component: () => (
    <RequirePermission action="patrol.record" titleKey="patrolsPage.field.title">
      <FieldPage />
    </RequirePermission>
  ),
});
