import type { FeatureMeta } from './feature';
import { loggingReminderMeta } from './logging-reminder/meta';
import { pageScopeMeta } from './page-scope/meta';
import { projectEmphasisMeta } from './project-emphasis/meta';
import { usageZipExportMeta } from './usage-zip-export/meta';

/**
 * Every feature's metadata, in the order options lists them and the page runs them.
 * Extension pages import this, never the registry: the registry brings the page code.
 */
export const featureCatalog: readonly FeatureMeta[] = [projectEmphasisMeta, pageScopeMeta, usageZipExportMeta, loggingReminderMeta];
