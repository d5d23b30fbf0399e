import type { AdminClient, AdminClientOptions } from '../admin-api/client';
import { connectAdminApi } from '../admin-api/connect';
import { createArchiveRun, type ArchiveRun, type ArchiveRunState } from '../archive/run-store';
import { buildAccountingExport } from './build-export';
import type { ExportRequest } from './export-request';
import { fetchAccountingData, mergeRetry, planRetry, type DatasetProgress, type ExportFailure, type AccountingData } from './fetch-data';
import { planAccountingExport, type AccountingExportPlan } from './request-plan';
import { zipAccountingExport } from './zip';

/** No admin key is saved: the page says so and links to the options. */
export interface NoKeyState {
  phase: 'no-key';
}

export type AccountingExportState = ArchiveRunState<DatasetProgress, ExportFailure> | NoKeyState;

export interface AccountingExportDeps {
  /** The stored admin key, or null when none is saved. */
  getKey(): Promise<string | null>;
  fetch: AdminClientOptions['fetch'];
  now(): Date;
  /** Hands the archive to the user; returns a URL the page can offer to save it again. */
  save(archiveName: string, bytes: Uint8Array): string;
  /** Test seams for the client's retries. */
  client?: Pick<AdminClientOptions, 'sleep' | 'maxAttempts'>;
}

/** start: fetches the year and saves at once when nothing failed; retryFailed, saveIncomplete: as in the in-modal ZIP. */
export type AccountingExportRun = ArchiveRun<DatasetProgress, ExportFailure, NoKeyState>;

/**
 * One export page's run on the shared run store: plan, fetch with progress, then either
 * save or stop at the failures for the user to choose (retry, or save marked incomplete),
 * as the in-modal ZIP does. Never saves a partial archive without that choice.
 */
export function createAccountingExportRun(request: ExportRequest, deps: AccountingExportDeps): AccountingExportRun {
  let fetched: { client: AdminClient; plan: AccountingExportPlan; data: AccountingData } | null = null;

  return createArchiveRun<DatasetProgress, ExportFailure, NoKeyState>({
    async gather({ onlyFailed, progress }) {
      const onProgress = (_done: number, _total: number, byDataset: DatasetProgress) => progress(byDataset);
      if (onlyFailed && fetched) {
        const { client, plan, data } = fetched;
        const retry = planRetry(plan, data.failures);
        progress(null);
        const retried = await fetchAccountingData(client, retry.plan, { listProjects: retry.listProjects, onProgress });
        fetched = { client, plan, data: mergeRetry(data, retried, retry) };
      } else {
        const api = await connectAdminApi(deps.getKey, { fetch: deps.fetch, ...deps.client });
        if (api === null) return { stop: { phase: 'no-key' } };
        const { client } = api;
        // A period under way stops at today (UTC): later days have no data yet.
        const plan = planAccountingExport({ period: request.period, scope: request.scope, until: Math.floor(deps.now().getTime() / 1000) });
        progress(null);
        fetched = { client, plan, data: await fetchAccountingData(client, plan, { onProgress }) };
      }
      const { plan, data } = fetched;
      // Parts are the planned calls' months per dataset (costs, each capability), plus the project list.
      const total = plan.months.length * (1 + new Set(plan.usage.map((request) => request.capability)).size) + 1;
      return { failures: data.failures, gathered: total - data.failures.length, total };
    },

    async build() {
      if (!fetched) throw new Error('Nothing was fetched yet.');
      const exported = await buildAccountingExport({
        plan: fetched.plan,
        ...fetched.data,
        organizationName: request.organizationName,
        organizationId: request.organizationId,
        exportedAt: deps.now(),
      });
      const bytes = await zipAccountingExport(exported);
      return {
        archiveName: exported.archiveName,
        bytes,
        complete: exported.manifest.complete,
        // manifest.json is a file of the archive too.
        files: exported.manifest.counts.files + 1,
      };
    },

    save: (archiveName, bytes) => deps.save(archiveName, bytes),
  });
}
