import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import type { MeView } from '../auth/api.ts';
import { meQueryOptions } from '../auth/hooks.ts';
import { fetchFieldKit, loadTeamDetails } from './offline/field-kit.ts';
import { readDeviceUser, writeDeviceUser } from './offline/outbox.ts';
import { type FieldKit, loadKit, saveKit } from './offline/vault.ts';

/**
 * The record screen's session: online, the account and a fresh field kit (then kept sealed on the device); offline,
 * the account last signed in on this device and the kit it kept. A screen that has never been opened online on this
 * device cannot work offline ("Cần có mạng").
 */
export type FieldSession =
  | { status: 'loading' }
  | { status: 'ready'; kit: FieldKit; isFromDevice: boolean }
  | { status: 'needsNetwork' }
  | { status: 'error'; error: unknown };

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

export function useFieldSession(): { session: FieldSession; ensureTeam: (teamId: string) => Promise<void> } {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<FieldSession>({ status: 'loading' });

  useEffect(() => {
    let isCancelled = false;
    const set = (next: FieldSession) => {
      if (!isCancelled) setSession(next);
    };
    const fromDevice = async () => {
      const userId = await readDeviceUser().catch(() => undefined);
      const kit = userId ? await loadKit(userId).catch(() => null) : null;
      set(kit ? { status: 'ready', kit, isFromDevice: true } : { status: 'needsNetwork' });
    };
    void (async () => {
      // Without a network nothing is asked of the server (the browser would only log failed requests).
      if (isOffline()) return fromDevice();
      let me: MeView;
      try {
        me = await queryClient.fetchQuery(meQueryOptions);
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) return fromDevice();
        // A 401 has already sent the user to the login page, to come back here.
        if (error instanceof ApiError && error.status === 401) return;
        return set({ status: 'error', error });
      }
      await writeDeviceUser(me.user.id).catch(() => undefined);
      const kept = await loadKit(me.user.id).catch(() => null);
      if (kept) set({ status: 'ready', kit: kept, isFromDevice: true });
      try {
        const kit = await fetchFieldKit({ id: me.user.id, displayName: me.user.displayName }, kept);
        await saveKit(kit).catch(() => undefined);
        set({ status: 'ready', kit, isFromDevice: false });
      } catch (error) {
        if (!kept) set(error instanceof ApiError && error.status === 0 ? { status: 'needsNetwork' } : { status: 'error', error });
      }
    })();
    return () => {
      isCancelled = true;
    };
  }, [queryClient]);

  /** Loads a team's roster and routes when an officer chooses it (online), and keeps them for offline use. */
  const ensureTeam = useCallback(
    async (teamId: string) => {
      if (session.status !== 'ready' || isOffline()) return;
      const team = session.kit.teams.find((t) => t.id === teamId);
      if (!team || team.members) return;
      try {
        const loaded = await loadTeamDetails(team);
        const kit = { ...session.kit, teams: session.kit.teams.map((t) => (t.id === teamId ? loaded : t)) };
        await saveKit(kit).catch(() => undefined);
        setSession({ status: 'ready', kit, isFromDevice: session.isFromDevice });
      } catch {
        // Offline or refused: the team stays without a roster; guests can still be listed.
      }
    },
    [session],
  );

  return { session, ensureTeam };
}
