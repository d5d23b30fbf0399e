/**
 * "Keep it on this device": the key record in the extension origin's IndexedDB. It
 * survives browser restarts, and content scripts cannot open it (it is the extension
 * origin's database, not the page's). Only the worker and extension pages use it; the
 * record's shape is key-store.ts's (StoredAdminKey).
 */
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

export async function readDeviceKey<Record>(): Promise<Record | null> {
  return (await run<Record | undefined>('readonly', (store) => store.get(RECORD_ID))) ?? null;
}

export async function writeDeviceKey<Record>(record: Record): Promise<void> {
  await run('readwrite', (store) => store.put(record, RECORD_ID));
}

export async function deleteDeviceKey(): Promise<void> {
  await run('readwrite', (store) => store.delete(RECORD_ID));
}
