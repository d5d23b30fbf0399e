import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createUsageGlanceWorker, handleUsageGlanceMessages, type UsageGlanceWorker } from '../worker';
import { usageGlanceMessenger } from '../../messaging/messages';
import { servePageRecords } from '../page-records';

/** What runtime.onMessage reports as the sender of our content script in platform tab `tabId`. */
export function platformTabSender(tabId: number, path = '/usage') {
  return { id: fakeBrowser.runtime.id, url: `https://platform.openai.com${path}`, tab: { id: tabId } };
}

/**
 * fakeBrowser delivers runtime messages with an empty sender, which the worker refuses.
 * From here on, messages this test sends arrive as from the content scripts of `tabs`
 * platform tabs, taking turns.
 */
export function sendAsPlatformTabs(tabs = 1): void {
  let sent = 0;
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
    const sender = platformTabSender(1 + (sent++ % tabs));
    const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender as never);
    return replies.find((reply) => reply !== undefined);
  }) as never);
}

/** The worker's message handlers in this test's context, answering what content scripts send. */
export function startWorkerForPages({ tabs = 1, now = Date.now }: { tabs?: number; now?: () => number } = {}): UsageGlanceWorker {
  usageGlanceMessenger.removeAllListeners();
  const worker = createUsageGlanceWorker({ fetch: () => Promise.reject(new Error('no network in unit tests')), now });
  // The worker's pushes to tabs arrive in this test's context, as tabs.sendMessage would deliver them to a content script.
  const pageRecords = servePageRecords(async (_tabId, records) => {
    await fakeBrowser.runtime.onMessage.trigger({ id: 0, type: 'pageRecordsChanged', data: records, timestamp: Date.now() }, { id: fakeBrowser.runtime.id });
  });
  handleUsageGlanceMessages(worker, { id: fakeBrowser.runtime.id, baseUrl: `chrome-extension://${fakeBrowser.runtime.id}/` }, pageRecords);
  sendAsPlatformTabs(tabs);
  return worker;
}
