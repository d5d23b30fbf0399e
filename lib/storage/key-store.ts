import { arrayOf, isNumber, isRecord, isString, nullable, shape } from '../core/stored-shape';
import type { KeyAccess } from '../admin-api/client';
import { defineVersionedItem } from './versioned-item';
import { deleteDeviceKey, readDeviceKey, writeDeviceKey } from './key-database';

/**
 * Where the admin key is kept, as the user chose in options:
 * - 'device' ("Keep it on this device"): the extension's IndexedDB (key-database.ts); it
 *   survives browser restarts until the user removes it.
 * - 'session' ("Forget the key when the browser closes"): storage.session, held in memory
 *   and emptied when the browser closes (and when the extension updates or reloads).
 *   Only trusted contexts, the worker and extension pages, may open that area
 *   (storage-access.ts); content scripts cannot.
 * Either way the key is stored as it is, not encrypted: anything able to read the
 * browser profile (or, for the session, the browser's memory) can read it. The key is
 * only ever in one of the two places. The worker alone writes it (lib/background/worker.ts:
 * saveKey, setKeyRetention, removeKey); options read it.
 */
export type KeyRetention = 'device' | 'session';

export interface StoredAdminKey {
  key: string;
  /** Epoch milliseconds. */
  savedAt: number;
  /** What the key could read when it was verified, shown in options. */
  access: KeyAccess;
  /** Projects the key could list when it was verified; null when it may not list them. */
  projects: { id: string; name: string | null }[] | null;
  /**
   * Epoch milliseconds at which OpenAI says the key expires; null when it says the key
   * does not expire; absent when it did not say (the key may not list admin keys, or was
   * saved before the extension asked).
   */
  expiresAt?: number | null;
}

export const STORED_KEY_SHAPE = shape({ key: isString, savedAt: isNumber, access: isRecord, projects: nullable(arrayOf(isRecord)) });

const sessionKey = defineVersionedItem<StoredAdminKey | null>('session:adminKey', { fallback: null, version: 1, migrations: {}, validate: STORED_KEY_SHAPE });

/**
 * The stored key, where it is kept, and whether a copy is still on disk although the key is
 * kept for the session (a move that was cut short: moveAdminKey finishes it). Null when
 * there is none.
 */
export async function getStoredAdminKey(): Promise<{ record: StoredAdminKey; retention: KeyRetention; leftOnDisk: boolean } | null> {
  const [inSession, onDevice] = await Promise.all([sessionKey.getValue(), readDeviceKey<StoredAdminKey>()]);
  if (inSession) return { record: inSession, retention: 'session', leftOnDisk: onDevice !== null };
  return onDevice && { record: onDevice, retention: 'device', leftOnDisk: false };
}

export async function getAdminKey(): Promise<StoredAdminKey | null> {
  return (await sessionKey.getValue()) ?? (await readDeviceKey<StoredAdminKey>());
}

export class KeyNotRemovedError extends Error {
  override readonly name = 'KeyNotRemovedError';
}

/** Deletes the device copy and reads it back: a delete that did not take is tried once more, then said. */
async function deleteDeviceKeyVerified(): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await deleteDeviceKey();
    if ((await readDeviceKey<StoredAdminKey>()) === null) return;
  }
  throw new KeyNotRemovedError("The admin key could not be removed from this device's disk; the extension tries again when the browser starts.");
}

/**
 * Stores the key where `retention` says, and only there. The new place is written (and, on
 * disk, read back) before the other is cleared, so a worker stopped in between keeps a key;
 * whatever is left over, moveAdminKey clears on the next start.
 */
export async function setAdminKey(record: StoredAdminKey, retention: KeyRetention = 'device'): Promise<void> {
  if (retention === 'session') {
    await sessionKey.setValue(record);
    await deleteDeviceKeyVerified();
  } else {
    await writeDeviceKey(record);
    if ((await readDeviceKey<StoredAdminKey>())?.key !== record.key) throw new Error("The admin key could not be written to this device's disk.");
    await sessionKey.removeValue();
  }
}

/**
 * Makes where the key is match `retention` (the preference, written first: options asks the
 * worker to write it, then to move the key). Safe whatever the point a move was cut short
 * at (a crash, the browser closing): called again, here on every worker start, it finishes
 * it. Returns where the key is now (null: no key).
 */
export async function moveAdminKey(retention: KeyRetention): Promise<KeyRetention | null> {
  const stored = await getStoredAdminKey();
  if (!stored) return null;
  if (stored.retention !== retention || stored.leftOnDisk) await setAdminKey(stored.record, retention);
  return retention;
}

export async function removeAdminKey(): Promise<void> {
  await Promise.all([deleteDeviceKeyVerified(), sessionKey.removeValue()]);
}

/** "sk-admin-…wxyz": enough to recognize the key in OpenAI's list, useless to anyone else. */
export function redactKey(key: string): string {
  return `${key.slice(0, key.startsWith('sk-admin-') ? 9 : 3)}…${key.slice(-4)}`;
}
