import {
  findMainContent,
  findProjectSwitcher,
  isLogsPage,
  LOGS_PAGE_URL,
  OWNED_MARK,
  readLogsPageState,
} from '../../platform/adapter';
import { loggingCache } from './logging-cache';
import { deriveLogging, isSilenced, needsReminder, reminderText } from '../../logging/logging-state';
import { organizationKey, recordPageObservation, silenceReminder } from '../../logging/logging-store';
import { projectKey } from '../project-emphasis/accent';
import { defineFeature } from '../feature';
import { loggingReminderScope } from './meta';

interface LoggingAnchor {
  main: HTMLElement;
  organization: string;
  project: string;
  projectId: string | null;
  projectName: string;
  /** Only on the Logs page: what it shows about logging, if recognizable. */
  logsPage: 'enabled' | 'disabled' | null;
}

function detect(document: Document): LoggingAnchor | null {
  const main = findMainContent(document);
  const switcher = findProjectSwitcher(document);
  if (!main || !switcher) return null;
  const onLogsPage = isLogsPage(new URL(document.location.href));
  return {
    main,
    organization: organizationKey({ id: switcher.organizationId, name: switcher.organizationName }),
    project: projectKey({ id: switcher.projectId, name: switcher.projectName, organization: switcher.organizationName }),
    projectId: switcher.projectId,
    projectName: switcher.projectName,
    logsPage: onLogsPage ? readLogsPageState(document) : null,
  };
}

function banner(document: Document, anchor: LoggingAnchor, text: string): HTMLElement {
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
  const link = document.createElement('a');
  link.href = LOGS_PAGE_URL;
  link.textContent = 'Open the Logs page to switch logging on';
  link.style.cssText = 'color:inherit;text-decoration:underline;';
  message.append(link);

  const action = (label: string, how: 'dismiss' | 'snooze') => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.style.cssText = 'font:inherit;padding:4px 10px;border-radius:6px;border:1px solid #d9b44a;background:#fff;color:inherit;cursor:pointer;';
    button.addEventListener('click', () => void silenceReminder(anchor.project, how));
    return button;
  };
  box.append(message, action('Remind me in 7 days', 'snooze'), action("I know, don't remind me for this project", 'dismiss'));
  return box;
}

export const loggingReminder = defineFeature<LoggingAnchor>({
  ...loggingReminderScope,
  detect,
  apply(anchor, { signal, document, use }) {
    let shown: HTMLElement | null = null;
    signal.addEventListener('abort', () => shown?.remove(), { once: true });

    use(loggingCache).watch(({ observations, silence }) => {
      const organization = observations[anchor.organization];
      if (anchor.logsPage && organization?.pages[anchor.project]?.status !== anchor.logsPage) {
        void recordPageObservation(anchor.organization, anchor.project, { status: anchor.logsPage, at: Date.now() });
      }
      const { status } = deriveLogging(organization, { key: anchor.project, id: anchor.projectId });
      const show = needsReminder(status) && !isSilenced(silence[anchor.project], Date.now());
      shown?.remove();
      shown = show ? banner(document, anchor, reminderText(status, anchor.projectName)) : null;
      if (shown) anchor.main.prepend(shown);
    }, signal);
  },
});
