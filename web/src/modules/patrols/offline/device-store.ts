import { generateDeviceKey, type Sealed } from './sealing.ts';

/**
 * The patrol phone's IndexedDB database. Three stores:
 * - `meta`: the device key (a non-extractable CryptoKey), the account last signed in here, the last sync time;
 * - `outbox`: the rounds waiting to be sent, one record per Idempotency-Key, the round itself sealed;
 * - `vault`: sealed values per account — the unfinished form and the field kit (teams, members' names, routes, shifts).
 * Nothing personal is stored in clear. Logout deletes the whole database (`wipeDeviceStore`).
 */
export const DEVICE_DB_NAME = 'binh-an-patrol';
const DB_VERSION = 1;

/** A round waiting in the outbox. Only the round and the server's refusal are personal, and both are sealed. */
export type OutboxRecord = {
  /** Made when the round is saved, sent with every attempt: the server keeps one round per key. */
  idempotencyKey: string;
  /** The account that recorded it: only that account sends it. */
  ownerUserId: string;
  /** When the round was saved on the device (ms). */
  savedAt: number;
  /** Waiting to be sent, or refused by the server until the user fixes or discards it. */
  state: 'pending' | 'refused';
  attempts: number;
  /** Not before this time (ms): backoff after a network or server failure. */
  nextAttemptAt: number;
  round: Sealed;
  /** The server's refusal (status and message), sealed. */
  refusal: Sealed | null;
};

type MetaName = 'key' | 'currentUserId' | 'lastSyncAt';

let connection: Promise<IDBDatabase> | null = null;
/**
 * Set by the wipe at logout until an account signs in again: a late write (a draft saved a moment after the logout)
 * must not bring the database back with what was typed.
 */
let isLocked = false;

/** Lets the store be used again after a sign-in. */
export function unlockDeviceStore(): void {
  isLocked = false;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  if (isLocked) return Promise.reject(new Error('The patrol store was wiped at logout.'));
  if (connection) return connection;
  const opening = new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DEVICE_DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
      if (!db.objectStoreNames.contains('vault')) db.createObjectStore('vault');
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab wiping the store (logout) asks every open connection to close first.
      db.onversionchange = () => {
        db.close();
        connection = null;
      };
      db.onclose = () => {
        connection = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('The patrol store is blocked by another tab.'));
  });
  connection = opening;
  opening.catch(() => {
    if (connection === opening) connection = null;
  });
  return opening;
}

async function withStore<T>(
  name: 'meta' | 'outbox' | 'vault',
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase();
  const tx = db.transaction(name, mode);
  const result = requestResult(run(tx.objectStore(name)));
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
  const [value] = await Promise.all([result, done]);
  return value;
}

export function readMeta<T>(name: MetaName): Promise<T | undefined> {
  return withStore('meta', 'readonly', (store) => store.get(name) as IDBRequest<T | undefined>);
}

export async function writeMeta(name: MetaName, value: unknown): Promise<void> {
  await withStore('meta', 'readwrite', (store) => store.put(value, name));
}

/**
 * The device key, made on first use after a sign-in (or after the last wipe) and kept as a non-extractable CryptoKey:
 * script on the page can use it, but nothing can read its bytes out.
 */
export async function deviceKey(): Promise<CryptoKey> {
  const existing = await readMeta<CryptoKey>('key');
  if (existing) return existing;
  const made = await generateDeviceKey();
  try {
    await withStore('meta', 'readwrite', (store) => store.add(made, 'key'));
    return made;
  } catch {
    // Another tab made one at the same moment: use that one.
    const other = await readMeta<CryptoKey>('key');
    if (!other) throw new Error('No device key');
    return other;
  }
}

export async function putOutboxRecord(record: OutboxRecord): Promise<void> {
  await withStore('outbox', 'readwrite', (store) => store.put(record));
}

export function getOutboxRecord(idempotencyKey: string): Promise<OutboxRecord | undefined> {
  return withStore('outbox', 'readonly', (store) => store.get(idempotencyKey) as IDBRequest<OutboxRecord | undefined>);
}

/** Every waiting round, oldest first. */
export async function listOutboxRecords(): Promise<OutboxRecord[]> {
  const all = await withStore('outbox', 'readonly', (store) => store.getAll() as IDBRequest<OutboxRecord[]>);
  return all.sort((a, b) => a.savedAt - b.savedAt || a.idempotencyKey.localeCompare(b.idempotencyKey));
}

export async function deleteOutboxRecord(idempotencyKey: string): Promise<void> {
  await withStore('outbox', 'readwrite', (store) => store.delete(idempotencyKey));
}

export function readVault(id: string): Promise<Sealed | undefined> {
  return withStore('vault', 'readonly', (store) => store.get(id) as IDBRequest<Sealed | undefined>);
}

export async function writeVault(id: string, sealed: Sealed): Promise<void> {
  await withStore('vault', 'readwrite', (store) => store.put(sealed, id));
}

export async function deleteVault(id: string): Promise<void> {
  await withStore('vault', 'readwrite', (store) => store.delete(id));
}

/**
 * Deletes the whole database — key, outbox, drafts and field kit — and waits until it is gone. Open connections of
 * this page are closed first; other tabs close theirs when asked (`versionchange`).
 */
export async function wipeDeviceStore(): Promise<void> {
  isLocked = true;
  const open = connection;
  connection = null;
  if (open) {
    try {
      (await open).close();
    } catch {
      // It never opened: nothing to close.
    }
  }
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DEVICE_DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Blocked: another tab has not closed yet; the deletion completes when it does (onsuccess follows).
    request.onblocked = () => undefined;
  });
}
