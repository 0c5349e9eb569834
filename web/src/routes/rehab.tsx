import { REHAB_DOSSIER_STATUSES } from '@binh-an/domain';
import { createRoute } from '@tanstack/react-router';
import { optionalEnum } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { RehabFilters } from '../modules/rehab/api.ts';
import { RehabPage } from '../modules/rehab/rehab-page.tsx';
import { signedInRoute } from './signed-in.tsx';

/** The dossiers' status filter, in the address so that Back, reload and shared links keep it. */
export const rehabRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/rehab',
  validateSearch: (search: Record<string, unknown>): RehabFilters => ({
    status: optionalEnum(search.status, REHAB_DOSSIER_STATUSES),
  }),
  component: () => (
    <RequirePermission action="case.read" titleKey="nav.rehab">
      <RehabPage />
    </RequirePermission>
  ),
});
