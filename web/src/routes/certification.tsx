import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { CertificationSearch } from '../modules/certification/api.ts';
import { signedInRoute } from './signed-in.tsx';

const ListPage = lazyRouteComponent(() => import('../modules/certification/list-page.tsx'), 'CertificationListPage');
const CyclePage = lazyRouteComponent(() => import('../modules/certification/cycle-page.tsx'), 'CertificationCyclePage');
const ModelsPage = lazyRouteComponent(() => import('../modules/certification/models-page.tsx'), 'CertificationModelsPage');
const AwardsPage = lazyRouteComponent(() => import('../modules/certification/awards-page.tsx'), 'CertificationAwardsPage');
const SettingsPage = lazyRouteComponent(() => import('../modules/certification/settings-page.tsx'), 'CertificationSettingsPage');

const yearOf = (value: unknown) => {
  const text = optionalString(value);
  return text && /^\d{4}$/.test(text) ? text : undefined;
};

/** "An toàn về ANTT": a ward's units for a year (year and ward in the address), a unit's year, models, awards. */
export const certificationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/certification',
  validateSearch: (search: Record<string, unknown>): CertificationSearch => ({
    year: yearOf(search.year),
    ward: optionalString(search.ward),
  }),
  component: () => (
    <RequirePermission action="certification.read" titleKey="certificationPage.list.title">
      <ListPage />
    </RequirePermission>
  ),
});

export const certificationCycleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/certification/$cycleId',
  component: () => (
    <RequirePermission action="certification.read" titleKey="certificationPage.list.title">
      <CyclePage />
    </RequirePermission>
  ),
});

export const certificationModelsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/certification-models',
  component: () => (
    <RequirePermission action="certification.read" titleKey="certificationPage.models.title">
      <ModelsPage />
    </RequirePermission>
  ),
});

export const certificationAwardsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/certification-awards',
  component: () => (
    <RequirePermission action="certification.read" titleKey="certificationPage.awards.title">
      <AwardsPage />
    </RequirePermission>
  ),
});

/** The province's own criteria and class thresholds, for a province-level administrator. */
export const certificationSettingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/certification-settings',
  component: () => (
    <RequirePermission action="certification.configure" titleKey="certificationPage.settings.title">
      <SettingsPage />
    </RequirePermission>
  ),
});

export const certificationRoutes = [
  certificationRoute,
  certificationCycleRoute,
  certificationModelsRoute,
  certificationAwardsRoute,
  certificationSettingsRoute,
];
