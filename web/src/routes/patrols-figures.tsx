import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalDay, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { FiguresSearch } from '../modules/patrols/figures-page.tsx';
import { signedInRoute } from './signed-in.tsx';

const FiguresPage = lazyRouteComponent(() => import('../modules/patrols/figures-page.tsx'), 'FiguresPage');

/** The patrol figures of a unit over a period; the unit, period and team live in the address. */
export const patrolsFiguresRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patrols/figures',
  validateSearch: (search: Record<string, unknown>): FiguresSearch => ({
    unit: optionalString(search.unit),
    from: optionalDay(search.from),
    to: optionalDay(search.to),
    teamId: optionalString(search.teamId),
  }),
  component: () => (
    <RequirePermission action="patrol.read" titleKey="patrolsPage.figures.title">
      <FiguresPage />
    </RequirePermission>
  ),
});
