import { INSPECTION_STATUSES, PLACE_KINDS, RESIDENT_KINDS } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const InspectionsPage = lazyRouteComponent(() => import('../modules/residence/inspections-page.tsx'), 'InspectionsPage');
const NotificationsPage = lazyRouteComponent(() => import('../modules/residence/notifications-page.tsx'), 'NotificationsPage');
const PlaceDetailPage = lazyRouteComponent(() => import('../modules/residence/place-detail-page.tsx'), 'PlaceDetailPage');
const PlacesPage = lazyRouteComponent(() => import('../modules/residence/places-page.tsx'), 'PlacesPage');
const ResidentsPage = lazyRouteComponent(() => import('../modules/residence/residents-page.tsx'), 'ResidentsPage');
const RetentionPage = lazyRouteComponent(() => import('../modules/residence/retention-page.tsx'), 'RetentionPage');

const BOOL = ['true', 'false'] as const;

type Bool = (typeof BOOL)[number];
export type PlacesSearch = { q?: string; unitId?: string; kind?: (typeof PLACE_KINDS)[number] };
export type NotificationsSearch = { q?: string; unitId?: string; onTime?: Bool };
export type ResidentsSearch = {
  q?: string;
  unitId?: string;
  kind?: (typeof RESIDENT_KINDS)[number];
  state?: 'current' | 'expiring' | 'expired';
};
export type InspectionsSearch = { q?: string; unitId?: string; status?: (typeof INSPECTION_STATUSES)[number]; violation?: Bool };

/** "Cư trú": places (the area's home), notifications, temporary residents and absences, inspections; filters in the address. */
export const residenceRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/residence',
  validateSearch: (s: Record<string, unknown>): PlacesSearch => ({
    q: optionalString(s.q),
    unitId: optionalString(s.unitId),
    kind: optionalEnum(s.kind, PLACE_KINDS),
  }),
  component: () => (
    <RequirePermission action="residence.read" titleKey="nav.residence">
      <PlacesPage />
    </RequirePermission>
  ),
});

export const residencePlaceRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/residence/places/$placeId',
  component: () => (
    <RequirePermission action="residence.read" titleKey="nav.residence">
      <PlaceDetailPage />
    </RequirePermission>
  ),
});

export const residenceNotificationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/residence/notifications',
  validateSearch: (s: Record<string, unknown>): NotificationsSearch => ({
    q: optionalString(s.q),
    unitId: optionalString(s.unitId),
    onTime: optionalEnum(s.onTime, BOOL),
  }),
  component: () => (
    <RequirePermission action="residence.read" titleKey="nav.residence">
      <NotificationsPage />
    </RequirePermission>
  ),
});

export const residenceResidentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/residence/residents',
  validateSearch: (s: Record<string, unknown>): ResidentsSearch => ({
    q: optionalString(s.q),
    unitId: optionalString(s.unitId),
    kind: optionalEnum(s.kind, RESIDENT_KINDS),
    state: optionalEnum(s.state, ['current', 'expiring', 'expired'] as const),
  }),
  component: () => (
    <RequirePermission action="residence.read" titleKey="nav.residence">
      <ResidentsPage />
    </RequirePermission>
  ),
});

export const residenceInspectionsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/residence/inspections',
  validateSearch: (s: Record<string, unknown>): InspectionsSearch => ({
    q: optionalString(s.q),
    unitId: optionalString(s.unitId),
    status: optionalEnum(s.status, INSPECTION_STATUSES),
    violation: optionalEnum(s.violation, BOOL),
  }),
  component: () => (
    <RequirePermission action="residence.read" titleKey="nav.residence">
      <InspectionsPage />
    </RequirePermission>
  ),
});

/** The ward's retention periods: only for those who manage residence checks. */
export const residenceRetentionRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/residence/retention',
  component: () => (
    <RequirePermission action="residence.manage" titleKey="nav.residence">
      <RetentionPage />
    </RequirePermission>
  ),
});

export const residenceRoutes = [
  residenceRoute,
  residencePlaceRoute,
  residenceNotificationsRoute,
  residenceResidentsRoute,
  residenceInspectionsRoute,
  residenceRetentionRoute,
];
