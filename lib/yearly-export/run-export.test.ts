import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../admin-api/testing/fake-fetch';
import { fakeAdminServer } from '../admin-api/testing/fake-admin-server';
import { createYearlyExportRun, type YearlyExportDeps, type YearlyExportState } from './run-export';

const MARCH = String(Date.UTC(2025, 2, 1) / 1000);
const request = { year: 2025, scope: { kind: 'organization' as const }, organizationName: 'Acme', organizationId: 'org-acme' };

function setup(options: { key?: string | null; failMarch?: () => boolean } = {}) {
  const { fetch, requests } = fakeFetch(
    fakeAdminServer({
      costResults: () => [{ amount: { value: 0.5, currency: 'usd' }, project_id: 'proj_a', line_item: 'x' }],
      usageResults: () => [],
      failWith: (url) => (options.failMarch?.() && url.pathname.endsWith('/completions') && url.searchParams.get('start_time') === MARCH ? 500 : null),
    }),
  );
  const saved: { name: string; bytes: Uint8Array }[] = [];
  const deps: YearlyExportDeps = {
    getKey: () => Promise.resolve(options.key === undefined ? 'sk-admin-test' : options.key),
    fetch,
    now: () => new Date('2026-02-01T00:00:00Z'),
    save: (name, bytes) => {
      saved.push({ name, bytes });
      return `blob:${name}`;
    },
    client: { sleep: () => Promise.resolve(), maxAttempts: 2 },
  };
  const run = createYearlyExportRun(request, deps);
  const states: YearlyExportState[] = [];
  run.subscribe((state) => states.push(state));
  return { run, states, saved, requests };
}

const manifestOf = async (bytes: Uint8Array | undefined) =>
  JSON.parse(await (await JSZip.loadAsync(bytes!)).file('manifest.json')!.async('string')) as { complete: boolean };

describe('createYearlyExportRun', () => {
  it('fetches with progress and saves the complete archive at once', async () => {
    const { run, states, saved } = setup();
    await run.start();
    expect(states.at(-1)).toMatchObject({ phase: 'saved', archiveName: 'openai-costs_acme_2025.zip', complete: true, files: 26, url: 'blob:openai-costs_acme_2025.zip' });
    const last = states.filter((state) => state.phase === 'fetching').at(-1);
    expect(last).toMatchObject({ progress: { costs: { done: 3, total: 3 }, completions_usage: { done: 12, total: 12 } } });
    expect(saved.map((file) => file.name)).toEqual(['openai-costs_acme_2025.zip']);
    expect((await manifestOf(saved[0]?.bytes)).complete).toBe(true);
  });

  it('stops at the failures without saving, retries only them, then saves', async () => {
    let failing = true;
    const { run, states, saved, requests } = setup({ failMarch: () => failing });
    await run.start();
    expect(states.at(-1)).toMatchObject({ phase: 'incomplete', failures: [{ dataset: 'completions_usage', month: '2025-03' }] });
    expect(saved).toEqual([]);

    failing = false;
    const before = requests.length;
    await run.retryFailed();
    expect(requests.slice(before).map((r) => r.url.searchParams.get('start_time'))).toEqual([MARCH]);
    expect(states.at(-1)).toMatchObject({ phase: 'saved', complete: true });
    expect(saved).toHaveLength(1);
  });

  it('saves an incomplete archive only when asked', async () => {
    const { run, states, saved } = setup({ failMarch: () => true });
    await run.start();
    await run.saveIncomplete();
    expect(states.at(-1)).toMatchObject({ phase: 'saved', archiveName: 'openai-costs_acme_2025_INCOMPLETE.zip', complete: false });
    expect((await manifestOf(saved[0]?.bytes)).complete).toBe(false);
  });

  it('says so when no key is saved, and sends nothing', async () => {
    const { run, states, requests } = setup({ key: null });
    await run.start();
    expect(states.at(-1)).toEqual({ phase: 'no-key' });
    expect(requests).toEqual([]);
  });
});
