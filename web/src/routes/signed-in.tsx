import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { ApiError } from '../lib/api.ts';
import { currentLocale, loadLocale } from '../lib/i18n.ts';
import { applyAccountLocaleOnce, loadMe } from '../modules/auth/hooks.ts';
import { rootRoute } from './root.tsx';

/**
 * The screens behind login need the whole language, not only the sign-in's strings (lib/i18n.ts): it is fetched with
 * the layout's code, while the screen's own code loads beside them, and nothing shows before all are here.
 */
const AppLayout = lazyRouteComponent(
  () => Promise.all([import('../modules/shell/app-layout.tsx'), loadLocale(currentLocale())]).then(([module]) => module),
  'AppLayout',
);

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
  component: AppLayout,
});
