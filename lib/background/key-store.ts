import { arrayOf, isNumber, isRecord, isString, nullable, shape } from '../settings/stored-shape';
import type { KeyAccess } from '../admin-api/client';
import { defineVersionedItem } from '../settings/versioned-item';
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
 * only ever in one of the two places.
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

/** The stored key and where it is kept; null when there is none. */
export async function getStoredAdminKey(): Promise<{ record: StoredAdminKey; retention: KeyRetention } | null> {
  const inSession = await sessionKey.getValue();
  if (inSession) return { record: inSession, retention: 'session' };
  const onDevice = await readDeviceKey();
  return onDevice && { record: onDevice, retention: 'device' };
}

export async function getAdminKey(): Promise<StoredAdminKey | null> {
  return (await getStoredAdminKey())?.record ?? null;
}

/** Stores the key where `retention` says, and only there. */
export async function setAdminKey(record: StoredAdminKey, retention: KeyRetention = 'device'): Promise<void> {
  // Written before the other place is cleared, so a worker stopped in between keeps a key.
  if (retention === 'session') {
    await sessionKey.setValue(record);
    await deleteDeviceKey();
  } else {
    await writeDeviceKey(record);
    await sessionKey.removeValue();
  }
}

/** Moves a stored key to where `retention` says; returns where the key is now (null: no key). */
export async function moveAdminKey(retention: KeyRetention): Promise<KeyRetention | null> {
  const stored = await getStoredAdminKey();
  if (!stored) return null;
  if (stored.retention !== retention) await setAdminKey(stored.record, retention);
  return retention;
}

export async function removeAdminKey(): Promise<void> {
  await Promise.all([deleteDeviceKey(), sessionKey.removeValue()]);
}

/** "sk-admin-…wxyz": enough to recognize the key in OpenAI's list, useless to anyone else. */
export function redactKey(key: string): string {
  return `${key.slice(0, key.startsWith('sk-admin-') ? 9 : 3)}…${key.slice(-4)}`;
}
