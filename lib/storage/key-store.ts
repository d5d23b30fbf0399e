import { arrayOf, isNumber, isRecord, isString, nullable, oneOf, optional, shape } from '../core/stored-shape';
import type { KeyAccess } from '../admin-api/client';
import { browser } from 'wxt/browser';
import { defineVersionedItem } from './versioned-item';
import { deleteDeviceKey, listDeviceKeySlots, readDeviceKey, writeDeviceKey } from './key-database';

/**
 * The admin keys, one per organization, each kept where the user chose for it in options:
 * - 'device' ("Keep it on this device"): the extension's IndexedDB (key-database.ts); it
 *   survives browser restarts until the user removes it.
 * - 'session' ("Forget the key when the browser closes"): storage.session, held in memory
 *   and emptied when the browser closes (and when the extension updates or reloads).
 *   Only trusted contexts, the worker and extension pages, may open that area
 *   (storage-access.ts); content scripts cannot.
 * Either way a key is stored as it is, not encrypted: anything able to read the browser
 * profile (or, for the session, the browser's memory) can read it. Each key is only ever
 * in one of the two places, in its organization's slot (`adminKey:<organization id>`). The
 * worker alone writes them (lib/background/worker.ts: saveKey, setKeyRetention, removeKey);
 * options reads them.
 */
export type KeyRetention = 'device' | 'session';

/**
 * The organization a key belongs to (an admin key belongs to one, docs/facts.md §1), named by
 * the rule of docs/facts.md "Which organization a key belongs to": the Admin API says nothing
 * of it, so the platform tab's organization ('tab'), else a name the user typed ('user').
 */
export interface KeyOrganization {
  /** The dashboard's `org-…` id when the tab showed it; else an id of the extension's own (`local-…`). */
  id: string;
  name: string;
  namedFrom: 'tab' | 'user' | 'earlier-version';
}

export interface StoredAdminKey {
  key: string;
  /** Epoch milliseconds. */
  savedAt: number;
  /**
   * When this organization first got a key (epoch ms; absent: savedAt). Organizations are
   * listed in this order, so replacing the first organization's key keeps it first.
   */
  addedAt?: number;
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
  /** Absent on the single key of earlier versions until it is moved into its slot (migrateSingleKey). */
  organization?: KeyOrganization;
}

/** A stored key with its organization, as every reader gets it. */
export type OrganizationKey = StoredAdminKey & { organization: KeyOrganization };

export const STORED_KEY_SHAPE = shape({
  key: isString,
  savedAt: isNumber,
  addedAt: optional(isNumber),
  access: isRecord,
  projects: nullable(arrayOf(isRecord)),
  organization: optional(shape({ id: isString, name: isString, namedFrom: oneOf('tab', 'user', 'earlier-version') })),
});

/** The single key of earlier versions becomes this organization's: its figures stay with it. */
export const EARLIER_KEY_ORGANIZATION: KeyOrganization = { id: 'local-earlier-key', name: 'My organization', namedFrom: 'earlier-version' };

const SLOT_PREFIX = 'adminKey:';
const EARLIER_SLOT = 'adminKey';
const slotOf = (organizationId: string) => `${SLOT_PREFIX}${organizationId}`;

const sessionItem = (slot: string) =>
  defineVersionedItem<StoredAdminKey | null>(`session:${slot}`, { fallback: null, version: 1, migrations: {}, validate: STORED_KEY_SHAPE });

/** The slots storage.session holds (WXT's version marks, `…$`, left out). */
async function sessionSlots(): Promise<string[]> {
  const all = await browser.storage.session.get(null);
  return Object.keys(all).filter((name) => name.startsWith(SLOT_PREFIX) && !name.endsWith('$'));
}

/**
 * Moves the single key of earlier versions into its organization's slot, in the same place
 * (disk or session): written and read back first, the old slot cleared after, so a worker
 * stopped in between keeps the key and the next call finishes the move.
 */
async function migrateSingleKey(): Promise<void> {
  const earlierSession = sessionItem(EARLIER_SLOT);
  const [inSession, onDevice] = await Promise.all([earlierSession.getValue(), readDeviceKey<StoredAdminKey>(EARLIER_SLOT)]);
  const slot = slotOf(EARLIER_KEY_ORGANIZATION.id);
  if (inSession) {
    await sessionItem(slot).setValue({ ...inSession, organization: inSession.organization ?? EARLIER_KEY_ORGANIZATION });
    await earlierSession.removeValue();
  }
  if (onDevice) {
    // A copy on disk beside a session key was a move to the session cut short: the session copy wins.
    if (!inSession) {
      await writeDeviceKey(slot, { ...onDevice, organization: onDevice.organization ?? EARLIER_KEY_ORGANIZATION });
      if ((await readDeviceKey<StoredAdminKey>(slot))?.key !== onDevice.key) throw new Error("The admin key could not be written to this device's disk.");
    }
    await deleteDeviceKey(EARLIER_SLOT);
  }
}

export interface StoredKeyEntry {
  record: OrganizationKey;
  retention: KeyRetention;
  /** Kept for the session, but a copy is still on disk (a move cut short: moveAdminKey finishes it). */
  leftOnDisk: boolean;
}

const withOrganization = (record: StoredAdminKey, organizationId: string): OrganizationKey => ({
  ...record,
  organization: record.organization ?? { ...EARLIER_KEY_ORGANIZATION, id: organizationId },
});

/** Every stored key, where it is kept, in the order their organizations were added (the first is the one the usage glance reads). */
export async function listStoredAdminKeys(): Promise<StoredKeyEntry[]> {
  await migrateSingleKey();
  const [session, device] = await Promise.all([sessionSlots(), listDeviceKeySlots()]);
  const ids = [...new Set([...session, ...device.filter((slot) => slot.startsWith(SLOT_PREFIX))])].map((slot) => slot.slice(SLOT_PREFIX.length));
  const entries = await Promise.all(ids.map((id) => readEntry(id)));
  const added = (entry: StoredKeyEntry) => entry.record.addedAt ?? entry.record.savedAt;
  return entries.filter((entry): entry is StoredKeyEntry => entry !== null).sort((a, b) => added(a) - added(b));
}

async function readEntry(organizationId: string): Promise<StoredKeyEntry | null> {
  const slot = slotOf(organizationId);
  const [inSession, onDevice] = await Promise.all([sessionItem(slot).getValue(), readDeviceKey<StoredAdminKey>(slot)]);
  if (inSession) return { record: withOrganization(inSession, organizationId), retention: 'session', leftOnDisk: onDevice !== null };
  return onDevice && { record: withOrganization(onDevice, organizationId), retention: 'device', leftOnDisk: false };
}

/** One organization's key, where it is kept, and whether a copy is left on disk; null when it has none. */
export async function getStoredAdminKey(organizationId: string): Promise<StoredKeyEntry | null> {
  await migrateSingleKey();
  return readEntry(organizationId);
}

/** The key the usage glance, the spike alerts, the security watch and the logging reminder read: the first saved. */
export async function getAdminKey(): Promise<OrganizationKey | null> {
  return (await listStoredAdminKeys())[0]?.record ?? null;
}

export class KeyNotRemovedError extends Error {
  override readonly name = 'KeyNotRemovedError';
}

/** Deletes the device copy and reads it back: a delete that did not take is tried once more, then said. */
async function deleteDeviceKeyVerified(slot: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await deleteDeviceKey(slot);
    if ((await readDeviceKey<StoredAdminKey>(slot)) === null) return;
  }
  throw new KeyNotRemovedError("The admin key could not be removed from this device's disk; the extension tries again when the browser starts.");
}

/**
 * Stores the key in its organization's slot where `retention` says, and only there. The new
 * place is written (and, on disk, read back) before the other is cleared, so a worker
 * stopped in between keeps a key; whatever is left over, moveAdminKey clears on the next start.
 */
export async function setAdminKey(record: OrganizationKey, retention: KeyRetention = 'device'): Promise<void> {
  const slot = slotOf(record.organization.id);
  if (retention === 'session') {
    await sessionItem(slot).setValue(record);
    await deleteDeviceKeyVerified(slot);
  } else {
    await writeDeviceKey(slot, record);
    if ((await readDeviceKey<StoredAdminKey>(slot))?.key !== record.key) throw new Error("The admin key could not be written to this device's disk.");
    await sessionItem(slot).removeValue();
  }
}

/**
 * Makes where an organization's key is match `retention` (its preference, written first:
 * options asks the worker to write it, then to move the key). Safe whatever the point a move
 * was cut short at (a crash, the browser closing): called again, here on every worker start,
 * it finishes it. Returns where the key is now (null: no key).
 */
export async function moveAdminKey(organizationId: string, retention: KeyRetention): Promise<KeyRetention | null> {
  const stored = await getStoredAdminKey(organizationId);
  if (!stored) return null;
  if (stored.retention !== retention || stored.leftOnDisk) await setAdminKey(stored.record, retention);
  return retention;
}

/** Removes one organization's key, and nothing else. */
export async function removeAdminKey(organizationId: string): Promise<void> {
  const slot = slotOf(organizationId);
  await Promise.all([deleteDeviceKeyVerified(slot), sessionItem(slot).removeValue()]);
}

/** "sk-admin-…wxyz": enough to recognize the key in OpenAI's list, useless to anyone else. */
export function redactKey(key: string): string {
  return `${key.slice(0, key.startsWith('sk-admin-') ? 9 : 3)}…${key.slice(-4)}`;
}
