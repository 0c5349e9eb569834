import { createRoute } from '@tanstack/react-router';
import { RequirePermission } from '../modules/auth/require-permission.tsx';
import { TokensPage } from '../modules/tokens/tokens-page.tsx';
import { signedInRoute } from './signed-in.tsx';

export const tokensRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tokens',
  component: () => (
    <RequirePermission action="token.manage" titleKey="nav.tokens">
      <TokensPage />
    </RequirePermission>
  ),
});
