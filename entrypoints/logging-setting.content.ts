import { defineContentScript } from 'wxt/utils/define-content-script';
import { observeDashboardTraffic } from '../lib/platform/page-traffic';
import { REQUEST_IDS_MESSAGE, REQUEST_IDS_REQUEST, type RequestIds } from '../lib/platform/request-ids';
import { findLoggingSetting } from '../lib/logging-reminder/logging-state';
import { SETTING_MESSAGE, SETTING_REQUEST } from '../lib/logging-reminder/setting-channel';
import { clockNow } from '../lib/core/clock';

/** The same ids are announced again at most this often (the content script re-pairs them with the names shown). */
const REPEAT_IDS_MS = 500;

/**
 * Watches what the dashboard loads anyway, from the page's world (it must run there from the
 * start to see it), and tells the content script: the organization's logging setting from
 * responses that can carry it, and the project and organization the dashboard's requests are
 * made for. It makes no request of its own and changes nothing the page receives.
 */
export default defineContentScript({
  matches: ['https://platform.openai.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    let setting: unknown = null;
    let ids: RequestIds = { project: null, organization: null };
    let idsAnnouncedAt = 0;
    const origin = window.location.origin;
    const announceSetting = () => setting && window.postMessage({ type: SETTING_MESSAGE, setting }, origin);
    const announceIds = () => {
      if (!ids.project && !ids.organization) return;
      idsAnnouncedAt = clockNow();
      window.postMessage({ type: REQUEST_IDS_MESSAGE, ...ids }, origin);
    };

    observeDashboardTraffic(window, {
      settingsResponse(json) {
        const found = findLoggingSetting(json);
        if (!found) return;
        setting = {
          ...(found.organizationId ? { id: found.organizationId } : {}),
          api_call_logging: found.setting,
          api_call_logging_project_ids: found.projectIds,
        };
        announceSetting();
      },
      requestIds(seen) {
        // A request without one of the headers (an organization-wide call) keeps the other id.
        const next = { project: seen.project ?? ids.project, organization: seen.organization ?? ids.organization };
        const same = next.project === ids.project && next.organization === ids.organization;
        ids = next;
        if (!same || clockNow() - idsAnnouncedAt >= REPEAT_IDS_MS) announceIds();
      },
    });

    // The content script starts later (document_idle) and asks for what it missed.
    window.addEventListener('message', (event) => {
      if (event.source !== window) return;
      if (event.data?.type === SETTING_REQUEST) announceSetting();
      if (event.data?.type === REQUEST_IDS_REQUEST) announceIds();
    });
  },
});
