import { scopeProjectId } from '../../lib/admin-api/scope';
import { RETRY_FAILED_LABEL, SAVE_INCOMPLETE_LABEL } from '../../lib/archive/run-text';
import type { ExportFailure } from '../../lib/yearly-export/fetch-data';
import type { ExportRequest } from '../../lib/yearly-export/export-request';
import type { YearlyExportState } from '../../lib/yearly-export/run-export';

export interface YearlyExportViewProps {
  request: ExportRequest;
  /** The project's name when the cached list knows it. */
  projectName: string | null;
  state: YearlyExportState;
  onRetry(): void;
  onSaveIncomplete(): void;
  onOpenOptions(): void;
}

const DATASET_LABELS: Record<ExportFailure['dataset'], string> = {
  costs: 'Costs',
  completions_usage: 'Completions usage',
  projects: 'Project list',
};

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export function YearlyExportView({ request, projectName, state, onRetry, onSaveIncomplete, onOpenOptions }: YearlyExportViewProps) {
  const projectId = scopeProjectId(request.scope);
  const scope = projectId === null ? (request.organizationName ?? 'the whole organization') : `project ${projectName ?? projectId}`;
  return (
    <main class="yearly-export">
      <h1>
        Export {request.year} as ZIP: {scope}
      </h1>
      <p class="hint">
        For each month, the cost and completions usage CSV files in the dashboard's format, plus summary.csv and
        manifest.json. Keep this tab open until the ZIP is saved.
      </p>
      <Status state={state} onRetry={onRetry} onSaveIncomplete={onSaveIncomplete} onOpenOptions={onOpenOptions} />
    </main>
  );
}

function Status({ state, onRetry, onSaveIncomplete, onOpenOptions }: Omit<YearlyExportViewProps, 'request' | 'projectName'>) {
  switch (state.phase) {
    case 'idle':
    case 'preparing':
      return <p role="status">Starting…</p>;
    case 'no-key':
      return (
        <div class="banner banner-error" role="alert" data-testid="export-no-key">
          No admin key is saved, so there is nothing to export from. Paste one in the{' '}
          <a
            href="#"
            onClick={(event) => {
              event.preventDefault();
              onOpenOptions();
            }}
          >
            options
          </a>{' '}
          and start the export again.
        </div>
      );
    case 'fetching': {
      const lines = state.progress
        ? [
            { id: 'costs', label: 'Fetching costs', unit: 'requests', ...state.progress.costs },
            { id: 'usage', label: 'Fetching usage', unit: 'months', ...state.progress.completions_usage },
          ].filter((line) => line.total > 0)
        : [];
      return (
        <div role="status" data-testid="export-progress">
          <p>{state.retrying ? 'Retrying the failed months…' : 'Fetching from the Admin API…'}</p>
          {lines.map((line) => (
            <p key={line.id} class="export-progress-line">
              <span>{`${line.label}: ${line.done} of ${line.total} ${line.unit}…`}</span>
              <progress max={line.total} value={line.done} aria-label={line.label} />
            </p>
          ))}
        </div>
      );
    }
    case 'building':
      return <p role="status">Building the ZIP…</p>;
    case 'incomplete':
      return (
        <div class="banner banner-error" role="alert" data-testid="export-incomplete">
          <p>Some parts could not be fetched, even after retrying:</p>
          <ul data-testid="export-failures">
            {state.failures.map((failure) => (
              <li key={`${failure.dataset} ${failure.month ?? ''}`}>
                {`${DATASET_LABELS[failure.dataset]}${failure.month === null ? '' : `, ${failure.month}`}: ${failure.error}`}
              </li>
            ))}
          </ul>
          <p>Retry them, or save a ZIP marked incomplete (its manifest lists what is missing).</p>
          <div class="actions">
            <button type="button" onClick={onRetry}>
              {RETRY_FAILED_LABEL}
            </button>
            <button type="button" onClick={onSaveIncomplete}>
              {SAVE_INCOMPLETE_LABEL}
            </button>
          </div>
        </div>
      );
    case 'saved':
      return (
        <div class={state.complete ? 'banner banner-ok' : 'banner banner-error'} role="status" data-testid="export-saved">
          <p>
            {state.complete
              ? `Saved ${state.archiveName}: ${state.files} files, ${size(state.bytes)}.`
              : `Saved ${state.archiveName}: INCOMPLETE, ${state.files} files, ${size(state.bytes)}; manifest.json lists what is missing.`}
          </p>
          <a href={state.url} download={state.archiveName}>
            Save again
          </a>
        </div>
      );
    case 'cancelled':
      return <p role="status">Cancelled: nothing was saved.</p>;
    case 'error':
      return (
        <div class="banner banner-error" role="alert" data-testid="export-error">
          Could not make the ZIP: {state.message}
        </div>
      );
  }
}
