import { scopeProjectId } from '../../lib/admin-api/scope';
import { RETRY_FAILED_LABEL, SAVE_INCOMPLETE_LABEL } from '../../lib/archive/run-text';
import type { ExportFailure } from '../../lib/accounting-export/fetch-data';
import type { ExportRequest } from '../../lib/accounting-export/export-request';
import type { AccountingExportState } from '../../lib/accounting-export/run-export';
import { capabilityWords, type Capability } from '../../lib/accounting-export/capabilities';
import { describePeriod } from '../../lib/accounting-export/period';

export interface AccountingExportViewProps {
  request: ExportRequest;
  /** The project's name when the cached list knows it. */
  projectName: string | null;
  state: AccountingExportState;
  onRetry(): void;
  onSaveIncomplete(): void;
  onOpenOptions(): void;
}

/** "Costs", "Project list", "Web search calls usage". */
function datasetLabel(dataset: ExportFailure['dataset']): string {
  if (dataset === 'costs') return 'Costs';
  if (dataset === 'projects') return 'Project list';
  const words = capabilityWords(dataset.replace(/_usage$/, '') as Capability);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export function AccountingExportView({ request, projectName, state, onRetry, onSaveIncomplete, onOpenOptions }: AccountingExportViewProps) {
  const projectId = scopeProjectId(request.scope);
  const scope = projectId === null ? (request.organizationName ?? 'the whole organization') : `project ${projectName ?? projectId}`;
  return (
    <main class="yearly-export">
      <h1>
        Export {describePeriod(request.period)} as ZIP: {scope}
      </h1>
      <p class="hint">
        For each month, the cost file and a usage file for each capability the key may read (completions, embeddings,
        images, audio, vector stores, code interpreter, file and web search…), in the dashboard's format, plus
        summary.csv, a FOCUS 1.2 cost file and manifest.json. Keep this tab open until the ZIP is saved.
      </p>
      <Status state={state} onRetry={onRetry} onSaveIncomplete={onSaveIncomplete} onOpenOptions={onOpenOptions} />
    </main>
  );
}

function Status({ state, onRetry, onSaveIncomplete, onOpenOptions }: Omit<AccountingExportViewProps, 'request' | 'projectName'>) {
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
      const counts = state.progress?.counts ?? {};
      const lines = (Object.entries(counts) as [ExportFailure['dataset'], { done: number; total: number }][])
        .filter(([dataset, count]) => dataset !== 'projects' && count.total > 0)
        .map(([dataset, count]) => ({ id: dataset, label: `Fetching ${datasetLabel(dataset).toLowerCase()}`, unit: dataset === 'costs' ? 'requests' : 'months', ...count }));
      const active = state.progress?.active ?? [];
      return (
        <div role="status" data-testid="export-progress">
          <p>{state.retrying ? 'Retrying the failed months…' : 'Fetching from the Admin API…'}</p>
          {active.length > 0 && (
            <p data-testid="export-progress-now">
              {`Now: ${active.map((entry) => (entry.window === '' ? datasetLabel(entry.dataset) : `${datasetLabel(entry.dataset)}, ${entry.window}`)).join('; ')}`}
            </p>
          )}
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
                {`${datasetLabel(failure.dataset)}${failure.month === null ? '' : `, ${failure.month}`}: ${failure.error}`}
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
