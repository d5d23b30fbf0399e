import { scopeProjectId } from '../../lib/admin-api/scope';
import { RETRY_FAILED_LABEL, SAVE_INCOMPLETE_LABEL } from '../../lib/archive/run-text';
import type { ExportFailure } from '../../lib/accounting-export/fetch-data';
import type { ExportRequest } from '../../lib/accounting-export/export-request';
import type { AccountingExportChecks, AccountingExportState } from '../../lib/accounting-export/run-export';
import { formatCount, formatMoney } from '../../lib/core/format';
import { capabilityWords, type Capability } from '../../lib/accounting-export/capabilities';
import { describePeriod } from '../../lib/accounting-export/period';

export interface AccountingExportViewProps {
  request: ExportRequest;
  /** The last day fetched when the period is still under way (periodCutAt at the run's now), else null. */
  cutAt: string | null;
  /** The project's name when the cached list knows it. */
  projectName: string | null;
  state: AccountingExportState;
  /** What the manifest records beside the files: unreadable capabilities, FOCUS validity, reconciliation. */
  checks: AccountingExportChecks | null;
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

export function AccountingExportView({ request, cutAt, projectName, state, checks, onRetry, onSaveIncomplete, onOpenOptions }: AccountingExportViewProps) {
  const projectId = scopeProjectId(request.scope);
  const scope = projectId === null ? (request.organizationName ?? 'the whole organization') : `project ${projectName ?? projectId}`;
  return (
    <main class="accounting-export">
      <h1>
        Export {describePeriod(request.period)}
        {cutAt === null ? '' : ` so far (to ${cutAt})`} as ZIP: {scope}
      </h1>
      {cutAt !== null && (
        <p class="hint" data-testid="export-cut">
          {`${describePeriod(request.period)} is still under way: the export covers it only to today, ${cutAt} (UTC). The archive's name, summary.csv's total and manifest.json say so.`}
        </p>
      )}
      <p class="hint">
        For each month, the cost file and a usage file for each capability the key may read (completions, embeddings,
        images, audio, vector stores, code interpreter, file and web search…), in the dashboard's format, plus
        summary.csv, a FOCUS 1.2 cost file and manifest.json. Keep this tab open until the ZIP is saved.
      </p>
      <Status
        state={state}
        onRetry={onRetry}
        onSaveIncomplete={onSaveIncomplete}
        onOpenOptions={onOpenOptions}
        keyFor={request.organizationId === null ? null : (request.organizationName ?? request.organizationId)}
      />
      {(state.phase === 'incomplete' || state.phase === 'saved') && checks !== null && (
        <Checks checks={checks} complete={state.phase === 'saved' && state.complete} />
      )}
    </main>
  );
}

/** "Audio transcriptions usage and images usage". */
function listWords(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** One line per total currency: "$1,234.56" when the three files agree, else each file's sum. */
function reconciliationLine({ matches, totals }: NonNullable<AccountingExportChecks['reconciliation']>): string {
  if (matches) {
    const sums = totals.map((total) => formatMoney(total.summary, total.currency)).join(', ');
    return `Totals reconcile to the micro-unit across summary.csv, the cost files and the FOCUS file${sums === '' ? ' (no costs in the period)' : `: ${sums}`}.`;
  }
  const sums = totals
    .map((total) => `summary.csv ${formatMoney(total.summary, total.currency)}, cost files ${formatMoney(total.costFiles, total.currency)}, FOCUS file ${formatMoney(total.focus, total.currency)}`)
    .join('; ');
  return `Totals do NOT reconcile${sums === '' ? '' : `: ${sums}`}; manifest.json's reconciliation shows each month and project.`;
}

/**
 * What the manifest records beside the files, said on the page too: a capability the key
 * may not read is not a failure (retrying cannot fetch it), so the user learns here what
 * the archive leaves out and what would include it.
 */
function Checks({ checks, complete }: { checks: AccountingExportChecks; complete: boolean }) {
  const { unreadable, focus, reconciliation } = checks;
  const names = unreadable.map((entry) => capabilityWords(entry.capability));
  const said = [...new Set(unreadable.map((entry) => entry.message).filter((message): message is string => message !== null && message !== ''))];
  return (
    <div data-testid="export-checks">
      {unreadable.length > 0 && (
        <div class="banner banner-warning" role="status" data-testid="export-unreadable">
          <p>{`The key may not read ${listWords(names)} (HTTP 403): ${unreadable.length === 1 ? 'it has' : 'they have'} no files in the ZIP.`}</p>
          <ul>
            {unreadable.map((entry) => (
              <li key={entry.capability}>{`${datasetLabel(`${entry.capability}_usage`)}: HTTP ${entry.status}`}</li>
            ))}
          </ul>
          {said.length > 0 && <p>{`The Admin API said: ${said.join(' ')}`}</p>}
          <p>
            {`To include ${unreadable.length === 1 ? 'it' : 'them'}, export again with an admin key that may read usage (with the read scope for ${unreadable.length === 1 ? 'that endpoint' : 'those endpoints'}).`}
            {complete ? ' Apart from that, the archive is complete.' : ''}
          </p>
        </div>
      )}
      {focus !== null && (
        <p data-testid="export-focus">
          {focus.valid
            ? `The FOCUS ${focus.version} file (${focus.fileName}) validates against the column rules.`
            : `The FOCUS ${focus.version} file (${focus.fileName}) does NOT validate: ${formatCount(focus.problems)} ${focus.problems === 1 ? 'problem' : 'problems'}, listed in manifest.json.`}
        </p>
      )}
      {reconciliation !== null && <p data-testid="export-reconciliation">{reconciliationLine(reconciliation)}</p>}
    </div>
  );
}

type StatusProps = Omit<AccountingExportViewProps, 'request' | 'cutAt' | 'projectName' | 'checks'> & {
  /** The organization the export was asked for by id (several keys: only its own key may export it), else null. */
  keyFor: string | null;
};

function Status({ state, onRetry, onSaveIncomplete, onOpenOptions, keyFor }: StatusProps) {
  switch (state.phase) {
    case 'idle':
    case 'preparing':
      return <p role="status">Starting…</p>;
    case 'no-key':
      return (
        <div class="banner banner-error" role="alert" data-testid="export-no-key">
          {keyFor === null
            ? 'No admin key is saved, so there is nothing to export from.'
            : `No admin key is saved for ${keyFor}: another organization's key would export its costs under this name.`}{' '}
          Paste one in the{' '}
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
