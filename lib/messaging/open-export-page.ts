import { browser } from 'wxt/browser';
import { exportTab } from '../storage/accounting-export';
import { EXPORT_PAGE_PATH, exportPageQuery, type ExportRequest } from '../accounting-export/export-request';

/**
 * Shared by both ends (the worker answers a dashboard tab's request; the popup and options
 * open it themselves). The export runs in a tab of its own: a popup closes when it loses focus, which would
 * end a run that takes a while. One export tab runs at a time: the page holds this Web Lock
 * while its export runs (entrypoints/export/main.tsx) and does not start without it, and
 * asking again while it runs, or while the tab is still loading, focuses that tab instead
 * of opening another (each would read the whole period with the admin key).
 */
// The name predates the accounting export; a running export page of the previous version holds it too.
export const EXPORT_LOCK = 'refined-openai-platform:yearly-export';

async function exportRunning(): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return false;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === EXPORT_LOCK);
}

/** The export tab to focus instead of opening another, if there is one. */
async function busyExportTab(): Promise<{ id: number; windowId: number | undefined } | null> {
  const id = await exportTab.getValue();
  if (id === null) return null;
  const tab = await browser.tabs.get(id).catch(() => null);
  if (!tab || tab.id === undefined) return null;
  return tab.status === 'loading' || (await exportRunning()) ? { id: tab.id, windowId: tab.windowId } : null;
}

// Requests arriving together (a burst of clicks) are answered one after another, so the second sees the first's tab.
let queue: Promise<unknown> = Promise.resolve();

export function openExportPage(request: ExportRequest): Promise<void> {
  const opening = queue.then(async () => {
    const busy = await busyExportTab();
    if (busy) {
      await browser.tabs.update(busy.id, { active: true });
      if (busy.windowId !== undefined) await browser.windows.update(busy.windowId, { focused: true }).catch(() => undefined);
      return;
    }
    const tab = await browser.tabs.create({ url: `${browser.runtime.getURL(EXPORT_PAGE_PATH)}${exportPageQuery(request)}` });
    await exportTab.setValue(tab.id ?? null);
  });
  queue = opening.catch(() => undefined);
  return opening;
}
