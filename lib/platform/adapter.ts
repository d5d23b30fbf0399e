/**
 * The one place that knows the dashboard's markup: every selector, text pattern and
 * localStorage key a feature relies on, split per page. The dashboard's class names are
 * generated and change between releases, so everything here anchors on roles, accessible
 * names, structure, position and visible text. When the markup is not recognized, readings
 * return null and the feature stays quiet.
 */

export { findMainContent, OWNED_MARK, PLATFORM_ORIGIN } from './common';
export { DATA_RETENTION_URL, isDataRetentionPage, isLogsPage, isUsagePage, LOGS_PAGE_URL } from './routes';
export {
  findProjectSwitcher,
  noteKnownProjects,
  readActiveOrganization,
  watchRequestIds,
  type ProjectSwitcher,
} from './switcher';
export { findPageScope, scopeMatches, type PageScope } from './page-scope';
export { findUsageExport, rowShowsBusy, rowShowsFailure, startRowDownload, type ExportRow, type UsageExport } from './export-modal';
export { readLogsPageState } from './logs';
export { readDataRetention, type DataRetentionReading, type LoggingProject } from './data-controls';
