import { createRoute } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { optionalEnum } from '../../lib/search-params.ts';
import { signedInRoute } from '../../routes/signed-in.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { RequirePermission } from '../auth/require-permission.tsx';
import { OUTREACH_TABS, type OutreachTab } from './tabs.ts';

const OutreachPage = lazy(() => import('./outreach-page.tsx').then((m) => ({ default: m.OutreachPage })));

/** "Tuyên truyền": activities, scripts, the loudspeaker schedule and announcements; the tab lives in the address. */
export const outreachRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/outreach',
  validateSearch: (search: Record<string, unknown>): { tab?: OutreachTab } => ({ tab: optionalEnum(search.tab, OUTREACH_TABS) }),
  component: function OutreachRoute() {
    const { tab } = outreachRoute.useSearch();
    const navigate = outreachRoute.useNavigate();
    return (
      <RequirePermission action="outreach.read" titleKey="outreachPage.title">
        <Suspense fallback={<LoadingState />}>
          <OutreachPage tab={tab ?? 'activities'} onTab={(next) => void navigate({ search: { tab: next } })} />
        </Suspense>
      </RequirePermission>
    );
  },
});
