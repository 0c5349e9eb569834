import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { ApiError } from '../lib/api.ts';
import { currentLocale, loadLocale } from '../lib/i18n.ts';
import { applyAccountLocaleOnce, loadMe } from '../modules/auth/hooks.ts';
import { rootRoute } from './root.tsx';

const AppLayout = lazyRouteComponent(() => import('../modules/shell/app-layout.tsx'), 'AppLayout');

/** Every screen behind login: loads the account first, or sends the visitor to the login page. */
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await loadMe(context.queryClient);
      await applyAccountLocaleOnce(me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw redirect({ to: '/login', search: { redirect: location.href === '/' ? undefined : location.href } });
      }
      throw error;
    }
  },
  // The screens behind login need the whole language, not only the sign-in's strings (lib/i18n.ts); it is fetched
  // while the layout's and the screen's code load, and they show once all are here.
  loader: () => loadLocale(currentLocale()),
  component: AppLayout,
});
