import type { Feature } from './feature';
import { loggingReminder } from './logging-reminder/feature';
import { projectEmphasis } from './project-emphasis/feature';
import { usageZipExport } from './usage-zip-export/feature';

/** Every feature, in the order it runs on a page and is listed in options. */
export const features: readonly Feature[] = [projectEmphasis, usageZipExport, loggingReminder];
