import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { knownProjects, loggingObservations } from '../../background/records';
import { loggingReminderSilence } from '../../settings/settings';
import { PageResources } from '../page-resources';
import { loggingCache, type LoggingSnapshot } from './logging-cache';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The page reads storage.local itself (a read-only view), not through the WXT items the worker writes with. */
const readsOf = (name: string) => {
  const get = fakeBrowser.storage.local.get as unknown as { mock?: { calls: unknown[][] } };
  return (get.mock?.calls ?? []).filter(([keys]) => ([] as unknown[]).concat(keys).includes(name)).length;
};

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
    vi.spyOn(fakeBrowser.storage.local, 'get');
    const seen: LoggingSnapshot[] = [];
    const first = apply((snapshot) => seen.push(snapshot));
    await settle();
    expect(seen.at(-1)?.observations['org-1']?.pages.proj_A?.status).toBe('disabled');

    // A re-render: the old view goes, the new one comes in the same task and is served from memory.
    first.abort();
    const later: LoggingSnapshot[] = [];
    const second = apply((snapshot) => later.push(snapshot));
    expect(later).toHaveLength(1);
    expect(readsOf('loggingObservations')).toBe(1);

    await loggingReminderSilence.setValue({ proj_A: { dismissed: true } });
    await settle();
    expect(seen).toHaveLength(1);
    expect(later.at(-1)?.silence.proj_A).toEqual({ dismissed: true });
    second.abort();
  });

  it('carries the known projects, and the id the worker fills in later for one the page showed without', async () => {
    const sandbox = { key: 'name:Acme/Sandbox', id: null, name: 'Sandbox', organization: 'Acme', lastSeen: 1 };
    await knownProjects.setValue({ [sandbox.key]: sandbox });
    const seen: LoggingSnapshot[] = [];
    const apply = page()((snapshot) => seen.push(snapshot));
    await settle();
    expect(seen.at(-1)?.known[sandbox.key]?.id).toBeNull();
    await knownProjects.setValue({ [sandbox.key]: { ...sandbox, id: 'proj_sand' } });
    await settle();
    expect(seen.at(-1)?.known[sandbox.key]?.id).toBe('proj_sand');
    apply.abort();
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
    let answerRead: (stored: Record<string, never>) => void = () => undefined;
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    let delayed = false;
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(((keys: string[]) => {
      if (delayed || !keys.includes('loggingReminderSilence')) return get(keys);
      delayed = true;
      return new Promise((resolve) => (answerRead = resolve));
    }) as never);
    const seen: LoggingSnapshot[] = [];
    page()((snapshot) => seen.push(snapshot));
    await loggingReminderSilence.setValue({ proj_A: { dismissed: true } });
    await settle();
    expect(delayed).toBe(true);
    answerRead({});
    await settle();
    expect(seen.at(-1)?.silence.proj_A).toEqual({ dismissed: true });
    expect(seen.at(-1)?.observations['org-1']?.pages.proj_A?.status).toBe('disabled');
  });
});
