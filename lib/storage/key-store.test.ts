import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StoredAdminKey } from './key-store';

// happy-dom has no IndexedDB: the device database is a map here (E2E tests use the real one).
// `failDeletes`: deletes that do not take (the disk, the browser closing); `crashOnDelete`: the worker stops there.
const device = vi.hoisted(() => ({ record: null as StoredAdminKey | null, failDeletes: 0, crashOnDelete: false }));
vi.mock('./key-database', () => ({
  readDeviceKey: async () => device.record,
  writeDeviceKey: async (record: StoredAdminKey) => void (device.record = record),
  deleteDeviceKey: async () => {
    if (device.crashOnDelete) throw new Error('worker stopped');
    if (device.failDeletes > 0) device.failDeletes -= 1;
    else device.record = null;
  },
}));

const RECORD: StoredAdminKey = {
  key: 'sk-admin-unit-test-key',
  savedAt: 1,
  access: { canListProjects: true, canReadCosts: true, canReadUsage: true },
  projects: null,
  expiresAt: null,
};

const keyStore = () => import('./key-store');
const inSession = async () => (await fakeBrowser.storage.session.get('adminKey')).adminKey;

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  device.record = null;
  device.failDeletes = 0;
  device.crashOnDelete = false;
});

describe('key store', () => {
  it('"Keep it on this device" keeps the key in the database only', async () => {
    const { getStoredAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'device');
    expect(device.record).toEqual(RECORD);
    expect(await inSession()).toBeUndefined();
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'device', leftOnDisk: false });
  });

  it('"Forget the key when the browser closes" keeps it in session storage only', async () => {
    const { getAdminKey, getStoredAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'device');
    await setAdminKey(RECORD, 'session');
    expect(await inSession()).toEqual(RECORD);
    expect(device.record).toBeNull();
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'session', leftOnDisk: false });
    // What the browser does when it closes: the key is then nowhere.
    await fakeBrowser.storage.session.clear();
    expect(await getAdminKey()).toBeNull();
  });

  it('moves a stored key when the choice changes, and says where it is', async () => {
    const { getStoredAdminKey, moveAdminKey, setAdminKey } = await keyStore();
    expect(await moveAdminKey('session')).toBeNull();
    await setAdminKey(RECORD, 'device');
    expect(await moveAdminKey('session')).toBe('session');
    expect(device.record).toBeNull();
    expect(await moveAdminKey('device')).toBe('device');
    expect(await inSession()).toBeUndefined();
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'device', leftOnDisk: false });
  });

  it('removing the key clears both places', async () => {
    const { getAdminKey, removeAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'session');
    device.record = RECORD;
    await removeAdminKey();
    expect(await getAdminKey()).toBeNull();
    expect(device.record).toBeNull();
  });

  it('a move to the session cut short after the session copy leaves the key on disk: said as it is, and finished on the next start', async () => {
    const { getStoredAdminKey, moveAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'device');
    device.crashOnDelete = true;
    await expect(moveAdminKey('session')).rejects.toThrow('worker stopped');
    // Options reads where the key really is: still on disk.
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'session', leftOnDisk: true });
    device.crashOnDelete = false;
    // The next start: the preference (session) is followed.
    expect(await moveAdminKey('session')).toBe('session');
    expect(device.record).toBeNull();
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'session', leftOnDisk: false });
  });

  it('a move cut short before the session copy (preference written, key still on disk) is finished on the next start', async () => {
    const { getStoredAdminKey, moveAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'device');
    // The preference said "session"; nothing else happened. The next start:
    expect(await moveAdminKey('session')).toBe('session');
    expect(device.record).toBeNull();
    expect(await inSession()).toEqual(RECORD);
    expect((await getStoredAdminKey())?.leftOnDisk).toBe(false);
  });

  it('a delete that does not take is tried again, then said, never reported as done', async () => {
    const { getStoredAdminKey, moveAdminKey, removeAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'device');
    device.failDeletes = 1;
    expect(await moveAdminKey('session')).toBe('session');
    expect(device.record).toBeNull();

    await setAdminKey(RECORD, 'device');
    device.failDeletes = 5;
    await expect(moveAdminKey('session')).rejects.toThrow("could not be removed from this device's disk");
    expect((await getStoredAdminKey())?.leftOnDisk).toBe(true);
    await expect(removeAdminKey()).rejects.toThrow("could not be removed from this device's disk");
  });
});
