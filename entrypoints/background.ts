import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PLATFORM_ORIGIN } from '../lib/platform/adapter';
import { usageGlanceSettings } from '../lib/storage/settings';
import { featureHealth } from '../lib/storage/records';
import { recordWrites } from '../lib/background/serial-queue';
import { restrictStorageAccess } from '../lib/storage/storage-access';
import { SPIKE_NOTIFICATION_PREFIX } from '../lib/background/spike-alerts';
import { handleSecurityWatch } from '../lib/background/security-watch';
import { servePageRecords } from '../lib/background/page-records';
import { platformTabMessenger } from '../lib/messaging/messages';
import { handleUsageGlanceMessages, REFRESH_ALARM, RETRY_ALARM, createUsageGlanceWorker } from '../lib/background/worker';
import { clockNow } from '../lib/core/clock';

export default defineBackground(() => {
  restrictStorageAccess().catch((error: unknown) => console.warn('[refined-openai-platform] storage access level not set:', error));
  const usage = createUsageGlanceWorker({
    fetch: (url, init) => fetch(url, init),
    now: clockNow,
    notify: async (notices) => {
      for (const notice of notices) {
        await browser.notifications.create(notice.id, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: notice.title,
          message: notice.message,
          priority: 2,
        });
      }
    },
  });
  // Every start: a move of the key to or from the disk that was cut short is finished (key-store.ts).
  usage.settleKeyRetention().catch((error: unknown) => console.warn('[refined-openai-platform] key move not finished:', error));
  const start = () => {
    void usage.scheduleRefresh();
    void usage.refresh(false);
  };

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Health recorded by an older version's selectors says nothing about this version.
    if (reason === 'update') void recordWrites.run(() => featureHealth.removeValue());
    start();
  });
  browser.runtime.onStartup.addListener(start);
  browser.alarms.onAlarm.addListener(({ name }) => {
    if (name === REFRESH_ALARM || name === RETRY_ALARM) void usage.refresh(false);
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(SPIKE_NOTIFICATION_PREFIX)) return;
    // The Usage page shows the dashboard's active project; no public URL selects another.
    void browser.tabs.create({ url: `${PLATFORM_ORIGIN}/usage` });
    void browser.notifications.clear(id);
    void usage.acknowledgeSpikes([id]);
  });
  usageGlanceSettings.watch(() => {
    void usage.scheduleRefresh();
    void usage.updateBadge();
  });
  // Dashboard tabs read the worker's records through it (storage.local is not theirs to open).
  const pageRecords = servePageRecords(async (tabId, records) => {
    await platformTabMessenger.sendMessage('pageRecordsChanged', records, { tabId, frameId: 0 });
  });
  handleUsageGlanceMessages(usage, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') }, pageRecords);
  handleSecurityWatch(usage, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });
});
