import { createRoute } from '@tanstack/react-router';
import { TokensPage } from '../modules/tokens/tokens-page.tsx';
import { signedInRoute } from './signed-in.tsx';

export const tokensRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tokens',
  component: TokensPage,
});
