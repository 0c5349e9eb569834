import { CASE_GROUPS, CASE_SORTS, CASE_STATUSES } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { RegisterSearch } from '../modules/cases/api.ts';
import { isDay } from '../modules/cases/period.ts';
import { signedInRoute } from './signed-in.tsx';

const CasesPage = lazyRouteComponent(() => import('../modules/cases/cases-page.tsx'), 'CasesPage');

/**
 * The register's search and filters, all in the address so that Back, reload and shared links keep them. The case type
 * is `caseType` there (`type` already names a unit type in other screens' addresses); the API still calls it `type`.
 */
export type CasesSearch = RegisterSearch;

export const casesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cases',
  validateSearch: (search: Record<string, unknown>): CasesSearch => ({
    q: optionalString(search.q),
    group: optionalEnum(search.group, CASE_GROUPS),
    // A code of the catalogue (administrators may add types); an unknown one just matches nothing.
    caseType: typeof search.caseType === 'string' && /^[a-z][a-z0-9_]{1,39}$/.test(search.caseType) ? search.caseType : undefined,
    status: optionalEnum(search.status, CASE_STATUSES),
    unitId: optionalString(search.unitId),
    from: isDay(search.from) ? search.from : undefined,
    to: isDay(search.to) ? search.to : undefined,
    sort: optionalEnum(search.sort, CASE_SORTS),
    dir: optionalEnum(search.dir, ['asc', 'desc'] as const),
  }),
  component: () => (
    <RequirePermission action="case.read" titleKey="nav.cases">
      <CasesPage />
    </RequirePermission>
  ),
});
