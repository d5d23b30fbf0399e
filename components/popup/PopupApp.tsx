import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { openExportPage } from '../../lib/messaging/open-export-page';
import { AccountingExportForm } from '../export/AccountingExportForm';
import { KeyExpiryNotice } from './KeyExpiryWarning';
import { LoggingCard, OrganizationLoggingCard, type SilenceHow } from './LoggingCard';
import { SpikeAlerts } from './SpikeAlerts';
import { SecurityWatch } from './SecuritySection';
import { UsagePopup } from './UsagePopup';
import { preloadedValue, useStorageItem } from '../ui/useStorageItem';
import { meta as loggingReminderMeta } from '../../lib/features/logging-reminder/meta';
import { silenceReminder } from '../../lib/messaging/logging-reports';
import { organizationKey } from '../../lib/core/identity';
import { organizationReminders, popupReminder } from '../../lib/logging-reminder/popup-reminder';
import { describeError } from '../../lib/core/describe-error';
import { disabledFeatures, loggingReminderSilence, usageGlanceSettings, type UsageGlanceSettings } from '../../lib/storage/settings';
import { loggingObservations } from '../../lib/storage/records';
import { StorageProblemNotice } from '../ui/StorageProblem';
import { SectionBoundary } from '../ui/SectionBoundary';
import type { UsageScope } from '../../lib/usage/summarize-usage';
import { currentCache, type ProjectNames, type UsageCache, type UsageStatus } from '../../lib/usage/cache';
import { usageGlanceMessenger } from '../../lib/messaging/messages';
import { activeTabProject, type TabProject } from './tab-project';
import { organizationFigures, unseenSpikes, usageCache, usageProjects, usageProjectSummaries, usageStatus } from '../../lib/storage/api-records';
import { AllOrganizations } from './AllOrganizations';
import { exportYears } from '../../lib/accounting-export/export-request';
import type { SpikeNotice } from '../../lib/spike-alerts/notice';
import { usageGlanceDetails } from '../../lib/storage/glance-details';
import { loggingSources } from '../../lib/storage/logging-reminder';
import { clockNow } from '../../lib/core/clock';

export interface PopupInitial {
  cache: UsageCache | null;
  names: ProjectNames | null;
  status: UsageStatus;
  settings: UsageGlanceSettings;
  /** The active tab's project when it answered before the first render (entrypoints/popup/main.tsx): the popup opens on it at once. */
  tabProject?: TabProject | null;
}

const CLOCK_TICK_MS = 30_000;

export function PopupApp({ initial }: { initial: PopupInitial }) {
  // A cache left by an older version has another shape: shown as none until the refresh below replaces it.
  const [cache, setCurrentCache] = useState(currentCache(initial.cache));
  const setCache = (next: UsageCache | null) => setCurrentCache(currentCache(next));
  const [names, setNames] = useState(initial.names);
  const [status, setStatus] = useState(initial.status);
  const [settings, setSettings] = useState(initial.settings);
  const [scope, setScope] = useState<UsageScope>(initial.tabProject?.projectId ?? 'organization');
  const scopeChosen = useRef(false);
  const [refreshing, setRefreshing] = useState(false);
  const [now, setNow] = useState(clockNow);
  const [tabProject, setTabProject] = useState<TabProject | null>(initial.tabProject ?? null);
  const [spikes, setSpikes] = useState<SpikeNotice[]>(() => preloadedValue(unseenSpikes) ?? []);
  const observations = useStorageItem(loggingObservations);
  const silence = useStorageItem(loggingReminderSilence);
  const disabled = useStorageItem(disabledFeatures);
  // What the admin key read about logging (audit log, data retention): cached, never fetched here.
  const sources = useStorageItem(loggingSources);
  const [silenceProblem, setSilenceProblem] = useState<string | null>(null);
  // Per-project figures, read only here (storage.session): the popup opens on the organization's.
  const projectSummaries = useStorageItem(usageProjectSummaries);
  const glanceDetails = useStorageItem(usageGlanceDetails);
  const organizations = useStorageItem(organizationFigures);

  const refresh = (force: boolean) => {
    setRefreshing(true);
    usageGlanceMessenger
      .sendMessage('refreshUsage', { force })
      .then(setStatus, (error: unknown) => console.warn('[refined-openai-platform] refresh request failed:', error))
      .finally(() => {
        setRefreshing(false);
        setNow(clockNow());
      });
  };

  useEffect(() => {
    const unwatch = [
      usageCache.watch(setCache),
      usageProjects.watch(setNames),
      usageStatus.watch(setStatus),
      usageGlanceSettings.watch(setSettings),
    ];
    // A refresh that landed between the first read (entrypoints/popup/main.tsx) and these watches would
    // otherwise go unseen until the next one: read once more now that they listen.
    void Promise.all([usageCache.getValue(), usageStatus.getValue(), usageProjects.getValue()]).then(
      ([latestCache, latestStatus, latestNames]) => {
        setCache(latestCache);
        setStatus(latestStatus);
        setNames(latestNames);
      },
    );
    const clock = setInterval(() => setNow(clockNow()), CLOCK_TICK_MS);
    refresh(false);
    // Opening the popup is looking: the spikes are shown here, and the badge calms down.
    void unseenSpikes.getValue().then((unseen) => {
      setSpikes(unseen);
      if (unseen.length > 0) {
        void usageGlanceMessenger.sendMessage(
          'acknowledgeSpikes',
          unseen.map((spike) => spike.id),
        );
      }
    });
    return () => {
      unwatch.forEach((stop) => stop());
      clearInterval(clock);
    };
  }, []);

  useEffect(() => {
    let live = true;
    void activeTabProject().then((project) => {
      if (live) setTabProject(project);
      // The user may have picked a scope while the tab was being asked: their pick wins.
      if (live && project?.projectId && !scopeChosen.current) setScope(project.projectId);
    });
    return () => {
      live = false;
    };
  }, []);

  // The logging card: the whole organization's projects (from the key's project list), or
  // the selected project, or the tab's when the organization is shown without a list.
  const loggingOn = Boolean(observations && silence && disabled && !disabled.includes(loggingReminderMeta.id));
  const tabOrganizationKey = tabProject ? organizationKey({ id: tabProject.organizationId, name: tabProject.organizationName }) : null;
  const keyProjects = status.problem?.kind === 'no-key' ? [] : (names?.projects.filter((project) => !project.archived) ?? []);
  const organizationView = loggingOn && scope === 'organization' && keyProjects.length > 0;
  const organizationCard =
    organizationView && observations && silence
      ? organizationReminders({
          observations,
          silence,
          // The tab's organization only when it is the key's (its project is one of the key's).
          organizationKey: keyProjects.some((project) => project.id === tabProject?.projectId) ? tabOrganizationKey : null,
          now,
          sources,
          projects: keyProjects,
        })
      : null;
  const projectId = scope !== 'organization' ? scope : tabProject?.projectId;
  const projectName =
    (projectId && projectId === tabProject?.projectId ? tabProject.projectName : null) ??
    names?.projects.find((project) => project.id === projectId)?.name ??
    projectId;
  const reminder =
    !organizationView && projectId && projectName && observations && silence && loggingOn
      ? popupReminder({
          observations,
          silence,
          project: { key: projectId === tabProject?.projectId ? tabProject.key : projectId, id: projectId, name: projectName },
          organizationKey: tabOrganizationKey,
          now,
          sources,
          fromKeyOrganization: keyProjects.some((project) => project.id === projectId),
        })
      : null;
  const silenceProject = (projectKey: string, how: SilenceHow) => {
    setSilenceProblem(null);
    // Through the worker, the one writer of the silences; a failure is said on the card.
    silenceReminder(projectKey, how).catch((error: unknown) =>
      setSilenceProblem(`Your choice was not saved (${describeError(error)}). Try again, or reload the extension.`),
    );
  };

  return (
    // One main landmark: everything in the popup is its content.
    <main>
      <StorageProblemNotice />
      <SectionBoundary name="Spike alerts">
        <SpikeAlerts spikes={spikes} />
      </SectionBoundary>
      <SectionBoundary name="The key expiry notice">
        <KeyExpiryNotice now={now} />
      </SectionBoundary>
      <SectionBoundary name="The logging reminder">
        {reminder && <LoggingCard reminder={reminder} problem={silenceProblem} onSilence={(how) => silenceProject(reminder.projectKey, how)} />}
      </SectionBoundary>
      <SectionBoundary name="Every organization's figures">
        {organizations && <AllOrganizations figures={organizations} now={clockNow()} tabOrganizationId={tabProject?.organizationId ?? null} />}
      </SectionBoundary>
      <SectionBoundary name="The usage figures">
        <UsagePopup
          cache={cache}
          names={names}
          projectSummaries={projectSummaries}
          details={glanceDetails}
          status={status}
          scope={scope}
          refreshing={refreshing}
          now={now}
          refreshMinutes={settings.refreshMinutes}
          onScopeChange={(next) => {
            scopeChosen.current = true;
            setScope(next);
          }}
          onRefresh={() => refresh(true)}
          onOpenOptions={() => void browser.runtime.openOptionsPage()}
        />
      </SectionBoundary>
      {/* Below the figures: the popup opens on them, and this list can be a few lines long. */}
      <SectionBoundary name="The organization's logging">
        {organizationCard && <OrganizationLoggingCard reminders={organizationCard} problem={silenceProblem} onSilence={silenceProject} />}
      </SectionBoundary>
      <SectionBoundary name="The security watch">{status.problem?.kind !== 'no-key' && <SecurityWatch scope={scope} />}</SectionBoundary>
      {cache && status.problem?.kind !== 'no-key' && (
        <section class="popup-export" aria-labelledby="popup-export-heading">
          <h2 id="popup-export-heading">Accounting export</h2>
          <AccountingExportForm
            // Follows the scope picked above; remounting resets the form to it.
            key={scope}
            {...exportYears(new Date(now))}
            projects={names?.projects ?? []}
            defaultScope={scope}
            onExport={(period, exportScope) =>
              void openExportPage({
                period,
                scope: exportScope,
                organizationName: tabProject?.organizationName ?? null,
                organizationId: tabProject?.organizationId ?? null,
              })
            }
          />
        </section>
      )}
    </main>
  );
}
