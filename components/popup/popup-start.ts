import { disabledFeatures, loggingReminderSilence, usageGlanceSettings } from '../../lib/storage/settings';
import { unseenSpikes, usageCache, usageProjects, usageProjectSummaries, usageStatus } from '../../lib/storage/api-records';
import { loggingObservations } from '../../lib/storage/records';
import { usageGlanceDetails } from '../../lib/storage/glance-details';
import { preloadStorageItems } from '../ui/useStorageItem';
import { activeTabProject } from './tab-project';
import type { PopupInitial } from './PopupApp';

/**
 * What the popup's first render shows, read before it in parallel, so the figures and the
 * glance's sections (ranking, keys, limits, spikes, logging card) paint together without
 * waiting for the worker or the network; PopupApp then asks for a refresh.
 */
export async function readPopupStart(): Promise<PopupInitial> {
  // The tab's answer (which project to open on) is on its way while storage is read.
  const tabProject = activeTabProject();
  const [cache, status, settings, names] = await Promise.all([
    usageCache.getValue(),
    usageStatus.getValue(),
    usageGlanceSettings.getValue(),
    usageProjects.getValue(),
    preloadStorageItems([usageProjectSummaries, usageGlanceDetails, unseenSpikes, loggingObservations, loggingReminderSilence, disabledFeatures]),
  ]);
  // The tab's project if it has answered by now (a race against a settled promise: the
  // first of two settled promises wins), else undefined: the first render never waits for
  // a tab, which may be slow or never answer; PopupApp switches to its project when it does.
  const answered = await Promise.race([tabProject, Promise.resolve(undefined)]);
  return { cache, status, settings, names, tabProject: answered };
}
