import { findProjectSwitcher, findUsageExport, isUsagePage, type UsageExport } from '../../platform/adapter';
import { defineFeature } from '../feature';
import { ZipRun } from './zip-run';
import { createZipPanel } from './zip-panel';

/** The run outlives the panel: the app re-renders the dialog, and a new panel picks the run up. */
let run: ZipRun | null = null;
/** Panels showing the run; when none is left after a re-render, the user has left the dialog. */
let panels = 0;

function releasePanel(): void {
  panels -= 1;
  queueMicrotask(() => {
    // Switched off, navigated away or the extension reloaded: stop clicking rows and disarm.
    if (panels === 0 && run?.busy) run.cancel();
  });
}

function sameExport(a: UsageExport, b: UsageExport): boolean {
  return (
    a.dialog === b.dialog &&
    a.offerButton === b.offerButton &&
    a.rows.length === b.rows.length &&
    a.rows.every((row, index) => row.trigger === b.rows[index]?.trigger)
  );
}

export const usageZipExport = defineFeature<UsageExport>({
  id: 'usage-zip-export',
  name: 'Download all as ZIP',
  description:
    'Adds “Download all as ZIP” to the Usage page’s Export modal: every monthly file, unchanged, in one archive with a manifest of sizes and SHA-256 sums.',
  appliesTo: isUsagePage,
  detect: findUsageExport,
  isSameAnchor: sameExport,
  apply(found, { signal, document }) {
    if (!found.dialog) {
      // The dialog closed under a run: its rows are gone, so the run cannot go on.
      if (run?.busy) run.cancel();
      if (run && !run.busy) run = null;
      return;
    }
    if (!run) {
      const switcher = findProjectSwitcher(document);
      run = new ZipRun(document, {
        organization: switcher?.organizationName ?? null,
        project: switcher?.projectName ?? null,
      });
    }
    const styleSource = found.offerButton ?? found.rows[0]?.trigger;
    const panel = createZipPanel(document, run, styleSource?.className ?? '', signal);
    panels += 1;
    signal.addEventListener('abort', releasePanel, { once: true });
    if (found.offerButton) found.offerButton.after(panel);
    else found.rows[0]?.row.parentElement?.before(panel);
  },
});
