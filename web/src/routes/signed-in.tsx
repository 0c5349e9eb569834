import { createRoute, redirect } from '@tanstack/react-router';
import { ApiError } from '../lib/api.ts';
import { applyAccountLocale, meQueryOptions } from '../modules/auth/hooks.ts';
import { AppLayout } from '../modules/shell/app-layout.tsx';
import { rootRoute } from './root.tsx';

let isAccountLocaleApplied = false;

/** Every screen behind login: loads the account first, or sends the visitor to the login page. */
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions);
      if (!isAccountLocaleApplied) {
        isAccountLocaleApplied = true;
        await applyAccountLocale(me);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw redirect({ to: '/login', search: { redirect: location.href === '/' ? undefined : location.href } });
      }
      throw error;
    }
  },
  component: AppLayout,
});

/** After a new login the account's language applies again. */
export function resetAccountLocale(): void {
  isAccountLocaleApplied = false;
}
