import { MEDIATION_STATUSES, MEDIATION_TYPES } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { MediationSearch } from '../modules/mediation/api.ts';
import { isDay, REPORT_PERIOD_KINDS } from '../modules/reports/period-kinds.ts';
import { signedInRoute } from './signed-in.tsx';

const MediationAlertsPage = lazyRouteComponent(() => import('../modules/mediation/alerts-page.tsx'), 'MediationAlertsPage');
const MediationBookPage = lazyRouteComponent(() => import('../modules/mediation/book-page.tsx'), 'MediationBookPage');
const MediationCasePage = lazyRouteComponent(() => import('../modules/mediation/case-page.tsx'), 'MediationCasePage');
const MediationTeamsPage = lazyRouteComponent(() => import('../modules/mediation/teams-page.tsx'), 'MediationTeamsPage');

/** The mediation book; its search and filters live in the address, and so do the figures by block's unit and period. */
export const mediationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/mediation',
  validateSearch: (search: Record<string, unknown>): MediationSearch => ({
    q: optionalString(search.q),
    status: optionalEnum(search.status, MEDIATION_STATUSES),
    mediationType: optionalEnum(search.mediationType, MEDIATION_TYPES),
    unitId: optionalString(search.unitId),
    view: optionalEnum(search.view, ['blocks'] as const),
    unit: typeof search.unit === 'string' && search.unit.length <= 100 && search.unit !== '' ? search.unit : undefined,
    period: optionalEnum(search.period, REPORT_PERIOD_KINDS),
    year: typeof search.year === 'string' || typeof search.year === 'number' ? String(search.year) : undefined,
    part: typeof search.part === 'string' || typeof search.part === 'number' ? String(search.part) : undefined,
    from: isDay(search.from) ? search.from : undefined,
    to: isDay(search.to) ? search.to : undefined,
  }),
  component: () => (
    <RequirePermission action="mediation.read" titleKey="mediationPage.book.title">
      <MediationBookPage />
    </RequirePermission>
  ),
});

export const mediationCaseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/mediation/$caseId',
  component: () => (
    <RequirePermission action="mediation.read" titleKey="mediationPage.book.title">
      <MediationCasePage />
    </RequirePermission>
  ),
});

export const mediationTeamsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/mediation-teams',
  component: () => (
    <RequirePermission action="mediation.read" titleKey="mediationPage.teams.title">
      <MediationTeamsPage />
    </RequirePermission>
  ),
});

export const mediationAlertsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/mediation-alerts',
  component: () => (
    <RequirePermission action="mediation.alerts" titleKey="mediationPage.alerts.title">
      <MediationAlertsPage />
    </RequirePermission>
  ),
});
