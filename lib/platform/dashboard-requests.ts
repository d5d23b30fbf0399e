/**
 * Which of the dashboard's own API responses the page-world observer may read for the
 * organization's logging setting (docs/facts.md §3: no public API reads it, so it is taken
 * from what the dashboard loads anyway). Only responses that can carry organization settings
 * (the organization itself, its settings, the session user listing its organizations), never
 * the costs and usage calls, and never more than a bounded size. The endpoint names are a
 * guess: a wrong guess only means the setting is not seen there.
 */

export const LOGGING_SETTING_KEY = 'api_call_logging';

/** Larger responses are not read at all: an organization's settings are a few kilobytes. */
export const MAX_SETTINGS_RESPONSE_BYTES = 256 * 1024;

/** Hosts of the dashboard's own API requests: the session API and same-origin calls. */
const DASHBOARD_API_HOSTS = new Set(['api.openai.com', 'platform.openai.com']);

/** Usage, costs and other bulky or unrelated data: never read, whatever else the path says. */
const NEVER_READ = /\/(costs|usage|activity|invoices?|billing|credit_grants|logs|files|batches|fine_tuning)(\/|$)/i;

const ORGANIZATION_ID = 'org-[A-Za-z0-9_-]{1,64}';
const SETTINGS_PATHS = [
  // The organizations of the session, or the current one.
  /\/organizations?\/?$/i,
  // One organization, possibly with its settings nested (`{"settings": {"api_call_logging": …}}`).
  new RegExp(`/organizations?/${ORGANIZATION_ID}/?$`, 'i'),
  // Its settings or data controls as a resource of their own.
  new RegExp(`/organizations?/(?:${ORGANIZATION_ID}/)?(?:settings|data[-_]controls|data[-_]retention)/?$`, 'i'),
  // The session user, which lists its organizations.
  /\/me\/?$/i,
];

/** Whether a request goes to the dashboard's own API (the only requests whose headers are read). */
export function isDashboardApiRequest(url: URL): boolean {
  return url.protocol === 'https:' && DASHBOARD_API_HOSTS.has(url.hostname);
}

/** Whether a response of this URL can carry the organization's settings and may be read. */
export function canCarryOrganizationSettings(url: URL): boolean {
  return isDashboardApiRequest(url) && !NEVER_READ.test(url.pathname) && SETTINGS_PATHS.some((path) => path.test(url.pathname));
}
