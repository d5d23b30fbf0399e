import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ExportPage } from '../../components/export/ExportPage';
import { scopeProjectId } from '../../lib/admin-api/scope';
import { saveDownload } from '../../lib/archive/save-download';
import { readStoredKeyFor } from '../../lib/storage/stored-key';
import { usageProjects } from '../../lib/storage/api-records';
import { parseExportQuery } from '../../lib/accounting-export/export-request';
import { createAccountingExportRun } from '../../lib/accounting-export/run-export';
import { periodCutAt } from '../../lib/accounting-export/period';
import { clockNow } from '../../lib/core/clock';
import { EXPORT_LOCK } from '../../lib/messaging/open-export-page';

const root = document.getElementById('app') as HTMLElement;
const request = parseExportQuery(location.search, new Date(clockNow()));
const openOptions = () => void browser.runtime.openOptionsPage();

if ('error' in request) {
  render(<ExportPage request={request} projectName={null} run={null} onOpenOptions={openOptions} />, root);
} else {
  const run = createAccountingExportRun(request, {
    // The organization the export was asked for, when its key is stored (one key per organization).
    getKey: () => readStoredKeyFor(request.organizationId),
    fetch: (url, init) => fetch(url, init),
    now: () => new Date(clockNow()),
    // The URL stays valid for "Save again" while the tab is open.
    save: (archiveName, bytes) => saveDownload(document, archiveName, bytes, { revokeAfterMs: null }),
  });
  void usageProjects.getValue().then((names) => {
    const projectId = scopeProjectId(request.scope);
    const projectName = names?.projects.find((project) => project.id === projectId)?.name ?? null;
    // One click in the popup or options is the whole request: the export starts at once,
    // unless another tab's export holds the lock (open-export-page.ts).
    void navigator.locks.request(EXPORT_LOCK, { ifAvailable: true }, async (lock) => {
      if (!lock) {
        const error = 'Another accounting export is running in another tab, so this one did not start.';
        render(<ExportPage request={{ error }} projectName={null} run={null} onOpenOptions={openOptions} />, root);
        return;
      }
      // As the run's plan cuts it: a period under way is fetched only to today (UTC).
      const cutAt = periodCutAt(request.period, Math.floor(clockNow() / 1000));
      render(<ExportPage request={request} cutAt={cutAt} projectName={projectName} run={run} onOpenOptions={openOptions} />, root);
      await run.start();
    });
  });
}
