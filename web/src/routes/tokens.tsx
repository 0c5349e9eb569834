import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { signedInRoute } from './signed-in.tsx';

const TokensPage = lazyRouteComponent(() => import('../modules/tokens/tokens-page.tsx'), 'TokensPage');

export const tokensRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tokens',
  component: () => (
    <RequirePermission action="token.manage" titleKey="nav.tokens">
      <TokensPage />
    </RequirePermission>
  ),
});
