import { createRoute } from '@tanstack/react-router';
import { optionalString } from '../lib/search-params.ts';
import { LoginPage } from '../modules/auth/login-page.tsx';
import { rootRoute } from './root.tsx';

export type LoginSearch = { redirect?: string };

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({ redirect: optionalString(search.redirect) }),
  component: LoginPage,
});
