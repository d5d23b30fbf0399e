import type { AdminClient, AdminClientOptions } from '../admin-api/client';
import { connectAdminApi } from '../admin-api/connect';
import { createArchiveRun, type ArchiveRun, type ArchiveRunState } from '../archive/run-store';
import { buildAccountingExport } from './build-export';
import type { ExportRequest } from './export-request';
import { fetchAccountingData, mergeRetry, planRetry, type DatasetProgress, type ExportFailure, type AccountingData, type UnreadableCapability } from './fetch-data';
import type { Reconciliation } from './reconcile';
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

/**
 * What the page tells the user beside the run's phase, as the manifest records it: the
 * capabilities the key may not read (known once fetched), then whether the FOCUS file
 * validated and the totals reconciled (known once the archive is built; null before).
 */
export interface AccountingExportChecks {
  unreadable: UnreadableCapability[];
  focus: { fileName: string; version: string; valid: boolean; problems: number } | null;
  reconciliation: Pick<Reconciliation, 'matches' | 'totals'> | null;
}

/**
 * start: fetches the period and saves at once when nothing failed; retryFailed, saveIncomplete:
 * as in the in-modal ZIP. `checks` is current whenever a state reaches the subscribers.
 */
export type AccountingExportRun = ArchiveRun<DatasetProgress, ExportFailure, NoKeyState> & { readonly checks: AccountingExportChecks | null };

/**
 * One export page's run on the shared run store: plan, fetch with progress, then either
 * save or stop at the failures for the user to choose (retry, or save marked incomplete),
 * as the in-modal ZIP does. Never saves a partial archive without that choice.
 */
export function createAccountingExportRun(request: ExportRequest, deps: AccountingExportDeps): AccountingExportRun {
  let fetched: { client: AdminClient; plan: AccountingExportPlan; data: AccountingData } | null = null;
  let checks: AccountingExportChecks | null = null;

  const run = createArchiveRun<DatasetProgress, ExportFailure, NoKeyState>({
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
      checks = { unreadable: data.unreadable, focus: null, reconciliation: null };
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
      const { unreadable, focus, reconciliation } = exported.manifest;
      checks = {
        unreadable,
        focus: { fileName: focus.fileName, version: focus.version, valid: focus.valid, problems: focus.problems.length },
        reconciliation: { matches: reconciliation.matches, totals: reconciliation.totals },
      };
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
  return Object.defineProperty(run, 'checks', { get: () => checks, enumerable: true }) as AccountingExportRun;
}
