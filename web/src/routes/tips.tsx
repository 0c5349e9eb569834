import { TIP_CATEGORIES, TIP_CHANNELS, TIP_CLASSES } from '@binh-an/domain';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalEnum, optionalString } from '../lib/search-params.ts';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import type { TipFilters } from '../modules/tips/api.ts';
import { TIP_VIEWS, type TipView } from '../modules/tips/views.ts';
import { signedInRoute } from './signed-in.tsx';

const TipsPage = lazyRouteComponent(() => import('../modules/tips/tips-page.tsx'), 'TipsPage');

/** The inbox's view and filters, all in the address so that Back, reload and shared links keep them. */
export type TipsSearch = TipFilters & { view?: TipView };

export const tipsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tips',
  validateSearch: (search: Record<string, unknown>): TipsSearch => ({
    view: optionalEnum(search.view, TIP_VIEWS),
    q: optionalString(search.q),
    category: optionalEnum(search.category, TIP_CATEGORIES),
    classification: optionalEnum(search.classification, TIP_CLASSES),
    unitId: optionalString(search.unitId),
    channel: optionalEnum(search.channel, TIP_CHANNELS),
  }),
  component: () => (
    <RequirePermission action="tip.read" titleKey="nav.tips">
      <TipsPage />
    </RequirePermission>
  ),
});
