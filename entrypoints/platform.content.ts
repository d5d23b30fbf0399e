import { defineContentScript } from 'wxt/utils/define-content-script';
import { findProjectSwitcher, readActiveOrganization, watchRequestIds } from '../lib/platform/adapter';
import type { FeatureSettings } from '../lib/features/feature';
import type { HealthMap, HealthRecord } from '../lib/features/health';
import { loggingReminderScope } from '../lib/features/logging-reminder/meta';
import { features } from '../lib/features/registry';
import { FeatureRunner } from '../lib/features/runner';
import { organizationKey, recordSettingObservation } from '../lib/logging/logging-store';
import { parseSettingMessage, SETTING_REQUEST } from '../lib/logging/setting-channel';
import { readOnlyItem } from '../lib/settings/read-only-item';
import { DISABLED_FEATURES, PROJECT_COLORS } from '../lib/settings/settings';
import { reportFeatureHealth } from '../lib/background/page-reports';
import { answerInPage } from '../lib/background/page-messenger';
import { capturePageOutlineLazily } from '../lib/platform/outline/load';

const RECOGNITION_GRACE_MS = 4000;
const HEALTH_FLUSH_MS = 300;
const ORPHAN_CHECK_MS = 1000;

export default defineContentScript({
  matches: ['https://platform.openai.com/*'],
  runAt: 'document_idle',
  async main(ctx) {
    // Read-only: the worker and options write these, and migrate them (read-only-item.ts).
    const disabledFeatures = readOnlyItem(DISABLED_FEATURES);
    const projectColors = readOnlyItem(PROJECT_COLORS);
    const settings: FeatureSettings = {
      disabledFeatures: await disabledFeatures.getValue(),
      projectColors: await projectColors.getValue(),
    };
    if (ctx.isInvalid) return;

    // Health reports are batched: one message to the worker (which writes the record) per burst of re-renders.
    let pending: HealthMap = {};
    let flushTimer: number | undefined;
    const flushHealth = async () => {
      flushTimer = undefined;
      const batch = pending;
      pending = {};
      await reportFeatureHealth(batch);
    };
    const report = (featureId: string, record: HealthRecord) => {
      // What the feature looked at, redacted, for a bug report from options (README: "When a feature says Not recognized").
      if (record.state === 'not-recognized') void capturePageOutlineLazily(featureId, document).catch(() => undefined);
      pending[featureId] = record;
      flushTimer ??= ctx.setTimeout(() => void flushHealth().catch(() => undefined), HEALTH_FLUSH_MS);
    };

    const runner = new FeatureRunner({
      features,
      document,
      signal: ctx.signal,
      settings,
      recognitionGraceMs: RECOGNITION_GRACE_MS,
      report,
      logError: (featureId, error) => console.warn(`[refined-openai-platform] feature "${featureId}" failed:`, error),
    });

    let current = settings;
    const change = (patch: Partial<FeatureSettings>) => {
      current = { ...current, ...patch };
      runner.updateSettings(current);
    };
    const unwatch = [
      disabledFeatures.watch((value) => change({ disabledFeatures: value })),
      projectColors.watch((value) => change({ projectColors: value })),
    ];
    ctx.onInvalidated(() => unwatch.forEach((stop) => stop()));

    // The popup defaults its scope to the project this tab shows.
    ctx.onInvalidated(
      answerInPage('getActiveProject', () => {
        const switcher = findProjectSwitcher(document);
        return (
          switcher && {
            projectId: switcher.projectId,
            projectName: switcher.projectName,
            organizationId: switcher.organizationId,
            organizationName: switcher.organizationName,
          }
        );
      }),
    );

    // The organization's logging setting, as seen by the page-world observer.
    ctx.addEventListener(window, 'message', (event: MessageEvent) => {
      const found = event.source === window ? parseSettingMessage(event.data) : null;
      if (!found || current.disabledFeatures.includes(loggingReminderScope.id)) return;
      // The response's own organization id wins over whichever organization is active now.
      const active = readActiveOrganization(document);
      const organization = found.organizationId ?? (active && organizationKey(active));
      if (!organization) return;
      void recordSettingObservation(organization, { setting: found.setting, projectIds: found.projectIds, at: Date.now() });
    });
    window.postMessage({ type: SETTING_REQUEST }, window.location.origin);

    // An orphaned content script hears nothing when its extension is reloaded or removed:
    // browser.runtime.id going away is the only sign, and ctx's timers check it on each tick.
    ctx.setInterval(() => undefined, ORPHAN_CHECK_MS);
    ctx.addEventListener(window, 'wxt:locationchange', () => runner.navigated());
    // The project the dashboard's own requests name can change what the switcher reads.
    watchRequestIds(window, () => runner.evaluate(), ctx.signal);
    runner.start();
  },
});
