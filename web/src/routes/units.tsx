import { UNIT_TYPES } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const UnitsPage = lazyRouteComponent(() => import('../modules/units/units-page.tsx'), 'UnitsPage');

export type UnitsSearch = { q?: string; type?: (typeof UNIT_TYPES)[number]; inactive?: '1'; unit?: string };

export const unitsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/units',
  validateSearch: (search: Record<string, unknown>): UnitsSearch => ({
    q: optionalString(search.q),
    type: optionalEnum(search.type, UNIT_TYPES),
    inactive: optionalEnum(search.inactive, ['1'] as const),
    unit: optionalString(search.unit),
  }),
  component: () => (
    <RequirePermission action="unit.read" titleKey="nav.units">
      <UnitsPage />
    </RequirePermission>
  ),
});
