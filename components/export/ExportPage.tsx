import { useEffect, useState } from 'preact/hooks';
import type { ExportRequest } from '../../lib/yearly-export/export-request';
import type { YearlyExportRun, YearlyExportState } from '../../lib/yearly-export/run-export';
import { YearlyExportView } from './YearlyExportView';

export interface ExportPageProps {
  request: ExportRequest | { error: string };
  projectName: string | null;
  /** null when the request could not be read. */
  run: YearlyExportRun | null;
  onOpenOptions(): void;
}

export function ExportPage({ request, projectName, run, onOpenOptions }: ExportPageProps) {
  const [state, setState] = useState<YearlyExportState>({ phase: 'starting' });
  useEffect(() => run?.subscribe(setState), [run]);
  if ('error' in request || !run) {
    return (
      <main class="yearly-export">
        <h1>Yearly export</h1>
        <div class="banner banner-error" role="alert" data-testid="export-error">
          {'error' in request ? request.error : 'Nothing to export.'} Start the export from the toolbar popup or the options.
        </div>
      </main>
    );
  }
  return (
    <YearlyExportView
      request={request}
      projectName={projectName}
      state={state}
      onRetry={() => void run.retryFailed()}
      onSaveIncomplete={() => void run.saveIncomplete()}
      onOpenOptions={onOpenOptions}
    />
  );
}
