import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../admin-api/testing/fake-fetch';
import { fakeAdminServer } from '../admin-api/testing/fake-admin-server';
import { createAccountingExportRun, type AccountingExportDeps, type AccountingExportState } from './run-export';

const MARCH = String(Date.UTC(2025, 2, 1) / 1000);
const JUNE = String(Date.UTC(2025, 5, 1) / 1000);
const request = { period: { kind: 'year' as const, year: 2025 }, scope: 'organization' as const, organizationName: 'Acme', organizationId: 'org-acme' };

function setup(options: { key?: string | null; failMarch?: () => boolean; refuseKeyGrouping?: boolean; forbid?: string } = {}) {
  const { fetch, requests } = fakeFetch(
    fakeAdminServer({
      costResults: () => [{ amount: { value: 0.5, currency: 'usd' }, project_id: 'proj_a', line_item: 'gpt-4o, input' }],
      usageResults: () =>
        options.refuseKeyGrouping
          ? [{ input_tokens: 1, output_tokens: 1, num_model_requests: 1, project_id: 'proj_a', api_key_id: 'key_ci', model: 'gpt-4o-2024-08-06' }]
          : [],
      failWith: (url) =>
        options.forbid !== undefined && url.pathname.endsWith(`/usage/${options.forbid}`)
          ? 403
          : options.failMarch?.() && url.pathname.endsWith('/completions') && url.searchParams.get('start_time') === MARCH
            ? 500
            : null,
      costsRefuseApiKeyGrouping: options.refuseKeyGrouping,
    }),
  );
  const saved: { name: string; bytes: Uint8Array }[] = [];
  const deps: AccountingExportDeps = {
    getKey: () => Promise.resolve(options.key === undefined ? 'sk-admin-test' : options.key),
    fetch,
    now: () => new Date('2026-02-01T00:00:00Z'),
    save: (name, bytes) => {
      saved.push({ name, bytes });
      return `blob:${name}`;
    },
    client: { sleep: () => Promise.resolve(), maxAttempts: 2 },
  };
  const run = createAccountingExportRun(request, deps);
  const states: AccountingExportState[] = [];
  // The checks as a subscriber sees them with each state.
  const checks: (typeof run.checks)[] = [];
  run.subscribe((state) => {
    states.push(state);
    checks.push(run.checks);
  });
  return { run, states, checks, saved, requests };
}

interface Manifest {
  complete: boolean;
  notes: string[];
  requests: { endpoint: string; params: Record<string, unknown>; months: string[]; asked?: Record<string, unknown>; answered?: unknown }[];
}

const manifestOf = async (bytes: Uint8Array | undefined) =>
  JSON.parse(await (await JSZip.loadAsync(bytes!)).file('manifest.json')!.async('string')) as Manifest;

const fileOf = async (bytes: Uint8Array | undefined, name: string) => (await JSZip.loadAsync(bytes!)).file(name)!.async('string');

describe('createAccountingExportRun', () => {
  it('fetches with progress and saves the complete archive at once', async () => {
    const { run, states, saved } = setup();
    await run.start();
    expect(states.at(-1)).toMatchObject({ phase: 'saved', archiveName: 'openai-costs_acme_2025.zip', complete: true, files: 12 + 120 + 3, url: 'blob:openai-costs_acme_2025.zip' });
    const last = states.filter((state) => state.phase === 'fetching').at(-1);
    expect(last).toMatchObject({ progress: { counts: { costs: { done: 3, total: 3 }, completions_usage: { done: 12, total: 12 }, vector_stores_usage: { done: 12, total: 12 } } } });
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

  it('hands subscribers the unreadable capabilities with the failures, then FOCUS validity and reconciliation with the saved archive', async () => {
    const { run, states, checks } = setup({ forbid: 'images', failMarch: () => true });
    await run.start();
    expect(states.at(-1)).toMatchObject({ phase: 'incomplete' });
    expect(checks.at(-1)).toEqual({ unreadable: [expect.objectContaining({ capability: 'images', status: 403 })], focus: null, reconciliation: null });
    await run.saveIncomplete();
    expect(states.at(-1)).toMatchObject({ phase: 'saved', complete: false });
    expect(checks.at(-1)).toMatchObject({
      unreadable: [{ capability: 'images', status: 403 }],
      focus: { version: '1.2', valid: true, problems: 0 },
      // $0.50 a day for the 365 days of 2025, in micro-units.
      reconciliation: { matches: true, totals: [{ currency: 'usd', summary: 182_500_000, costFiles: 182_500_000, focus: 182_500_000 }] },
    });
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

  it('when the Costs API refuses group_by=api_key_id: asks without it, fills keys from usage, and says so in the manifest', async () => {
    const { run, states, saved, requests } = setup({ refuseKeyGrouping: true });
    await run.start();
    expect(states.at(-1)).toMatchObject({ phase: 'saved', complete: true, archiveName: 'openai-costs_acme_2025.zip' });

    const costs = requests.filter((request) => request.url.pathname.endsWith('/costs'));
    const withKey = costs.filter((request) => request.url.searchParams.getAll('group_by').includes('api_key_id'));
    // Each cost call asked for the key at most once (only calls started before the client
    // learned it asked at all), and each was then answered without it.
    expect(withKey.length).toBeGreaterThanOrEqual(1);
    expect(withKey.length).toBeLessThanOrEqual(3);
    expect(costs.length - withKey.length).toBe(3);

    const manifest = await manifestOf(saved[0]?.bytes);
    const costRequests = manifest.requests.filter((request) => request.endpoint === '/v1/organization/costs');
    expect(costRequests).toHaveLength(3);
    for (const request of costRequests) {
      expect(request.params.group_by).toEqual(['project_id', 'line_item']);
      expect(request.asked?.group_by).toEqual(['project_id', 'line_item', 'api_key_id']);
      expect(request.answered).toEqual({ status: 400, message: "Invalid value for 'group_by': only accepts 'project_id' and 'line_item'." });
    }
    expect(manifest.requests.filter((request) => request.asked !== undefined)).toHaveLength(3);
    expect(manifest.notes.at(-1)).toMatch(/^The Costs API refused group_by=api_key_id \(HTTP 400: Invalid value/);

    const january = (await fileOf(saved[0]?.bytes, 'cost_2025-01-01_2025-01-31.csv')).split('\n');
    expect(january[1]).toBe(
      '1735689600,1735776000,2025-01-01T00:00:00+00:00,2025-01-02T00:00:00+00:00,0.5,usd,,,"gpt-4o, input",,key_ci,proj_a,org-acme,,Acme,,',
    );
  });

  it('remembers the refusal for the run: a retry asks costs without api_key_id at once', async () => {
    let failing = true;
    const { fetch, requests } = fakeFetch(
      fakeAdminServer({
        costsRefuseApiKeyGrouping: true,
        failWith: (url) => (failing && url.pathname.endsWith('/costs') && url.searchParams.get('start_time') === JUNE ? 500 : null),
      }),
    );
    const run = createAccountingExportRun(request, {
      getKey: () => Promise.resolve('sk-admin-test'),
      fetch,
      now: () => new Date('2026-02-01T00:00:00Z'),
      save: () => 'blob:x',
      client: { sleep: () => Promise.resolve(), maxAttempts: 1 },
    });
    await run.start();
    expect(run.current.phase).toBe('incomplete');
    failing = false;
    const before = requests.length;
    await run.retryFailed();
    expect(requests.slice(before).map((r) => r.url.searchParams.getAll('group_by'))).toEqual([['project_id', 'line_item']]);
    expect(run.current).toMatchObject({ phase: 'saved', complete: true });
  });
});
