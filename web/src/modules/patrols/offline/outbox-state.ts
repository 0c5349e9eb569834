import { useSyncExternalStore } from 'react';
import { countOutbox, onOutboxChange, readLastSync } from './outbox.ts';
import { postRound } from './send-round.ts';
import { type SyncResult, syncOutbox } from './sync.ts';

/** What the patrol screens show about the outbox: one sync indicator, words and numbers. */
export type OutboxState = {
  /** The counts have been read at least once. */
  isReady: boolean;
  /** The account's rounds waiting to be sent (not refused). */
  pending: number;
  /** The account's rounds the server refused, waiting for a correction or a discard. */
  refused: number;
  /** Rounds of other accounts on this device. */
  others: number;
  /** A pass is sending: done of total. */
  sending: { done: number; total: number } | null;
  lastSyncAt: number | null;
  /** Why the last pass stopped early. */
  problem: SyncResult['problem'];
  isOnline: boolean;
};

const SYNC_EVERY_MS = 30_000;

let state: OutboxState = {
  isReady: false,
  pending: 0,
  refused: 0,
  others: 0,
  sending: null,
  lastSyncAt: null,
  problem: null,
  isOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
};
const listeners = new Set<() => void>();
let userId: string | null = null;
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;
let stopChangeListener: (() => void) | null = null;

function setState(patch: Partial<OutboxState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

/** Reads the counts again (nothing is opened: counts only). */
export async function refreshOutboxState(): Promise<void> {
  try {
    const [counts, lastSyncAt] = await Promise.all([countOutbox(userId), readLastSync()]);
    setState({ ...counts, lastSyncAt, isReady: true, isOnline: navigator.onLine });
  } catch {
    // The store is being wiped (logout) or IndexedDB is unavailable: show nothing waiting.
    setState({ pending: 0, refused: 0, others: 0, isReady: true });
  }
}

/** One pass of the sync loop for the signed-in account; `force` ignores the backoff ("Gửi ngay"). */
export async function syncNow(force = false, accountId?: string): Promise<SyncResult | null> {
  if (accountId) userId = accountId;
  if (!userId) return null;
  if (typeof navigator !== 'undefined' && !navigator.onLine) {
    setState({ isOnline: false, problem: 'network' });
    return null;
  }
  const result = await syncOutbox({
    userId,
    send: postRound,
    force,
    onProgress: (done, total) => setState({ sending: total > 0 && done < total ? { done, total } : null }),
  });
  setState({ sending: null, problem: result.problem });
  await refreshOutboxState();
  return result;
}

function onOnline(): void {
  setState({ isOnline: true });
  void syncNow(true);
}

function onOffline(): void {
  setState({ isOnline: false });
}

/**
 * Starts the sync loop for an account while a patrol screen is open: at once, whenever the browser comes back
 * online, every 30 seconds, and on demand. Answers the function that stops it.
 */
export function startOutboxSync(accountId: string): () => void {
  if (userId !== accountId) {
    userId = accountId;
    void refreshOutboxState();
  }
  users += 1;
  if (users === 1) {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    stopChangeListener = onOutboxChange(() => void refreshOutboxState());
    timer = setInterval(() => void syncNow(false), SYNC_EVERY_MS);
  }
  void syncNow(false);
  return () => {
    users -= 1;
    if (users > 0) return;
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    stopChangeListener?.();
    stopChangeListener = null;
    if (timer) clearInterval(timer);
    timer = null;
  };
}

/** Forgets the account (after the device store was wiped). */
export function resetOutboxState(): void {
  userId = null;
  setState({ pending: 0, refused: 0, others: 0, sending: null, lastSyncAt: null, problem: null });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The outbox state, kept current. */
export function useOutboxState(): OutboxState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}
