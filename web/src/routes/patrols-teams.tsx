import { PATROL_TEAM_KINDS } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { TeamFilters } from '../modules/patrols/api.ts';
import { TEAM_STATUSES_SHOWN } from '../modules/patrols/team-statuses.ts';
import { signedInRoute } from './signed-in.tsx';

const TeamPage = lazyRouteComponent(() => import('../modules/patrols/team-page.tsx'), 'TeamPage');
const TeamsPage = lazyRouteComponent(() => import('../modules/patrols/teams-page.tsx'), 'TeamsPage');

/** The teams list; its search and filters live in the address. */
export const patrolsTeamsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patrols/teams',
  validateSearch: (search: Record<string, unknown>): TeamFilters => ({
    q: optionalString(search.q),
    kind: optionalEnum(search.kind, PATROL_TEAM_KINDS),
    status: optionalEnum(search.status, TEAM_STATUSES_SHOWN),
  }),
  component: () => (
    <RequirePermission action="patrol.read" titleKey="patrolsPage.teams.title">
      <TeamsPage />
    </RequirePermission>
  ),
});

export const patrolsTeamRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patrols/teams/$teamId',
  component: () => (
    <RequirePermission action="patrol.read" titleKey="patrolsPage.teams.title">
      <TeamPage />
    </RequirePermission>
  ),
});
