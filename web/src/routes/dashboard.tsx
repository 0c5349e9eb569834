import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { DashboardSearch } from '../modules/dashboard/dashboard-model.ts';
import { isDay, REPORT_PERIOD_KINDS } from '../modules/reports/period-kinds.ts';
import { signedInRoute } from './signed-in.tsx';

const DashboardPage = lazyRouteComponent(() => import('../modules/dashboard/dashboard-page.tsx'), 'DashboardPage');
const MapPage = lazyRouteComponent(() => import('../modules/dashboard/map-page.tsx'), 'MapPage');

/** The unit and the period, kept in the address (as on the report page) so that a view can be linked and reloaded. */
function validateDashboardSearch(search: Record<string, unknown>): DashboardSearch {
  return {
    unit: typeof search.unit === 'string' && search.unit.length <= 100 && search.unit !== '' ? search.unit : undefined,
    period: optionalEnum(search.period, REPORT_PERIOD_KINDS),
    year: typeof search.year === 'string' || typeof search.year === 'number' ? String(search.year) : undefined,
    part: typeof search.part === 'string' || typeof search.part === 'number' ? String(search.part) : undefined,
    from: isDay(search.from) ? search.from : undefined,
    to: isDay(search.to) ? search.to : undefined,
  };
}

export const dashboardRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/dashboard',
  validateSearch: validateDashboardSearch,
  component: () => (
    <RequirePermission action="report.read" titleKey="nav.dashboard">
      <DashboardPage />
    </RequirePermission>
  ),
});

export const dashboardMapRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/dashboard/map',
  validateSearch: validateDashboardSearch,
  component: () => (
    <RequirePermission action="report.read" titleKey="nav.map">
      <MapPage />
    </RequirePermission>
  ),
});
