import { render } from 'preact';
import { disabledFeatures, loggingReminderSilence, usageGlanceSettings } from '../../lib/storage/settings';
import { unseenSpikes, usageCache, usageProjects, usageProjectSummaries, usageStatus } from '../../lib/storage/api-records';
import { loggingObservations } from '../../lib/storage/records';
import { preloadStorageItems } from '../../components/ui/useStorageItem';
import { activeTabProject } from '../../components/popup/tab-project';
import { PopupApp } from '../../components/popup/PopupApp';
import { usageGlanceDetails } from '../../lib/storage/glance-details';

// The tab's answer (which project to open on) is on its way while storage is read.
const tabProject = activeTabProject();

// Everything the first render shows is read before it, in parallel, so the figures and the
// glance's sections (ranking, keys, limits, spikes, logging card) paint together without
// waiting for the worker or the network; PopupApp then asks for a refresh.
void Promise.all([
  usageCache.getValue(),
  usageStatus.getValue(),
  usageGlanceSettings.getValue(),
  usageProjects.getValue(),
  preloadStorageItems([usageProjectSummaries, usageGlanceDetails, unseenSpikes, loggingObservations, loggingReminderSilence, disabledFeatures]),
]).then(async ([cache, status, settings, names]) => {
  // The tab's project if it has answered by now (a race against a settled promise: the
  // first of two settled promises wins), else undefined: the first render never waits for
  // a tab, which may be slow or never answer; PopupApp switches to its project when it does.
  const answered = await Promise.race([tabProject, Promise.resolve(undefined)]);
  render(<PopupApp initial={{ cache, status, settings, names, tabProject: answered }} />, document.getElementById('app') as HTMLElement);
});
