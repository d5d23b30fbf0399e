import { sendToWorker } from '../../messaging/page-messenger';
import { findPageScope, findProjectSwitcher, findUsageExport, type UsageExport } from '../../platform/adapter';
import { defineFeature } from '../feature';
import { definePageResource } from '../page-resources';
import { scope as usageZipExportScope } from './meta';
import { ZipRun } from './zip-run';
import { createZipPanel, type AdminExportOffer } from './zip-panel';

/**
 * The run outlives the panel: the app re-renders the dialog, and the new panel picks the
 * run up. Once no panel shows it (the dialog closed, the feature was switched off, the
 * user navigated away or the extension reloaded) a run still under way stops clicking
 * rows and disarms, and the next dialog starts afresh.
 */
const zipRun = definePageResource({
  create(document) {
    // The archive is named after what the Usage page's own selector shows, never the top bar's project.
    return new ZipRun(document, () => {
      const switcher = findProjectSwitcher(document);
      const scope = findPageScope(document, { topBarProject: switcher?.projectName ?? null });
      return {
        organization: switcher?.organizationName ?? null,
        scope: { shown: scope?.label ?? null, allProjects: scope?.allProjects ?? false, topBarProject: switcher?.projectName ?? null },
      };
    });
  },
  release(run) {
    if (run.busy) run.cancel();
  },
});

/** The accounting export of the page's year, through the worker: only it reads the key, and only it opens extension pages. */
function adminExportOffer(document: Document): AdminExportOffer {
  return {
    available: () => sendToWorker('hasAdminKey', undefined),
    open: (year) => {
      const switcher = findProjectSwitcher(document);
      // The id picks the organization's own key once there are several (lib/storage/stored-key.ts).
      return sendToWorker('openAccountingExport', {
        year,
        organizationName: switcher?.organizationName?.slice(0, 200) || null,
        organizationId: switcher?.organizationId ?? null,
      });
    },
  };
}

function sameExport(a: UsageExport, b: UsageExport): boolean {
  return (
    a.dialog === b.dialog &&
    a.multiFile === b.multiFile &&
    a.offerButton === b.offerButton &&
    // A re-render that drops our panel replaces the heading too, even when no row is recognized.
    a.heading === b.heading &&
    a.rows.length === b.rows.length &&
    a.rows.every((row, index) => row.trigger === b.rows[index]?.trigger)
  );
}

export const usageZipExport = defineFeature<UsageExport>({
  ...usageZipExportScope,
  detect: findUsageExport,
  isSameAnchor: sameExport,
  apply(found, { signal, document, use }) {
    // No dialog, no panel: the run the last panel showed is released with it.
    if (!found.dialog) return;
    const run = use(zipRun);
    // A one-file export has nothing to zip; the panel stays only to report a run it started
    // (say, its rows were not recognized after "Download N files…").
    if (!found.multiFile && run.current.phase === 'idle') return;
    const styleSource = found.offerButton ?? found.rows[0]?.trigger ?? null;
    const panel = createZipPanel(document, run, styleSource?.className ?? '', signal, adminExportOffer(document));
    if (found.offerButton) found.offerButton.after(panel);
    else if (found.multiFile && found.rows[0]) found.rows[0].row.parentElement?.before(panel);
    else found.heading?.after(panel);
  },
});
