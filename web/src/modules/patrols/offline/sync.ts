import type { CreateRoundInput } from '@binh-an/domain';
import { listOutboxRecords } from './device-store.ts';
import { announceOutboxChange, markRefused, markRetry, openRecord, removeRound, writeLastSync } from './outbox.ts';

/** What the server's answer to one attempt means for the round. */
export type AttemptOutcome = 'sent' | 'refused' | 'retry' | 'signedOut';

/**
 * The rule of the sync loop for an answer of POST /rounds:
 * - 2xx (201, or the first answer replayed for the same key and body): the round is on the server — remove it;
 * - 401: the session is over — keep everything and wait for the user to sign in again;
 * - 0 (no answer: offline, connection lost), 408, 429, 5xx, and 409 (the same key still being handled by another
 *   attempt): try again later with a longer wait;
 * - any other 4xx: the server refuses this round as it is — keep it, marked refused with the server's words, until the
 *   user corrects or discards it.
 */
export function outcomeOfStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401) return 'signedOut';
  if (status === 0 || status === 408 || status === 409 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

/** The wait before the next attempt after `attempts` failed ones: 5 s, 10 s, 20 s … at most 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** One attempt: the status the server answered (0 when none came) and its message. */
export type AttemptAnswer = { status: number; message: string };
export type RoundSender = (idempotencyKey: string, body: CreateRoundInput) => Promise<AttemptAnswer>;

export type SyncResult = {
  sent: number;
  refused: number;
  /** Rounds of the account still waiting after this pass. */
  waiting: number;
  /** The pass stopped on a missing answer (offline) or a server failure. */
  problem: 'network' | 'server' | 'signedOut' | null;
};

export type SyncOptions = {
  userId: string;
  /** One attempt at the server (`postRound` in the app). */
  send: RoundSender;
  now?: () => number;
  /** Also send rounds whose backoff has not run out ("Gửi ngay"). */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
};

/**
 * One pass over the account's waiting rounds, oldest first, one at a time. Each attempt carries the round's own
 * Idempotency-Key, so a round whose answer was lost is recorded once however often it is sent.
 */
async function syncPass({ userId, send, now = Date.now, force = false, onProgress }: SyncOptions): Promise<SyncResult> {
  const records = (await listOutboxRecords()).filter(
    (r) => r.ownerUserId === userId && r.state === 'pending' && (force || r.nextAttemptAt <= now()),
  );
  const result: SyncResult = { sent: 0, refused: 0, waiting: 0, problem: null };
  let done = 0;
  onProgress?.(0, records.length);
  for (const record of records) {
    const entry = await openRecord(record);
    const answer = await send(record.idempotencyKey, entry.round.body);
    const outcome = outcomeOfStatus(answer.status);
    if (outcome === 'sent') {
      await removeRound(record.idempotencyKey);
      result.sent += 1;
    } else if (outcome === 'refused') {
      await markRefused(record.idempotencyKey, { status: answer.status, message: answer.message });
      result.refused += 1;
    } else if (outcome === 'signedOut') {
      result.problem = 'signedOut';
      break;
    } else {
      await markRetry(record.idempotencyKey, now() + retryDelayMs(record.attempts + 1));
      result.problem = answer.status === 0 ? 'network' : 'server';
      // Without a network the others would fail the same way; they wait for the next pass.
      if (answer.status === 0) break;
    }
    done += 1;
    onProgress?.(done, records.length);
  }
  const left = (await listOutboxRecords()).filter((r) => r.ownerUserId === userId && r.state === 'pending');
  result.waiting = left.length;
  if (result.problem === null && (result.sent > 0 || records.length > 0)) await writeLastSync(now());
  announceOutboxChange();
  return result;
}

let running: Promise<SyncResult> | null = null;

/**
 * Sends what waits, once at a time in this tab and, where the browser has Web Locks, across tabs (a second tab's pass
 * waits for the first and then finds the rounds gone). Safe to call from any trigger: page load, `online`, the timer,
 * "Gửi ngay".
 */
export function syncOutbox(options: SyncOptions): Promise<SyncResult> {
  // A pass is under way: a forced one ("Gửi ngay", back online) runs again right after it, the others join it.
  if (running) return options.force ? running.then(() => syncOutbox(options)) : running;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const pass: Promise<SyncResult> = locks
    ? new Promise<SyncResult>((resolve, reject) => {
        // The lock is held until the pass ends.
        locks.request('binh-an-patrol-sync', () => syncPass(options).then(resolve, reject)).catch(reject);
      })
    : syncPass(options);
  const current = pass.finally(() => {
    running = null;
  });
  running = current;
  return current;
}
