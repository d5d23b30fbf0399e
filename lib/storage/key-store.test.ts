import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StoredAdminKey } from './key-store';

// happy-dom has no IndexedDB: the device database is a map here (E2E tests use the real one).
const device = vi.hoisted(() => ({ record: null as StoredAdminKey | null }));
vi.mock('./key-database', () => ({
  readDeviceKey: async () => device.record,
  writeDeviceKey: async (record: StoredAdminKey) => void (device.record = record),
  deleteDeviceKey: async () => void (device.record = null),
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
});

describe('key store', () => {
  it('"Keep it on this device" keeps the key in the database only', async () => {
    const { getStoredAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'device');
    expect(device.record).toEqual(RECORD);
    expect(await inSession()).toBeUndefined();
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'device' });
  });

  it('"Forget the key when the browser closes" keeps it in session storage only', async () => {
    const { getAdminKey, getStoredAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'device');
    await setAdminKey(RECORD, 'session');
    expect(await inSession()).toEqual(RECORD);
    expect(device.record).toBeNull();
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'session' });
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
    expect(await getStoredAdminKey()).toEqual({ record: RECORD, retention: 'device' });
  });

  it('removing the key clears both places', async () => {
    const { getAdminKey, removeAdminKey, setAdminKey } = await keyStore();
    await setAdminKey(RECORD, 'session');
    device.record = RECORD;
    await removeAdminKey();
    expect(await getAdminKey()).toBeNull();
    expect(device.record).toBeNull();
  });
});
