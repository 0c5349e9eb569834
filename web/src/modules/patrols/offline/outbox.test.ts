import 'fake-indexeddb/auto';
import type { CreateRoundInput } from '@binh-an/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEVICE_DB_NAME,
  deviceKey,
  listOutboxRecords,
  type OutboxRecord,
  putOutboxRecord,
  readVault,
  unlockDeviceStore,
} from './device-store.ts';
import { correctRound, countOutbox, openRecord, type QueuedRound, readOutbox, saveRound, wipeDevice } from './outbox.ts';
import { openJson, sealContext, sealJson } from './sealing.ts';
import { type AttemptAnswer, outcomeOfStatus, retryDelayMs, syncOutbox } from './sync.ts';
import { loadDraft, loadKit, saveDraft, saveKit } from './vault.ts';

const USER = '6fd7e1c3-c99b-42a7-b481-fae4d4786c59';
const OTHER_USER = 'a1d7e1c3-c99b-42a7-b481-fae4d4786c59';
const TEAM = 'e43a18c7-927b-432b-b1f8-3bade681990a';
// Words that must never be found in the stored bytes.
const CANARY_NAME = 'Nguyễn Thị Canh Gác';
const CANARY_NOTE = 'ghi-chu-bi-mat-7731';

function round(note = CANARY_NOTE): QueuedRound {
  const body: CreateRoundInput = {
    teamId: TEAM,
    startedAt: '2026-11-26T20:00:00+07:00',
    endedAt: '2026-11-26T22:00:00+07:00',
    participants: [{ name: CANARY_NAME, kind: 'civilian' }],
    note,
  };
  return { body, label: { teamName: 'Tổ bảo vệ ANTT', routeName: null } };
}

/** Every byte the database holds for the outbox and the vault, as text (UTF-8 and UTF-16 readings of buffers). */
async function storedText(): Promise<string> {
  const records = await listOutboxRecords();
  const parts: string[] = [];
  const add = (value: unknown) => {
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer);
      parts.push(new TextDecoder().decode(bytes), Buffer.from(bytes).toString('latin1'));
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) add(v);
    } else parts.push(String(value));
  };
  for (const r of records) add(r);
  add(await readVault(`draft:${USER}`));
  add(await readVault(`kit:${USER}`));
  return parts.join('\n');
}

/** A server that keeps one round per key and replays its first answer, as POST /rounds does. */
function fakeServer() {
  const stored = new Map<string, string>();
  const calls: string[] = [];
  let loseNextAnswer = false;
  let nextStatus: number | null = null;
  const send = async (key: string, body: CreateRoundInput): Promise<AttemptAnswer> => {
    calls.push(key);
    if (nextStatus !== null) {
      const status = nextStatus;
      nextStatus = null;
      return { status, message: status === 422 ? 'Giờ kết thúc phải sau giờ bắt đầu.' : 'lỗi' };
    }
    const json = JSON.stringify(body);
    const previous = stored.get(key);
    if (previous !== undefined && previous !== json) return { status: 422, message: 'other body' };
    stored.set(key, json);
    if (loseNextAnswer) {
      loseNextAnswer = false;
      return { status: 0, message: 'network' };
    }
    return { status: 201, message: '' };
  };
  return {
    send,
    calls,
    stored,
    loseNextAnswer: () => {
      loseNextAnswer = true;
    },
    answerNext: (status: number) => {
      nextStatus = status;
    },
  };
}

beforeEach(() => {
  unlockDeviceStore();
});
afterEach(async () => {
  await wipeDevice();
});

describe('the sealing', () => {
  it('round-trips a value and refuses another context or a changed byte', async () => {
    const key = await deviceKey();
    const sealed = await sealJson(key, { a: 'Lê Văn Bình' }, sealContext('round', 'k1'));
    expect(await openJson(key, sealed, sealContext('round', 'k1'))).toEqual({ a: 'Lê Văn Bình' });
    await expect(openJson(key, sealed, sealContext('round', 'k2'))).rejects.toThrow();
    const tampered = new Uint8Array(sealed.ciphertext.slice(0));
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    await expect(openJson(key, { iv: sealed.iv, ciphertext: tampered.buffer }, sealContext('round', 'k1'))).rejects.toThrow();
  });

  it('keeps one non-extractable device key until the wipe', async () => {
    const key = await deviceKey();
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    const sealed = await sealJson(key, 'x', sealContext('kit', USER));
    expect(await openJson(await deviceKey(), sealed, sealContext('kit', USER))).toBe('x');
  });
});

describe('the outbox', () => {
  it('stores a round sealed — no name or note in clear — and opens it again', async () => {
    const idempotencyKey = await saveRound(USER, round());
    const [record] = await listOutboxRecords();
    expect(record).toMatchObject({ idempotencyKey, ownerUserId: USER, state: 'pending', attempts: 0 });
    expect(record?.round.iv).toBeInstanceOf(Uint8Array);
    expect(record?.round.iv.byteLength).toBe(12);
    expect(record?.round.ciphertext).toBeInstanceOf(ArrayBuffer);
    const text = await storedText();
    expect(text).not.toContain(CANARY_NOTE);
    expect(text).not.toContain('Canh Gác');
    expect(text).not.toContain('Canh G');
    const [entry] = await readOutbox(USER);
    expect(entry?.round).toEqual(round());
  });

  it('keeps the draft and the field kit sealed too', async () => {
    await saveDraft(USER, { note: CANARY_NOTE });
    await saveKit({
      user: { id: USER, displayName: 'Lê Văn Bình' },
      canManage: false,
      teams: [
        {
          id: TEAM,
          name: 'Tổ',
          kind: 'security_team',
          force: 'civilian',
          myMemberId: null,
          members: [{ id: TEAM, fullName: CANARY_NAME, role: 'member', force: 'civilian' }],
          routes: [],
        },
      ],
      shifts: [],
      savedAt: 1,
    });
    const text = await storedText();
    expect(text).not.toContain(CANARY_NOTE);
    expect(text).not.toContain('Canh Gác');
    expect(await loadDraft(USER)).toEqual({ note: CANARY_NOTE });
    expect((await loadKit(USER))?.teams[0]?.members?.[0]?.fullName).toBe(CANARY_NAME);
  });

  it('does not open a sealed round moved to another record', async () => {
    const first = await saveRound(USER, round('một'));
    await saveRound(USER, round('hai'));
    const records = await listOutboxRecords();
    const a = records.find((r) => r.idempotencyKey === first) as OutboxRecord;
    const b = records.find((r) => r.idempotencyKey !== first) as OutboxRecord;
    await putOutboxRecord({ ...b, round: a.round });
    await expect(openRecord({ ...b, round: a.round })).rejects.toThrow();
  });
});

describe('the sync', () => {
  it('sends each round once and empties the outbox', async () => {
    const server = fakeServer();
    for (let i = 0; i < 5; i++) await saveRound(USER, round(`vòng ${i}`));
    const result = await syncOutbox({ userId: USER, send: server.send });
    expect(result).toEqual({ sent: 5, refused: 0, waiting: 0, problem: null });
    expect(server.stored.size).toBe(5);
    expect(await listOutboxRecords()).toEqual([]);
  });

  it('resends a round whose answer was lost with the same key, so the server keeps exactly one', async () => {
    const server = fakeServer();
    const key = await saveRound(USER, round());
    server.loseNextAnswer();
    const first = await syncOutbox({ userId: USER, send: server.send });
    expect(first).toMatchObject({ sent: 0, waiting: 1, problem: 'network' });
    const [waiting] = await listOutboxRecords();
    expect(waiting).toMatchObject({ idempotencyKey: key, attempts: 1 });
    expect(waiting?.nextAttemptAt).toBeGreaterThan(Date.now());
    // The backoff holds the round back …
    expect(await syncOutbox({ userId: USER, send: server.send })).toMatchObject({ sent: 0, waiting: 1 });
    // … until "Gửi ngay".
    expect(await syncOutbox({ userId: USER, send: server.send, force: true })).toMatchObject({ sent: 1, waiting: 0 });
    expect(server.calls).toEqual([key, key]);
    expect(server.stored.size).toBe(1);
  });

  it('keeps a refused round with the server’s words; the correction keeps its key', async () => {
    const server = fakeServer();
    const key = await saveRound(USER, round());
    server.answerNext(422);
    expect(await syncOutbox({ userId: USER, send: server.send })).toMatchObject({ sent: 0, refused: 1, waiting: 0 });
    const [entry] = await readOutbox(USER);
    expect(entry).toMatchObject({ state: 'refused', refusal: { status: 422, message: 'Giờ kết thúc phải sau giờ bắt đầu.' } });
    expect(await countOutbox(USER)).toEqual({ pending: 0, refused: 1, others: 0 });
    // A refused round is not sent again by itself.
    expect(await syncOutbox({ userId: USER, send: server.send, force: true })).toMatchObject({ sent: 0 });
    await correctRound(key, round('đã sửa'));
    expect(await syncOutbox({ userId: USER, send: server.send })).toMatchObject({ sent: 1 });
    expect(server.calls).toEqual([key, key]);
  });

  it('waits for the next sign-in on 401 and retries later on 5xx', async () => {
    const server = fakeServer();
    await saveRound(USER, round());
    server.answerNext(401);
    expect(await syncOutbox({ userId: USER, send: server.send })).toMatchObject({ problem: 'signedOut', waiting: 1 });
    expect((await listOutboxRecords())[0]).toMatchObject({ state: 'pending', attempts: 0 });
    server.answerNext(503);
    expect(await syncOutbox({ userId: USER, send: server.send })).toMatchObject({ problem: 'server', waiting: 1 });
    expect((await listOutboxRecords())[0]).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it("never sends another account's rounds", async () => {
    const server = fakeServer();
    await saveRound(OTHER_USER, round());
    expect(await countOutbox(USER)).toEqual({ pending: 0, refused: 0, others: 1 });
    expect(await syncOutbox({ userId: USER, send: server.send, force: true })).toMatchObject({ sent: 0 });
    expect(server.calls).toEqual([]);
  });

  it('classifies answers and backs off', () => {
    expect([201, 200, 401, 0, 408, 409, 429, 500, 503, 400, 403, 404, 422].map(outcomeOfStatus)).toEqual([
      'sent',
      'sent',
      'signedOut',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 600_000]);
  });
});

describe('the wipe', () => {
  it('deletes the database: the rounds, the drafts and the key', async () => {
    await saveRound(USER, round());
    await saveDraft(USER, { note: 'x' });
    const sealed = await sealJson(await deviceKey(), 'x', sealContext('kit', USER));
    await wipeDevice();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(DEVICE_DB_NAME);
    // A late write (a draft saved just after the logout) cannot bring the store back …
    await expect(saveDraft(USER, { note: CANARY_NOTE })).rejects.toThrow();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DEVICE_DB_NAME);
    // … until an account signs in again.
    unlockDeviceStore();
    expect(await listOutboxRecords()).toEqual([]);
    expect(await loadDraft(USER)).toBeNull();
    // A new key after the wipe: what the old one sealed no longer opens.
    await expect(openJson(await deviceKey(), sealed, sealContext('kit', USER))).rejects.toThrow();
  });
});

describe('passes at the same time', () => {
  it('join a running pass, and a forced one runs again after it', async () => {
    const server = fakeServer();
    await saveRound(USER, round('a'));
    server.loseNextAnswer();
    const first = syncOutbox({ userId: USER, send: server.send, force: true });
    const joined = syncOutbox({ userId: USER, send: server.send });
    const forced = syncOutbox({ userId: USER, send: server.send, force: true });
    expect(await joined).toBe(await first);
    expect(await first).toMatchObject({ sent: 0, problem: 'network' });
    expect(await forced).toMatchObject({ sent: 1, waiting: 0 });
    expect(server.stored.size).toBe(1);
  });
});
