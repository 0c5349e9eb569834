import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { parseSearchParams, stringifySearchParams } from '../lib/search-params.ts';
import { cameraRoutes } from '../modules/cameras/routes.tsx';
import { outreachRoute } from '../modules/outreach/routes.tsx';
import { ErrorPage } from '../modules/shell/error-page.tsx';
import { LoadingState } from '../ui/loading-state.tsx';
import { auditRoute } from './audit.tsx';
import { calendarRoute } from './calendar.tsx';
import { caseTypesRoute } from './case-types.tsx';
import { casesRoute } from './cases.tsx';
import { caseDetailRoute } from './cases-detail.tsx';
import { caseFiguresRoute } from './cases-summary.tsx';
import { certificationRoutes } from './certification.tsx';
import { dashboardMapRoute, dashboardRoute } from './dashboard.tsx';
import { loginRoute } from './login.tsx';
import { mediationAlertsRoute, mediationCaseRoute, mediationRoute, mediationTeamsRoute } from './mediation.tsx';
import { overviewRoute } from './overview.tsx';
import { patrolsFieldRoute } from './patrols.tsx';
import { patrolsFiguresRoute } from './patrols-figures.tsx';
import { patrolsRecordRoute } from './patrols-record.tsx';
import { patrolsRoundRoute, patrolsRoundsRoute } from './patrols-rounds.tsx';
import { patrolsTeamRoute, patrolsTeamsRoute } from './patrols-teams.tsx';
import { rehabRoute } from './rehab.tsx';
import { rehabDetailRoute } from './rehab-detail.tsx';
import { reportsRoute } from './reports.tsx';
import { residenceRoutes } from './residence.tsx';
import { rootRoute } from './root.tsx';
import { signedInRoute } from './signed-in.tsx';
import { tipsRoute } from './tips.tsx';
import { tipDetailRoute } from './tips-detail.tsx';
import { tokensRoute } from './tokens.tsx';
import { unitsRoute } from './units.tsx';
import { usersRoute } from './users.tsx';

const routeTree = rootRoute.addChildren([
  loginRoute,
  patrolsRecordRoute,
  signedInRoute.addChildren([
    overviewRoute,
    dashboardRoute,
    dashboardMapRoute,
    unitsRoute,
    usersRoute,
    auditRoute,
    calendarRoute,
    tokensRoute,
    tipsRoute,
    tipDetailRoute,
    casesRoute,
    caseFiguresRoute,
    caseDetailRoute,
    rehabRoute,
    rehabDetailRoute,
    caseTypesRoute,
    reportsRoute,
    patrolsFieldRoute,
    patrolsTeamsRoute,
    patrolsTeamRoute,
    patrolsRoundsRoute,
    patrolsRoundRoute,
    patrolsFiguresRoute,
    ...residenceRoutes,
    mediationRoute,
    mediationCaseRoute,
    mediationTeamsRoute,
    mediationAlertsRoute,
    ...certificationRoutes,
    ...cameraRoutes,
    outreachRoute,
  ]),
]);

/** The staff app's router, mounted under /app/. */
export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    basepath: '/app',
    context: { queryClient },
    parseSearch: parseSearchParams,
    stringifySearch: stringifySearchParams,
    defaultPreload: false,
    defaultPendingComponent: () => <LoadingState />,
    defaultErrorComponent: ErrorPage,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
