import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OrganizationKey } from './key-store';

// happy-dom has no IndexedDB: the device database is a map of slots here.
const device = vi.hoisted(() => new Map<string, unknown>());
vi.mock('./key-database', () => ({
  readDeviceKey: async (slot: string) => device.get(slot) ?? null,
  writeDeviceKey: async (slot: string, record: unknown) => void device.set(slot, record),
  deleteDeviceKey: async (slot: string) => void device.delete(slot),
  listDeviceKeySlots: async () => [...device.keys()],
}));

const ACCESS = { canListProjects: true, canReadCosts: true, canReadUsage: true };
const key = (text: string, savedAt: number, id: string, name: string): OrganizationKey => ({
  key: text,
  savedAt,
  access: ACCESS,
  projects: null,
  organization: { id, name, namedFrom: 'tab' },
});

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  device.clear();
});

describe('readStoredKeyFor: the accounting export of one organization', () => {
  it("reads that organization's key; an organization with no key of its own gets none once there are several", async () => {
    const { setAdminKey } = await import('./key-store');
    const { readStoredKey, readStoredKeyFor } = await import('./stored-key');
    expect(await readStoredKeyFor('org-acme')).toBeNull();
    await setAdminKey(key('sk-admin-acme', 1, 'org-acme', 'Acme'), 'device');
    // The only key serves an organization it was not verified from (it may have no tab id).
    expect(await readStoredKeyFor('org-unknown')).toBe('sk-admin-acme');
    await setAdminKey(key('sk-admin-globex', 2, 'org-globex', 'Globex'), 'session');
    expect(await readStoredKeyFor('org-globex')).toBe('sk-admin-globex');
    expect(await readStoredKeyFor('org-acme')).toBe('sk-admin-acme');
    expect(await readStoredKeyFor('org-unknown')).toBeNull();
    expect(await readStoredKeyFor(null)).toBe('sk-admin-acme');
    expect(await readStoredKey()).toBe('sk-admin-acme');
  });
});
