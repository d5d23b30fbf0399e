/**
 * "Keep it on this device": key records in the extension origin's IndexedDB, one per
 * organization (`adminKey:<organization id>`; `adminKey` alone is the single key of earlier
 * versions, moved by key-store.ts). It survives browser restarts, and content scripts cannot
 * open it (it is the extension origin's database, not the page's). Only the worker and
 * extension pages use it; the record's shape is key-store.ts's (StoredAdminKey).
 */
const DB_NAME = 'refined-openai-platform';
const STORE = 'secrets';

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

export async function readDeviceKey<Record>(slot: string): Promise<Record | null> {
  return (await run<Record | undefined>('readonly', (store) => store.get(slot))) ?? null;
}

export async function writeDeviceKey<Record>(slot: string, record: Record): Promise<void> {
  await run('readwrite', (store) => store.put(record, slot));
}

export async function deleteDeviceKey(slot: string): Promise<void> {
  await run('readwrite', (store) => store.delete(slot));
}

/** Every slot that holds a record. */
export async function listDeviceKeySlots(): Promise<string[]> {
  return (await run<IDBValidKey[]>('readonly', (store) => store.getAllKeys())).filter((slot): slot is string => typeof slot === 'string');
}
