import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { featureHealth, usageGlanceSettings } from '../lib/settings';
import { handleUsageGlanceMessages, REFRESH_ALARM, RETRY_ALARM, createUsageGlanceWorker } from '../lib/usage-glance/worker';

export default defineBackground(() => {
  const usage = createUsageGlanceWorker({ fetch: (url, init) => fetch(url, init), now: Date.now });
  const start = () => {
    void usage.scheduleRefresh();
    void usage.refresh(false);
  };

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Health recorded by an older version's selectors says nothing about this version.
    if (reason === 'update') void featureHealth.removeValue();
    start();
  });
  browser.runtime.onStartup.addListener(start);
  browser.alarms.onAlarm.addListener(({ name }) => {
    if (name === REFRESH_ALARM || name === RETRY_ALARM) void usage.refresh(false);
  });
  usageGlanceSettings.watch(() => {
    void usage.scheduleRefresh();
    void usage.updateBadge();
  });
  handleUsageGlanceMessages(usage, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });
});
