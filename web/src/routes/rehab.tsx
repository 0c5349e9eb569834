import { REHAB_DOSSIER_STATUSES, REHAB_SORT_DIRECTIONS, REHAB_SORTS } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalDay, optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { RehabFilters } from '../modules/rehab/api.ts';
import { signedInRoute } from './signed-in.tsx';

const RehabPage = lazyRouteComponent(() => import('../modules/rehab/rehab-page.tsx'), 'RehabPage');

/** The dossiers' search, filters and order, in the address so that Back, reload and shared links keep them. */
export const rehabRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/rehab',
  validateSearch: (search: Record<string, unknown>): RehabFilters => ({
    q: optionalString(search.q),
    status: optionalEnum(search.status, REHAB_DOSSIER_STATUSES),
    from: optionalDay(search.from),
    to: optionalDay(search.to),
    sort: optionalEnum(search.sort, REHAB_SORTS),
    dir: optionalEnum(search.dir, REHAB_SORT_DIRECTIONS),
  }),
  component: () => (
    <RequirePermission action="case.read" titleKey="nav.rehab">
      <RehabPage />
    </RequirePermission>
  ),
});
