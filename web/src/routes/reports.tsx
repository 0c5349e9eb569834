import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { isDay, REPORT_PERIOD_KINDS, type ReportSearch } from '../modules/reports/period-kinds.ts';
import { signedInRoute } from './signed-in.tsx';

const ReportsPage = lazyRouteComponent(() => import('../modules/reports/reports-page.tsx'), 'ReportsPage');

/** The unit, the period and the report's language, kept in the address so that a report can be linked and reloaded. */
export const reportsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/reports',
  validateSearch: (search: Record<string, unknown>): ReportSearch => ({
    unit: typeof search.unit === 'string' && search.unit.length <= 100 && search.unit !== '' ? search.unit : undefined,
    period: optionalEnum(search.period, REPORT_PERIOD_KINDS),
    year: typeof search.year === 'string' || typeof search.year === 'number' ? String(search.year) : undefined,
    part: typeof search.part === 'string' || typeof search.part === 'number' ? String(search.part) : undefined,
    from: isDay(search.from) ? search.from : undefined,
    to: isDay(search.to) ? search.to : undefined,
    lang: optionalEnum(search.lang, ['vi', 'en'] as const),
  }),
  component: () => (
    <RequirePermission action="report.read" titleKey="nav.reports">
      <ReportsPage />
    </RequirePermission>
  ),
});
