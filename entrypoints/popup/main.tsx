import { render } from 'preact';
import { usageGlanceSettings } from '../../lib/settings/settings';
import { usageCache, usageProjects, usageStatus } from '../../lib/background/storage';
import { PopupApp } from './PopupApp';

// The cache is read before the first render so the figures paint without waiting for
// the worker or the network; PopupApp then asks for a refresh.
void Promise.all([usageCache.getValue(), usageStatus.getValue(), usageGlanceSettings.getValue(), usageProjects.getValue()]).then(
  ([cache, status, settings, names]) =>
    render(<PopupApp initial={{ cache, status, settings, names }} />, document.getElementById('app') as HTMLElement),
);
