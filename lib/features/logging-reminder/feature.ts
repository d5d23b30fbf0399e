import {
  findMainContent,
  findProjectSwitcher,
  isDataRetentionPage,
  isLogsPage,
  LOGS_PAGE_URL,
  OWNED_MARK,
  readActiveOrganization,
  readDataRetention,
  readLogsPageState,
  type DataRetentionReading,
} from '../../platform/adapter';
import { deriveLogging, isSilenced, needsReminder, reminderText } from '../../logging-reminder/logging-state';
import { sourcesForPage, ZERO_RETENTION_TEXT } from '../../logging-reminder/retention';
import { recordPageObservation, recordSettingObservation, silenceReminder } from '../../messaging/logging-reports';
import { organizationKey, projectKey } from '../../core/identity';
import { defineFeature } from '../feature';
import { scope as loggingReminderScope } from './meta';
import { selectedProjectIds, type ProjectSeen } from './selected-projects';
import { readPageRecords, watchPageRecords } from '../page-records';
import { clockNow } from '../../core/clock';

/** On the Usage and Logs pages: the project shown, and what the Logs page says. */
interface ProjectPageAnchor {
  kind: 'project-page';
  main: HTMLElement;
  organization: string;
  project: string;
  projectId: string | null;
  projectName: string;
  /** Only on the Logs page: what it shows about logging, if recognizable. */
  logsPage: 'enabled' | 'disabled' | null;
}

/** On Data controls → Data retention: the organization's "API call logging", as the page shows it. */
interface DataRetentionAnchor {
  kind: 'data-retention';
  organization: string;
  /** As the switcher shows it (null when only localStorage named the organization). */
  organizationName: string | null;
  /** The project the switcher shows, which may be one of the selected. */
  shown: ProjectSeen | null;
  reading: DataRetentionReading;
}

type LoggingAnchor = ProjectPageAnchor | DataRetentionAnchor;

function detect(document: Document): LoggingAnchor | null {
  const url = new URL(document.location.href);
  if (isDataRetentionPage(url)) {
    // The primary page source: the setting where the user sets it (docs/facts.md §3).
    const reading = readDataRetention(document);
    const switcher = findProjectSwitcher(document);
    const organization = readActiveOrganization(document);
    if (!reading || !organization) return null;
    return {
      kind: 'data-retention',
      organization: organizationKey(organization),
      organizationName: switcher?.organizationName ?? null,
      shown: switcher && { id: switcher.projectId, name: switcher.projectName, organization: switcher.organizationName },
      reading,
    };
  }
  const main = findMainContent(document);
  const switcher = findProjectSwitcher(document);
  if (!main || !switcher) return null;
  return {
    kind: 'project-page',
    main,
    organization: organizationKey({ id: switcher.organizationId, name: switcher.organizationName }),
    project: projectKey({ id: switcher.projectId, name: switcher.projectName, organization: switcher.organizationName }),
    projectId: switcher.projectId,
    projectName: switcher.projectName,
    logsPage: isLogsPage(url) ? readLogsPageState(document) : null,
  };
}

/** Same page, same reading: re-renders that show the same thing are not a new anchor. */
function isSameAnchor(a: LoggingAnchor, b: LoggingAnchor): boolean {
  if (a.kind === 'data-retention' || b.kind === 'data-retention') {
    return a.kind === b.kind && a.organization === b.organization && JSON.stringify(a) === JSON.stringify(b);
  }
  return (
    a.main === b.main &&
    a.organization === b.organization &&
    a.project === b.project &&
    a.projectId === b.projectId &&
    a.projectName === b.projectName &&
    a.logsPage === b.logsPage
  );
}

/**
 * Files what the Data retention page shows. Projects the page names without ids are matched
 * to projects seen in this organization (and the one shown now); when one cannot be matched,
 * nothing is filed rather than calling its logging off.
 */
async function recordDataRetention(anchor: DataRetentionAnchor): Promise<void> {
  const { setting, projects } = anchor.reading;
  let projectIds: string[] | null = [];
  if (setting === 'enabled_for_selected_projects') {
    const seen = [...(await readPageRecords()).knownProjects, ...(anchor.shown ? [anchor.shown] : [])];
    projectIds = selectedProjectIds(projects, seen, anchor.organizationName);
  }
  if (projectIds) await recordSettingObservation(anchor.organization, { setting, projectIds, at: clockNow() });
}

/** `zeroRetention`: there are no logs to switch on, so the banner explains that and offers only to stop showing it. */
function banner(document: Document, anchor: ProjectPageAnchor, text: string, zeroRetention: boolean): HTMLElement {
  const box = document.createElement('div');
  box.setAttribute(OWNED_MARK, loggingReminderScope.id);
  box.setAttribute('role', 'note');
  box.setAttribute('aria-label', 'Logging reminder');
  box.style.cssText =
    'display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin:0 0 16px;padding:10px 14px;border-radius:8px;' +
    'border:1px solid #e7c66b;background:#fff8e1;color:#5c4400;font-size:13px;line-height:1.4;';
  const message = document.createElement('span');
  message.style.flex = '1 1 320px';
  message.textContent = `${text} `;
  if (!zeroRetention) {
    const link = document.createElement('a');
    link.href = LOGS_PAGE_URL;
    link.textContent = 'Open the Logs page to switch logging on';
    link.style.cssText = 'color:inherit;text-decoration:underline;';
    message.append(link);
  }

  const action = (label: string, how: 'dismiss' | 'snooze') => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.style.cssText = 'font:inherit;padding:4px 10px;border-radius:6px;border:1px solid #d9b44a;background:#fff;color:inherit;cursor:pointer;';
    button.addEventListener('click', () => void silenceReminder(anchor.project, how));
    return button;
  };
  if (zeroRetention) box.append(message, action("Don't show this again", 'dismiss'));
  else box.append(message, action('Remind me in 7 days', 'snooze'), action("I know, don't remind me for this project", 'dismiss'));
  return box;
}

export const loggingReminder = defineFeature<LoggingAnchor>({
  ...loggingReminderScope,
  detect,
  isSameAnchor,
  apply(anchor, { signal, document }) {
    if (anchor.kind === 'data-retention') {
      // Where the setting is changed, a reminder would only repeat the page: record what it shows.
      void recordDataRetention(anchor).catch(() => undefined);
      return;
    }
    let shown: HTMLElement | null = null;
    signal.addEventListener('abort', () => shown?.remove(), { once: true });

    watchPageRecords(({ loggingObservations: observations, loggingSilence: silence, loggingSources, knownProjects }) => {
      const organization = observations[anchor.organization];
      if (anchor.logsPage && organization?.pages[anchor.project]?.status !== anchor.logsPage) {
        void recordPageObservation(anchor.organization, anchor.project, { status: anchor.logsPage, at: clockNow() });
      }
      // Without an id on the page, the one the worker found by name reads a "selected projects" setting.
      const projectId = anchor.projectId ?? knownProjects.find((known) => known.key === anchor.project)?.id ?? null;
      // The admin key's audit log and data retention, when they are about this page's organization.
      const fromKey = sourcesForPage(loggingSources, anchor.organization, projectId);
      const { status } = deriveLogging(organization, { key: anchor.project, id: projectId }, fromKey.auditSetting);
      const show = needsReminder(status) && !isSilenced(silence[anchor.project], clockNow());
      const zeroRetention = fromKey.retention?.zeroRetention ?? false;
      const text = zeroRetention
        ? ZERO_RETENTION_TEXT[fromKey.retention?.level === 'project' ? 'project' : 'organization'](anchor.projectName)
        : reminderText(status, anchor.projectName);
      shown?.remove();
      shown = show ? banner(document, anchor, text, zeroRetention) : null;
      if (shown) anchor.main.prepend(shown);
    }, signal);
  },
});
