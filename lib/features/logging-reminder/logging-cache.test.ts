import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loggingObservations } from '../../background/records';
import { loggingReminderSilence } from '../../settings/settings';
import { PageResources } from '../page-resources';
import { loggingCache, type LoggingSnapshot } from './logging-cache';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The page's resources as the runner keeps them: each apply uses the cache until its signal aborts. */
function page() {
  const resources = new PageResources(document, (_owner, error) => {
    throw error;
  });
  return (listener: (snapshot: LoggingSnapshot) => void) => {
    const apply = new AbortController();
    resources.use(loggingCache, apply.signal, 'logging-reminder').watch(listener, apply.signal);
    return apply;
  };
}

beforeEach(() => fakeBrowser.reset());

describe('loggingCache', () => {
  it('reads storage once for many re-applies, and follows later changes', async () => {
    await loggingObservations.setValue({ 'org-1': { pages: { proj_A: { status: 'disabled', at: 1 } } } });
    const apply = page();
    const reads = vi.spyOn(loggingObservations, 'getValue');
    const seen: LoggingSnapshot[] = [];
    const first = apply((snapshot) => seen.push(snapshot));
    await settle();
    expect(seen.at(-1)?.observations['org-1']?.pages.proj_A?.status).toBe('disabled');

    // A re-render: the old view goes, the new one comes in the same task and is served from memory.
    first.abort();
    const later: LoggingSnapshot[] = [];
    const second = apply((snapshot) => later.push(snapshot));
    expect(later).toHaveLength(1);
    expect(reads).toHaveBeenCalledTimes(1);

    await loggingReminderSilence.setValue({ proj_A: { dismissed: true } });
    await settle();
    expect(seen).toHaveLength(1);
    expect(later.at(-1)?.silence.proj_A).toEqual({ dismissed: true });
    second.abort();
  });

  it('stops watching once no view is left', async () => {
    const seen: LoggingSnapshot[] = [];
    const view = page()((snapshot) => seen.push(snapshot));
    await settle();
    view.abort();
    await settle();
    await loggingObservations.setValue({ 'org-1': { pages: {} } });
    await settle();
    expect(seen).toHaveLength(1);
  });

  it('starts afresh after the last view has gone: a later view reads storage again', async () => {
    const apply = page();
    const first = apply(() => undefined);
    await settle();
    first.abort();
    await settle();
    await loggingReminderSilence.setValue({ proj_B: { dismissed: true } });

    const seen: LoggingSnapshot[] = [];
    apply((snapshot) => seen.push(snapshot));
    await settle();
    expect(seen.at(-1)?.silence.proj_B).toEqual({ dismissed: true });
  });

  it('keeps a change that lands while the first read is under way', async () => {
    await loggingObservations.setValue({ 'org-1': { pages: { proj_A: { status: 'disabled', at: 1 } } } });
    // The first read returns what storage held before the change below.
    let answerRead: (silence: Record<string, never>) => void = () => undefined;
    vi.spyOn(loggingReminderSilence, 'getValue').mockReturnValueOnce(new Promise((resolve) => (answerRead = resolve)));
    const seen: LoggingSnapshot[] = [];
    page()((snapshot) => seen.push(snapshot));
    await loggingReminderSilence.setValue({ proj_A: { dismissed: true } });
    await settle();
    answerRead({});
    await settle();
    expect(seen.at(-1)?.silence.proj_A).toEqual({ dismissed: true });
    expect(seen.at(-1)?.observations['org-1']?.pages.proj_A?.status).toBe('disabled');
  });
});
