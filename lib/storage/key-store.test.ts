import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OrganizationKey, StoredAdminKey } from './key-store';

// happy-dom has no IndexedDB: the device database is a map of slots here (E2E tests use the real one).
// `failDeletes`: deletes that do not take (the disk, the browser closing); `crashOnDelete`: the worker stops there.
const device = vi.hoisted(() => ({ slots: new Map<string, unknown>(), failDeletes: 0, crashOnDelete: false }));
vi.mock('./key-database', () => ({
  readDeviceKey: async (slot: string) => device.slots.get(slot) ?? null,
  writeDeviceKey: async (slot: string, record: unknown) => void device.slots.set(slot, record),
  deleteDeviceKey: async (slot: string) => {
    if (device.crashOnDelete) throw new Error('worker stopped');
    if (device.failDeletes > 0) device.failDeletes -= 1;
    else device.slots.delete(slot);
  },
  listDeviceKeySlots: async () => [...device.slots.keys()],
}));

const ACCESS = { canListProjects: true, canReadCosts: true, canReadUsage: true };
const ACME: OrganizationKey = {
  key: 'sk-admin-unit-test-acme',
  savedAt: 1,
  access: ACCESS,
  projects: null,
  expiresAt: null,
  organization: { id: 'org-acme', name: 'Acme', namedFrom: 'tab' },
};
const GLOBEX: OrganizationKey = { ...ACME, key: 'sk-admin-unit-test-globex', savedAt: 2, organization: { id: 'local-x', name: 'Globex', namedFrom: 'user' } };

const keyStore = () => import('./key-store');
const inSession = async (slot: string) => (await fakeBrowser.storage.session.get(slot))[slot];

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  device.slots.clear();
  device.failDeletes = 0;
  device.crashOnDelete = false;
});

describe('key store: one key per organization', () => {
  it('"Keep it on this device" keeps the key in its organization\'s slot of the database only', async () => {
    const { getStoredAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(ACME, 'device');
    expect(device.slots.get('adminKey:org-acme')).toEqual(ACME);
    expect(await inSession('adminKey:org-acme')).toBeUndefined();
    expect(await getStoredAdminKey('org-acme')).toEqual({ record: ACME, retention: 'device', leftOnDisk: false });
  });

  it('"Forget the key when the browser closes" keeps it in session storage only', async () => {
    const { getAdminKey, getStoredAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(ACME, 'device');
    await setAdminKey(ACME, 'session');
    expect(await inSession('adminKey:org-acme')).toEqual(ACME);
    expect(device.slots.size).toBe(0);
    expect(await getStoredAdminKey('org-acme')).toEqual({ record: ACME, retention: 'session', leftOnDisk: false });
    // What the browser does when it closes: the key is then nowhere.
    await fakeBrowser.storage.session.clear();
    expect(await getAdminKey()).toBeNull();
  });

  it('keeps several organizations, each where it was asked, oldest first; removing one leaves the others', async () => {
    const { getAdminKey, listStoredAdminKeys, removeAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(GLOBEX, 'session');
    await setAdminKey(ACME, 'device');
    expect((await listStoredAdminKeys()).map((entry) => [entry.record.organization.name, entry.retention])).toEqual([
      ['Acme', 'device'],
      ['Globex', 'session'],
    ]);
    expect((await getAdminKey())?.organization.id).toBe('org-acme');
    await removeAdminKey('org-acme');
    expect((await listStoredAdminKeys()).map((entry) => entry.record.organization.name)).toEqual(['Globex']);
    expect(await inSession('adminKey:local-x')).toEqual(GLOBEX);
  });

  it('a new key for the first organization keeps it first: organizations are listed by when they were added', async () => {
    const { listStoredAdminKeys, setAdminKey } = await keyStore();
    await setAdminKey({ ...ACME, addedAt: ACME.savedAt }, 'device');
    await setAdminKey({ ...GLOBEX, savedAt: ACME.savedAt + 1, addedAt: ACME.savedAt + 1 }, 'session');
    await setAdminKey({ ...ACME, key: 'sk-admin-rotated', savedAt: ACME.savedAt + 10, addedAt: ACME.savedAt }, 'device');
    expect((await listStoredAdminKeys()).map((entry) => [entry.record.organization.name, entry.record.key])).toEqual([
      ['Acme', 'sk-admin-rotated'],
      ['Globex', GLOBEX.key],
    ]);
  });

  it('moves a stored key when its choice changes, and says where it is', async () => {
    const { getStoredAdminKey, moveAdminKey, setAdminKey } = await keyStore();
    expect(await moveAdminKey('org-acme', 'session')).toBeNull();
    await setAdminKey(ACME, 'device');
    await setAdminKey(GLOBEX, 'device');
    expect(await moveAdminKey('org-acme', 'session')).toBe('session');
    expect(device.slots.has('adminKey:org-acme')).toBe(false);
    expect((await getStoredAdminKey('local-x'))?.retention).toBe('device');
    expect(await moveAdminKey('org-acme', 'device')).toBe('device');
    expect(await inSession('adminKey:org-acme')).toBeUndefined();
    expect(await getStoredAdminKey('org-acme')).toEqual({ record: ACME, retention: 'device', leftOnDisk: false });
  });

  it('a move to the session cut short after the session copy leaves the key on disk: said as it is, and finished on the next start', async () => {
    const { getStoredAdminKey, moveAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(ACME, 'device');
    device.crashOnDelete = true;
    await expect(moveAdminKey('org-acme', 'session')).rejects.toThrow('worker stopped');
    expect(await getStoredAdminKey('org-acme')).toEqual({ record: ACME, retention: 'session', leftOnDisk: true });
    device.crashOnDelete = false;
    expect(await moveAdminKey('org-acme', 'session')).toBe('session');
    expect(device.slots.size).toBe(0);
    expect(await getStoredAdminKey('org-acme')).toEqual({ record: ACME, retention: 'session', leftOnDisk: false });
  });

  it('a delete that does not take is tried again, then said, never reported as done', async () => {
    const { getStoredAdminKey, moveAdminKey, removeAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(ACME, 'device');
    device.failDeletes = 1;
    expect(await moveAdminKey('org-acme', 'session')).toBe('session');
    expect(device.slots.size).toBe(0);

    await setAdminKey(ACME, 'device');
    device.failDeletes = 5;
    await expect(moveAdminKey('org-acme', 'session')).rejects.toThrow("could not be removed from this device's disk");
    expect((await getStoredAdminKey('org-acme'))?.leftOnDisk).toBe(true);
    await expect(removeAdminKey('org-acme')).rejects.toThrow("could not be removed from this device's disk");
  });
});

describe('key store: the single key of earlier versions', () => {
  const EARLIER: StoredAdminKey = { key: 'sk-admin-earlier', savedAt: 1, access: ACCESS, projects: [{ id: 'proj_a', name: 'A' }] };

  it('a key kept on the device moves into its organization\'s slot there, whole', async () => {
    device.slots.set('adminKey', EARLIER);
    const { EARLIER_KEY_ORGANIZATION, getAdminKey, listStoredAdminKeys } = await keyStore();
    expect(await getAdminKey()).toEqual({ ...EARLIER, organization: EARLIER_KEY_ORGANIZATION });
    expect([...device.slots.keys()]).toEqual([`adminKey:${EARLIER_KEY_ORGANIZATION.id}`]);
    expect((await listStoredAdminKeys())[0]?.retention).toBe('device');
  });

  it('a key kept for the session stays in the session; a disk copy left by a cut-short move goes', async () => {
    await fakeBrowser.storage.session.set({ adminKey: EARLIER });
    device.slots.set('adminKey', EARLIER);
    const { EARLIER_KEY_ORGANIZATION, listStoredAdminKeys } = await keyStore();
    const [entry] = await listStoredAdminKeys();
    expect(entry).toEqual({ record: { ...EARLIER, organization: EARLIER_KEY_ORGANIZATION }, retention: 'session', leftOnDisk: false });
    expect(await inSession('adminKey')).toBeUndefined();
    expect(device.slots.size).toBe(0);
  });
});
