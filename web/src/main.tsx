import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/latin-ext-400.css';
import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-500.css';
import '@fontsource/be-vietnam-pro/latin-ext-500.css';
import '@fontsource/be-vietnam-pro/latin-500.css';
import '@fontsource/be-vietnam-pro/vietnamese-700.css';
import '@fontsource/be-vietnam-pro/latin-ext-700.css';
import '@fontsource/be-vietnam-pro/latin-700.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiError, onUnauthenticated } from './lib/api.ts';
import { currentLocale, i18n, isLocale, loadFirstScreen, loadLocale } from './lib/i18n.ts';
import { fetchMeEarly } from './modules/auth/hooks.ts';
import { createAppRouter } from './routes/router.tsx';
import { cssVariablesResolver, theme } from './ui/theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a validation problem will not change by asking again; only retry network and server trouble.
      retry: (failureCount, error) => failureCount < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

const router = createAppRouter(queryClient);

// Any address but the sign-in page is a screen behind login (or sends there): ask who is signed in right away. Signed
// in, the screen needs its whole language and the code of the layout and of the screen the address names: all are
// fetched, side by side, as soon as that is known.
if (!window.location.pathname.startsWith('/app/login')) {
  fetchMeEarly(queryClient, (me) => {
    void loadLocale(isLocale(me.user.locale) ? me.user.locale : currentLocale()).catch(() => undefined);
    const { pathname, search } = router.state.location;
    for (const match of router.matchRoutes(pathname, search)) {
      const route = router.routesById[match.routeId as keyof typeof router.routesById];
      if (route) void Promise.resolve(router.loadRouteChunk(route)).catch(() => undefined);
    }
  });
}

// Whenever the session turns out to be gone, go to the login page and come back here afterwards.
onUnauthenticated(() => {
  const location = router.state.location;
  if (location.pathname === '/login') return;
  queryClient.clear();
  void router.navigate({ to: '/login', search: { redirect: location.href }, replace: true });
});

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

/**
 * Attaches the stylesheets index.html preloads (a build does not let them block the first paint, as there is nothing to
 * paint before this script runs) and resolves once they are applied, so that nothing shows unstyled.
 */
function applyPreloadedStyles(): Promise<void> {
  const preloaded = [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="style"]')];
  return Promise.all(
    preloaded.map(
      (preload) =>
        new Promise<void>((resolve) => {
          const sheet = document.createElement('link');
          sheet.rel = 'stylesheet';
          if (preload.crossOrigin !== null) sheet.crossOrigin = preload.crossOrigin;
          sheet.href = preload.href;
          sheet.addEventListener('load', () => resolve());
          sheet.addEventListener('error', () => resolve());
          preload.after(sheet);
        }),
    ),
  ).then(() => undefined);
}

// The first screen waits for its strings in its language (fetched on demand), so that it never shows message keys;
// every other screen waits for the rest of the language (routes/signed-in.tsx, routes/patrols-record.tsx).
void Promise.all([loadFirstScreen(currentLocale()).catch(() => undefined), applyPreloadedStyles()]).then(() => {
  // Rendered as a transition, so that the first render yields to the browser instead of blocking it in one long task.
  const root = createRoot(container);
  startTransition(() =>
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
            <Notifications position="top-right" limit={4} className="app-notifications" />
            <QueryClientProvider client={queryClient}>
              <RouterProvider router={router} />
            </QueryClientProvider>
          </MantineProvider>
        </I18nextProvider>
      </StrictMode>,
    ),
  );
});
