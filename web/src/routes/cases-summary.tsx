import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { isDay, PERIOD_PRESETS, type PeriodSearch } from '../modules/cases/period.ts';
import { signedInRoute } from './signed-in.tsx';

const CaseFiguresPage = lazyRouteComponent(() => import('../modules/cases/case-figures-page.tsx'), 'CaseFiguresPage');

/** The unit (by code, or id when the code is shared with a historic unit) and the period, kept in the address. */
export type CaseFiguresSearch = PeriodSearch & { unit?: string };

export const caseFiguresRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cases/summary',
  validateSearch: (search: Record<string, unknown>): CaseFiguresSearch => ({
    unit: optionalString(search.unit),
    period: optionalEnum(search.period, PERIOD_PRESETS),
    year: optionalString(search.year),
    from: isDay(search.from) ? search.from : undefined,
    to: isDay(search.to) ? search.to : undefined,
  }),
  component: () => (
    <RequirePermission action="report.read" titleKey="nav.caseFigures">
      <CaseFiguresPage />
    </RequirePermission>
  ),
});
