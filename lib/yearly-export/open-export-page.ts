import { browser } from 'wxt/browser';
import { EXPORT_PAGE_PATH, exportPageQuery, type ExportRequest } from './export-request';

/**
 * The export runs in a tab of its own: a popup closes when it loses focus, which would
 * end a run that takes a while.
 */
export async function openExportPage(request: ExportRequest): Promise<void> {
  await browser.tabs.create({ url: `${browser.runtime.getURL(EXPORT_PAGE_PATH)}${exportPageQuery(request)}` });
}
