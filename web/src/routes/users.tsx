import { ROLES } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { USER_STATUSES, type UserStatus } from '../modules/users/statuses.ts';
import { signedInRoute } from './signed-in.tsx';

const UsersPage = lazyRouteComponent(() => import('../modules/users/users-page.tsx'), 'UsersPage');

export type UsersSearch = { q?: string; role?: (typeof ROLES)[number]; unitId?: string; status?: UserStatus };

export const usersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/users',
  validateSearch: (search: Record<string, unknown>): UsersSearch => ({
    q: optionalString(search.q),
    role: optionalEnum(search.role, ROLES),
    unitId: optionalString(search.unitId),
    status: optionalEnum(search.status, USER_STATUSES),
  }),
  component: () => (
    <RequirePermission action="user.read" titleKey="nav.users">
      <UsersPage />
    </RequirePermission>
  ),
});
