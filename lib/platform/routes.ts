/** The dashboard's routes the features care about (docs/facts.md §3). */

import { PLATFORM_ORIGIN } from './common';

const USAGE_PATHS = ['/usage', '/account/usage'];

export function isUsagePage(url: URL): boolean {
  return USAGE_PATHS.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`));
}

export const LOGS_PATH = '/logs';
/** Where the dashboard asks whether to enable logging (docs/facts.md §3: on the first visit). */
export const LOGS_PAGE_URL = `${PLATFORM_ORIGIN}${LOGS_PATH}`;

export function isLogsPage(url: URL): boolean {
  return url.pathname === LOGS_PATH || url.pathname.startsWith(`${LOGS_PATH}/`);
}

/** Settings → Data controls → Data retention, where "API call logging" is set (docs/facts.md §3). */
export const DATA_RETENTION_PATH = '/settings/organization/data-controls/data-retention';
export const DATA_RETENTION_URL = `${PLATFORM_ORIGIN}${DATA_RETENTION_PATH}`;

export function isDataRetentionPage(url: URL): boolean {
  return url.pathname.replace(/\/+$/, '') === DATA_RETENTION_PATH;
}
