import { findProjectSwitcher, findUsageExport, type UsageExport } from '../../platform/adapter';
import { defineFeature } from '../feature';
import { definePageResource } from '../page-resources';
import { usageZipExportScope } from './meta';
import { ZipRun } from './zip-run';
import { createZipPanel } from './zip-panel';

/**
 * The run outlives the panel: the app re-renders the dialog, and the new panel picks the
 * run up. Once no panel shows it (the dialog closed, the feature was switched off, the
 * user navigated away or the extension reloaded) a run still under way stops clicking
 * rows and disarms, and the next dialog starts afresh.
 */
const zipRun = definePageResource({
  create(document) {
    const switcher = findProjectSwitcher(document);
    return new ZipRun(document, {
      organization: switcher?.organizationName ?? null,
      project: switcher?.projectName ?? null,
    });
  },
  release(run) {
    if (run.busy) run.cancel();
  },
});

function sameExport(a: UsageExport, b: UsageExport): boolean {
  return (
    a.dialog === b.dialog &&
    a.offerButton === b.offerButton &&
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
    const styleSource = found.offerButton ?? found.rows[0]?.trigger;
    const panel = createZipPanel(document, run, styleSource?.className ?? '', signal);
    if (found.offerButton) found.offerButton.after(panel);
    else found.rows[0]?.row.parentElement?.before(panel);
  },
});
