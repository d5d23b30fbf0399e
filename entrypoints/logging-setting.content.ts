import { defineContentScript } from 'wxt/utils/define-content-script';
import { LOGGING_SETTING_KEY, ORGANIZATION_SETTINGS_URL } from '../lib/platform/adapter';
import { findLoggingSetting } from '../lib/logging/logging-state';
import { SETTING_MESSAGE, SETTING_REQUEST } from '../lib/logging/setting-channel';

/**
 * Reads the organization's logging setting from responses the dashboard loads anyway; it
 * makes no request of its own. It must run in the page's world from the start to see them.
 * Only JSON from organization endpoints that mentions the setting is parsed.
 */
export default defineContentScript({
  matches: ['https://platform.openai.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    const originalFetch = window.fetch;
    let latest: unknown = null;
    const announce = () => latest && window.postMessage({ type: SETTING_MESSAGE, setting: latest }, window.location.origin);

    async function inspect(response: Response): Promise<void> {
      if (!ORGANIZATION_SETTINGS_URL.test(response.url) || !response.headers.get('content-type')?.includes('json')) return;
      const body = await response.clone().text();
      if (!body.includes(LOGGING_SETTING_KEY)) return;
      const found = findLoggingSetting(JSON.parse(body));
      if (!found) return;
      latest = {
        ...(found.organizationId ? { id: found.organizationId } : {}),
        api_call_logging: found.setting,
        api_call_logging_project_ids: found.projectIds,
      };
      announce();
    }

    window.fetch = async function fetch(this: unknown, ...args: Parameters<typeof window.fetch>) {
      const response = await originalFetch.apply(this, args);
      inspect(response).catch(() => undefined);
      return response;
    };
    // The content script starts later (document_idle) and asks for what it missed.
    window.addEventListener('message', (event) => {
      if (event.source === window && event.data?.type === SETTING_REQUEST) announce();
    });
  },
});
