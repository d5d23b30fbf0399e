import { createAdminClient, type AdminClientOptions } from '../admin-api/client';
import { describeError } from '../archive/manifest';
import { buildYearlyExport } from './build-export';
import type { ExportRequest } from './export-request';
import {
  fetchYearlyData,
  mergeRetry,
  planRetry,
  type DatasetProgress,
  type ExportFailure,
  type YearlyData,
} from './fetch-data';
import { planYearlyExport, type YearlyExportPlan } from './request-plan';
import { zipYearlyExport } from './zip';

export type YearlyExportState =
  | { phase: 'starting' }
  | { phase: 'no-key' }
  | { phase: 'fetching'; progress: DatasetProgress | null; retrying: boolean }
  | { phase: 'building' }
  | { phase: 'incomplete'; failures: ExportFailure[]; months: number }
  | { phase: 'saved'; archiveName: string; complete: boolean; files: number; bytes: number; url: string }
  | { phase: 'error'; message: string };

export interface YearlyExportDeps {
  /** The stored admin key, or null when none is saved. */
  getKey(): Promise<string | null>;
  fetch: AdminClientOptions['fetch'];
  now(): Date;
  /** Hands the archive to the user; returns a URL the page can offer to save it again. */
  save(archiveName: string, bytes: Uint8Array): string;
  /** Test seams for the client's retries. */
  client?: Pick<AdminClientOptions, 'sleep' | 'maxAttempts'>;
}

export interface YearlyExportRun {
  subscribe(listener: (state: YearlyExportState) => void): () => void;
  /** Fetches the year; saves at once when nothing failed, else waits in 'incomplete'. */
  start(): Promise<void>;
  /** Fetches again only what failed. */
  retryFailed(): Promise<void>;
  /** Saves the archive as it is, marked incomplete. */
  saveIncomplete(): Promise<void>;
}

/**
 * One export page's run: plan, fetch with progress, then either save or stop at the
 * failures for the user to choose (retry, or save marked incomplete), as the in-modal
 * ZIP does. Never saves a partial archive without that choice.
 */
export function createYearlyExportRun(request: ExportRequest, deps: YearlyExportDeps): YearlyExportRun {
  let state: YearlyExportState = { phase: 'starting' };
  const listeners = new Set<(state: YearlyExportState) => void>();
  const set = (next: YearlyExportState) => {
    state = next;
    listeners.forEach((listener) => listener(state));
  };

  let client: ReturnType<typeof createAdminClient> | null = null;
  let plan: YearlyExportPlan | null = null;
  let data: YearlyData | null = null;
  let busy = false;

  const guarded = (work: () => Promise<void>) => async () => {
    if (busy) return;
    busy = true;
    try {
      await work();
    } catch (error) {
      set({ phase: 'error', message: describeError(error) });
    } finally {
      busy = false;
    }
  };

  const save = async (current: YearlyData, fullPlan: YearlyExportPlan) => {
    set({ phase: 'building' });
    const exported = await buildYearlyExport({
      plan: fullPlan,
      ...current,
      organizationName: request.organizationName,
      organizationId: request.organizationId,
      exportedAt: deps.now(),
    });
    const bytes = await zipYearlyExport(exported);
    const url = deps.save(exported.archiveName, bytes);
    set({
      phase: 'saved',
      archiveName: exported.archiveName,
      complete: exported.manifest.complete,
      files: exported.manifest.counts.files + 1,
      bytes: bytes.byteLength,
      url,
    });
  };

  const settle = async (current: YearlyData, fullPlan: YearlyExportPlan) => {
    data = current;
    if (current.failures.length === 0) await save(current, fullPlan);
    else set({ phase: 'incomplete', failures: current.failures, months: fullPlan.months.length });
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },

    start: guarded(async () => {
      const key = await deps.getKey();
      if (key === null) {
        set({ phase: 'no-key' });
        return;
      }
      client = createAdminClient({ apiKey: key, fetch: deps.fetch, ...deps.client });
      // The current year stops at today (UTC): later days have no data yet.
      plan = planYearlyExport({ year: request.year, scope: request.scope, until: Math.floor(deps.now().getTime() / 1000) });
      set({ phase: 'fetching', progress: null, retrying: false });
      const fetched = await fetchYearlyData(client, plan, {
        onProgress: (_done, _total, progress) => set({ phase: 'fetching', progress, retrying: false }),
      });
      await settle(fetched, plan);
    }),

    retryFailed: guarded(async () => {
      if (!client || !plan || !data || data.failures.length === 0) return;
      const retry = planRetry(plan, data.failures);
      set({ phase: 'fetching', progress: null, retrying: true });
      const retried = await fetchYearlyData(client, retry.plan, {
        listProjects: retry.listProjects,
        onProgress: (_done, _total, progress) => set({ phase: 'fetching', progress, retrying: true }),
      });
      await settle(mergeRetry(data, retried, retry), plan);
    }),

    saveIncomplete: guarded(async () => {
      if (!plan || !data) return;
      await save(data, plan);
    }),
  };
}
