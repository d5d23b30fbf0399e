import type { KeyAccess } from '../admin-api/client';

/**
 * The admin key lives in the extension origin's IndexedDB: it survives browser restarts
 * (storage.session does not), and content scripts cannot open it (they can read
 * storage.local and storage.sync). Only the background worker and extension pages use it.
 */
export interface StoredAdminKey {
  key: string;
  /** Epoch milliseconds. */
  savedAt: number;
  /** What the key could read when it was verified, shown in options. */
  access: KeyAccess;
  /** Projects the key could list when it was verified; null when it may not list them. */
  projects: { id: string; name: string | null }[] | null;
}

const DB_NAME = 'refined-openai-platform';
const STORE = 'secrets';
const RECORD_ID = 'adminKey';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = operation(transaction.objectStore(STORE));
      // Resolving on the transaction, not the request, means a write is on disk when we return.
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

export async function getAdminKey(): Promise<StoredAdminKey | null> {
  return (await run<StoredAdminKey | undefined>('readonly', (store) => store.get(RECORD_ID))) ?? null;
}

export async function setAdminKey(record: StoredAdminKey): Promise<void> {
  await run('readwrite', (store) => store.put(record, RECORD_ID));
}

export async function removeAdminKey(): Promise<void> {
  await run('readwrite', (store) => store.delete(RECORD_ID));
}

/** "sk-admin-…wxyz": enough to recognize the key in OpenAI's list, useless to anyone else. */
export function redactKey(key: string): string {
  return `${key.slice(0, key.startsWith('sk-admin-') ? 9 : 3)}…${key.slice(-4)}`;
}
