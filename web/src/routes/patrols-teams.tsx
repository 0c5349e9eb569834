import { PATROL_TEAM_KINDS } from '@binh-an/domain';
import { createRoute } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { TEAM_STATUSES_SHOWN, type TeamFilters } from '../modules/patrols/api.ts';
import { TeamPage } from '../modules/patrols/team-page.tsx';
import { TeamsPage } from '../modules/patrols/teams-page.tsx';
import { signedInRoute } from './signed-in.tsx';

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
