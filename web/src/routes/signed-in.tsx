import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { ApiError } from '../lib/api.ts';
import { currentLocale, loadLocale } from '../lib/i18n.ts';
import { applyAccountLocaleOnce, meQueryOptions } from '../modules/auth/hooks.ts';
import { rootRoute } from './root.tsx';

const AppLayout = lazyRouteComponent(() => import('../modules/shell/app-layout.tsx'), 'AppLayout');

/** Every screen behind login: loads the account first, or sends the visitor to the login page. */
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions);
      await applyAccountLocaleOnce(me);
      // The screens behind login need the whole language, not only the sign-in's strings (lib/i18n.ts).
      await loadLocale(currentLocale());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw redirect({ to: '/login', search: { redirect: location.href === '/' ? undefined : location.href } });
      }
      throw error;
    }
  },
  component: AppLayout,
});
