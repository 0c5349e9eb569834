import { createRoute, redirect } from '@tanstack/react-router';
import { ApiError } from '../lib/api.ts';
import { applyAccountLocaleOnce, meQueryOptions } from '../modules/auth/hooks.ts';
import { AppLayout } from '../modules/shell/app-layout.tsx';
import { rootRoute } from './root.tsx';

/** Every screen behind login: loads the account first, or sends the visitor to the login page. */
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions);
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
