import type { CreateRoundInput } from '@binh-an/domain';
import {
  deleteOutboxRecord,
  deviceKey,
  getOutboxRecord,
  listOutboxRecords,
  type OutboxRecord,
  putOutboxRecord,
  readMeta,
  unlockDeviceStore,
  wipeDeviceStore,
  writeMeta,
} from './device-store.ts';
import { openJson, sealContext, sealJson } from './sealing.ts';

/** A round as the outbox keeps it: the body POST /rounds receives, and the names the queue shows. */
export type QueuedRound = {
  body: CreateRoundInput;
  label: { teamName: string; routeName: string | null };
};

/** Why the server refused a round, in its own (translated) words. */
export type Refusal = { status: number; message: string };

/** A waiting round, opened. */
export type OutboxEntry = {
  idempotencyKey: string;
  ownerUserId: string;
  savedAt: number;
  state: OutboxRecord['state'];
  attempts: number;
  nextAttemptAt: number;
  round: QueuedRound;
  refusal: Refusal | null;
};

/** How many rounds wait on this device: the account's own (waiting, refused) and other accounts'. */
export type OutboxCounts = { pending: number; refused: number; others: number };

const CHANNEL = 'binh-an-patrol-outbox';
const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function ensureChannel(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  // Outside a browser (tests on Node) the channel must not keep the process alive.
  (channel as BroadcastChannel & { unref?: () => void }).unref?.();
  channel.onmessage = () => {
    for (const listener of listeners) listener();
  };
}

/** Calls `listener` whenever the outbox changes, in this tab or another. */
export function onOutboxChange(listener: () => void): () => void {
  ensureChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells this tab and the others that the outbox changed. */
export function announceOutboxChange(): void {
  for (const listener of listeners) listener();
  ensureChannel();
  channel?.postMessage('changed');
}

/**
 * Saves a finished round into the outbox, sealed, with the Idempotency-Key it will be sent with on every attempt;
 * answers that key. The round is safe on the device from here on, whatever happens to the page or the network.
 */
export async function saveRound(ownerUserId: string, round: QueuedRound, now = Date.now()): Promise<string> {
  const key = await deviceKey();
  const idempotencyKey = crypto.randomUUID();
  await putOutboxRecord({
    idempotencyKey,
    ownerUserId,
    savedAt: now,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: 0,
    round: await sealJson(key, round, sealContext('round', idempotencyKey)),
    refusal: null,
  });
  announceOutboxChange();
  return idempotencyKey;
}

/** Opens one stored record. */
export async function openRecord(record: OutboxRecord): Promise<OutboxEntry> {
  const key = await deviceKey();
  const round = await openJson<QueuedRound>(key, record.round, sealContext('round', record.idempotencyKey));
  const refusal = record.refusal ? await openJson<Refusal>(key, record.refusal, sealContext('refusal', record.idempotencyKey)) : null;
  return { ...record, round, refusal };
}

/** The account's waiting rounds, opened, oldest first. */
export async function readOutbox(ownerUserId: string): Promise<OutboxEntry[]> {
  const records = (await listOutboxRecords()).filter((r) => r.ownerUserId === ownerUserId);
  return Promise.all(records.map(openRecord));
}

/** Counts without opening anything. */
export async function countOutbox(ownerUserId: string | null): Promise<OutboxCounts> {
  const records = await listOutboxRecords();
  const mine = records.filter((r) => r.ownerUserId === ownerUserId);
  return {
    pending: mine.filter((r) => r.state === 'pending').length,
    refused: mine.filter((r) => r.state === 'refused').length,
    others: records.length - mine.length,
  };
}

/** Every round on the device, of any account (what a logout would delete). */
export async function countAllOutbox(): Promise<number> {
  return (await listOutboxRecords()).length;
}

/** Marks a round refused by the server, keeping the reason (sealed) for the user to read. */
export async function markRefused(idempotencyKey: string, refusal: Refusal): Promise<void> {
  const record = await getOutboxRecord(idempotencyKey);
  if (!record) return;
  const key = await deviceKey();
  await putOutboxRecord({
    ...record,
    state: 'refused',
    refusal: await sealJson(key, refusal, sealContext('refusal', idempotencyKey)),
  });
  announceOutboxChange();
}

/** Puts a round back for a later attempt. */
export async function markRetry(idempotencyKey: string, nextAttemptAt: number): Promise<void> {
  const record = await getOutboxRecord(idempotencyKey);
  if (!record) return;
  await putOutboxRecord({ ...record, attempts: record.attempts + 1, nextAttemptAt });
}

/**
 * Replaces a refused round by the user's correction. It keeps its Idempotency-Key: a refusal writes nothing on the
 * server, so the corrected body is a first request there.
 */
export async function correctRound(idempotencyKey: string, round: QueuedRound): Promise<void> {
  const record = await getOutboxRecord(idempotencyKey);
  if (!record) return;
  const key = await deviceKey();
  await putOutboxRecord({
    ...record,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: 0,
    refusal: null,
    round: await sealJson(key, round, sealContext('round', idempotencyKey)),
  });
  announceOutboxChange();
}

/** Sends a refused round again as it is (after fixing something on the server, e.g. the route). */
export async function retryRound(idempotencyKey: string): Promise<void> {
  const record = await getOutboxRecord(idempotencyKey);
  if (!record) return;
  await putOutboxRecord({ ...record, state: 'pending', attempts: 0, nextAttemptAt: 0, refusal: null });
  announceOutboxChange();
}

/** Removes a round from the outbox: once sent, or discarded by the user. */
export async function removeRound(idempotencyKey: string): Promise<void> {
  await deleteOutboxRecord(idempotencyKey);
  announceOutboxChange();
}

/** The account last signed in on this device (the one the offline screens belong to). */
export function readDeviceUser(): Promise<string | undefined> {
  return readMeta<string>('currentUserId');
}

/** Records the account signed in (online) on this device; the store may be used again after a wipe. */
export async function writeDeviceUser(userId: string): Promise<void> {
  unlockDeviceStore();
  if ((await readDeviceUser()) !== userId) await writeMeta('currentUserId', userId);
}

export async function readLastSync(): Promise<number | null> {
  return (await readMeta<number>('lastSyncAt')) ?? null;
}

export async function writeLastSync(at: number): Promise<void> {
  await writeMeta('lastSyncAt', at);
}

/** Deletes everything the patrol screens keep on this device: key, outbox, drafts, field kit. */
export async function wipeDevice(): Promise<void> {
  await wipeDeviceStore();
  announceOutboxChange();
}
