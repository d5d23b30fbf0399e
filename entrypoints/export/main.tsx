import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ExportPage } from '../../components/export/ExportPage';
import { getAdminKey } from '../../lib/background/key-store';
import { usageProjects } from '../../lib/background/storage';
import { parseExportQuery } from '../../lib/yearly-export/export-request';
import { createYearlyExportRun } from '../../lib/yearly-export/run-export';

/**
 * Saves through an <a download> on a blob URL: the worker has no URL.createObjectURL, and
 * this needs no downloads permission. The URL stays valid for "Save again" while the tab is open.
 */
function saveArchive(archiveName: string, bytes: Uint8Array): string {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = archiveName;
  link.click();
  return url;
}

const root = document.getElementById('app') as HTMLElement;
const request = parseExportQuery(location.search, new Date());
const openOptions = () => void browser.runtime.openOptionsPage();

if ('error' in request) {
  render(<ExportPage request={request} projectName={null} run={null} onOpenOptions={openOptions} />, root);
} else {
  const run = createYearlyExportRun(request, {
    getKey: async () => (await getAdminKey())?.key ?? null,
    fetch: (url, init) => fetch(url, init),
    now: () => new Date(),
    save: saveArchive,
  });
  void usageProjects.getValue().then((names) => {
    const projectId = request.scope.kind === 'project' ? request.scope.projectId : null;
    const projectName = names?.projects.find((project) => project.id === projectId)?.name ?? null;
    render(<ExportPage request={request} projectName={projectName} run={run} onOpenOptions={openOptions} />, root);
    // One click in the popup or options is the whole request: the export starts at once.
    void run.start();
  });
}
