import { useEffect, useState } from 'preact/hooks';
import type { ExportRequest } from '../../lib/accounting-export/export-request';
import type { AccountingExportRun, AccountingExportState } from '../../lib/accounting-export/run-export';
import { AccountingExportView } from './AccountingExportView';

export type ExportPageProps = { projectName: string | null; onOpenOptions(): void } & (
  | { request: ExportRequest; run: AccountingExportRun }
  /** The page's URL did not hold a usable request. */
  | { request: { error: string }; run: null }
);

export function ExportPage(props: ExportPageProps) {
  const [state, setState] = useState<AccountingExportState>({ phase: 'idle' });
  useEffect(() => props.run?.subscribe(setState), [props.run]);
  if (props.run === null) {
    return (
      <main class="yearly-export">
        <h1>Accounting export</h1>
        <div class="banner banner-error" role="alert" data-testid="export-error">
          {props.request.error} Start the export from the toolbar popup or the options.
        </div>
      </main>
    );
  }
  const { request, projectName, run, onOpenOptions } = props;
  return (
    <AccountingExportView
      request={request}
      projectName={projectName}
      state={state}
      onRetry={() => void run.retryFailed()}
      onSaveIncomplete={() => void run.saveIncomplete()}
      onOpenOptions={onOpenOptions}
    />
  );
}
