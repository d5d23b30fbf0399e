import { useEffect, useState } from 'preact/hooks';
import type { ExportRequest } from '../../lib/accounting-export/export-request';
import type { AccountingExportChecks, AccountingExportRun, AccountingExportState } from '../../lib/accounting-export/run-export';
import { AccountingExportView } from './AccountingExportView';

export type ExportPageProps = { projectName: string | null; onOpenOptions(): void } & (
  /** cutAt: see AccountingExportViewProps. */
  | { request: ExportRequest; run: AccountingExportRun; cutAt: string | null }
  /** The page's URL did not hold a usable request. */
  | { request: { error: string }; run: null }
);

export function ExportPage(props: ExportPageProps) {
  const [{ state, checks }, setView] = useState<{ state: AccountingExportState; checks: AccountingExportChecks | null }>({ state: { phase: 'idle' }, checks: null });
  // The run's checks are current whenever it hands out a state (see AccountingExportRun).
  useEffect(() => {
    const run = props.run;
    return run?.subscribe((next) => setView({ state: next, checks: run.checks }));
  }, [props.run]);
  if (props.run === null) {
    return (
      <main class="accounting-export">
        <h1>Accounting export</h1>
        <div class="banner banner-error" role="alert" data-testid="export-error">
          {props.request.error} Start the export from the toolbar popup or the options.
        </div>
      </main>
    );
  }
  const { request, cutAt, projectName, run, onOpenOptions } = props;
  return (
    <AccountingExportView
      request={request}
      cutAt={cutAt}
      projectName={projectName}
      state={state}
      checks={checks}
      onRetry={() => void run.retryFailed()}
      onSaveIncomplete={() => void run.saveIncomplete()}
      onOpenOptions={onOpenOptions}
    />
  );
}
