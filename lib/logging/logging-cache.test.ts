import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loggingObservations } from '../background/records';
import { loggingReminderSilence } from '../settings/settings';
import { watchLogging, type LoggingSnapshot } from './logging-cache';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => fakeBrowser.reset());

describe('watchLogging', () => {
  it('reads storage once for many re-applies, and follows later changes', async () => {
    await loggingObservations.setValue({ 'org-1': { pages: { proj_A: { status: 'disabled', at: 1 } } } });
    const seen: LoggingSnapshot[] = [];
    const first = new AbortController();
    watchLogging((snapshot) => seen.push(snapshot), first.signal);
    await settle();
    expect(seen.at(-1)?.observations['org-1']?.pages.proj_A?.status).toBe('disabled');

    // A re-render: the old view goes, the new one comes in the same task and is served from memory.
    first.abort();
    const second = new AbortController();
    const later: LoggingSnapshot[] = [];
    watchLogging((snapshot) => later.push(snapshot), second.signal);
    expect(later).toHaveLength(1);

    await loggingReminderSilence.setValue({ proj_A: { dismissed: true } });
    await settle();
    expect(seen).toHaveLength(1);
    expect(later.at(-1)?.silence.proj_A).toEqual({ dismissed: true });
    second.abort();
  });

  it('stops watching once no view is left', async () => {
    const controller = new AbortController();
    const seen: LoggingSnapshot[] = [];
    watchLogging((snapshot) => seen.push(snapshot), controller.signal);
    await settle();
    controller.abort();
    await settle();
    await loggingObservations.setValue({ 'org-1': { pages: {} } });
    await settle();
    expect(seen).toHaveLength(1);
  });
});
