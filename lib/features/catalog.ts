import type { FeatureMeta } from './feature';
import { meta as loggingReminderMeta } from './logging-reminder/meta';
import { meta as projectEmphasisMeta } from './project-emphasis/meta';
import { meta as usageZipExportMeta } from './usage-zip-export/meta';

/**
 * Every feature's metadata, in the order options lists them and the page runs them.
 * Extension pages import this, never the registry: the registry brings the page code.
 */
export const featureCatalog: readonly FeatureMeta[] = [projectEmphasisMeta, usageZipExportMeta, loggingReminderMeta];
