import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalDay, optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { RoundFilters } from '../modules/patrols/api.ts';
import { signedInRoute } from './signed-in.tsx';

const RoundPage = lazyRouteComponent(() => import('../modules/patrols/round-page.tsx'), 'RoundPage');
const RoundsPage = lazyRouteComponent(() => import('../modules/patrols/rounds-page.tsx'), 'RoundsPage');

/** The patrol log; its filters live in the address. */
export const patrolsRoundsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patrols/rounds',
  validateSearch: (search: Record<string, unknown>): RoundFilters => ({
    teamId: optionalString(search.teamId),
    from: optionalDay(search.from),
    to: optionalDay(search.to),
    hasIncidents: optionalEnum(search.hasIncidents, ['true', 'false'] as const),
  }),
  component: () => (
    <RequirePermission action="patrol.read" titleKey="patrolsPage.rounds.title">
      <RoundsPage />
    </RequirePermission>
  ),
});

export const patrolsRoundRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patrols/rounds/$roundId',
  component: () => (
    <RequirePermission action="patrol.read" titleKey="patrolsPage.rounds.title">
      <RoundPage />
    </RequirePermission>
  ),
});
