import type { Action, Locale } from '@binh-an/domain';
import { type QueryClient, queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { changeLocale, currentLocale, storeLocale } from '../../lib/i18n.ts';
import { fetchMe, type MeView, meQueryKey, saveLocale } from './api.ts';

/** The session query; kept for the whole visit and refreshed on focus. */
export const meQueryOptions = queryOptions({
  queryKey: meQueryKey,
  queryFn: fetchMe,
  staleTime: 60_000,
  retry: false,
});

let earlyMe: Promise<MeView> | null = null;

/**
 * Asks the server who is signed in as the app starts, in parallel with the first screen's strings, when the address is
 * a screen behind login; the signed-in layout then takes this answer (once) instead of asking again.
 */
export function fetchMeEarly(queryClient: QueryClient, whenSignedIn: (me: MeView) => void): void {
  earlyMe = queryClient.fetchQuery(meQueryOptions);
  earlyMe.then(whenSignedIn, () => undefined);
}

/** The signed-in account for the signed-in layout: the early answer the first time, then the cached one. */
export function loadMe(queryClient: QueryClient): Promise<MeView> {
  const early = earlyMe;
  earlyMe = null;
  return early ?? queryClient.ensureQueryData(meQueryOptions);
}

/** The signed-in account; only used under the signed-in layout, which loads it first. */
export function useMe(): MeView {
  return useSuspenseQuery(meQueryOptions).data;
}

/** Whether the signed-in account may perform an action (the server decides; this only hides what would be refused). */
export function useCan(): (action: Action) => boolean {
  const me = useMe();
  return useCallback((action: Action) => me.actions.includes(action), [me.actions]);
}

/** Switches the UI language, remembers it on the device and, when signed in, on the account. */
export function useChangeLocale(): (locale: Locale) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (locale: Locale) => {
      if (locale === currentLocale()) return;
      storeLocale(locale);
      await changeLocale(locale);
      const me = queryClient.getQueryData<MeView>(meQueryKey);
      if (!me) return;
      queryClient.setQueryData<MeView>(meQueryKey, { ...me, user: { ...me.user, locale } });
      try {
        await saveLocale(locale);
      } catch {
        // The choice still holds on this device; the account keeps its old language until the next change.
      }
      // Server-translated texts (labels in lists, problem messages) follow the new language.
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    },
    [queryClient],
  );
}

/** On sign-in or reload, the account's saved language wins over the device's. */
export async function applyAccountLocale(me: MeView): Promise<void> {
  isAccountLocaleApplied = true;
  if (me.user.locale && me.user.locale !== currentLocale()) {
    storeLocale(me.user.locale);
    await changeLocale(me.user.locale);
  }
}

let isAccountLocaleApplied = false;

/** Applies the account's language the first time the account is loaded in this visit (later choices stand). */
export async function applyAccountLocaleOnce(me: MeView): Promise<void> {
  if (!isAccountLocaleApplied) await applyAccountLocale(me);
}

/** After signing out, the next account's language applies again. */
export function resetAccountLocale(): void {
  isAccountLocaleApplied = false;
}
