import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRecordWriter } from '../background/record-writer';
import { loggingObservations } from './records';
import { describeStorageProblem, guardWrite, isQuotaError, StorageFullError, storageProblem } from './storage-problems';

/** How Chrome refuses a write past storage.local's 10 MB. */
const quotaError = () => new Error('Resource::kQuotaBytes quota exceeded');

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('writes refused for quota', () => {
  it('are told apart from other failures', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'))).toBe(true);
    expect(isQuotaError(new Error('Extension context invalidated.'))).toBe(false);
  });

  it('are noted for the popup and options, and the note goes with the next write that succeeds', async () => {
    await expect(guardWrite('local', 'the usage figures', () => Promise.reject(quotaError()))).rejects.toBeInstanceOf(StorageFullError);
    const noted = await storageProblem.getValue();
    expect(noted).toEqual({ area: 'local', what: 'the usage figures' });
    expect(describeStorageProblem(noted!)).toMatch(/storage on this device is full: the usage figures could not be saved\. Clear what dashboard pages reported/);
    await guardWrite('local', 'the usage figures', () => Promise.resolve());
    expect(await storageProblem.getValue()).toBeNull();
  });

  it('other failures pass through unchanged and note nothing', async () => {
    await expect(guardWrite('local', 'x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await storageProblem.getValue()).toBeNull();
  });

  it("the records writer's refused write says storage is full, and is noted", async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(quotaError());
    const writer = createRecordWriter(() => 1);
    await expect(writer.loggingPage({ organization: 'org-1', project: 'proj_a', status: 'disabled', at: 1 })).rejects.toThrow(/storage .* is full/);
    expect(await storageProblem.getValue()).toMatchObject({ area: 'local' });
    vi.restoreAllMocks();
    expect(await loggingObservations.getValue()).toEqual({});
  });
});
