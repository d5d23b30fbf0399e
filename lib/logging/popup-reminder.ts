import { deriveLogging, isSilenced, needsReminder, reminderText, type LoggingStatus, type OrganizationLogging, type Silence } from './logging-state';

export type PopupReminder =
  | { kind: 'off'; status: LoggingStatus; text: string; projectKey: string }
  | { kind: 'unknown'; text: string; projectKey: string };

export interface PopupReminderInput {
  observations: Record<string, OrganizationLogging>;
  silence: Record<string, Silence>;
  project: { key: string; id: string | null; name: string };
  /** The active tab's organization, when the popup could ask it. */
  organizationKey: string | null;
  now: number;
}

/** The organization a project was seen in: the tab's, else the one whose Logs page showed it, else the only one known. */
function organizationOf(input: PopupReminderInput): OrganizationLogging | undefined {
  if (input.organizationKey) return input.observations[input.organizationKey];
  const all = Object.values(input.observations);
  return all.find((organization) => input.project.key in organization.pages) ?? (all.length === 1 ? all[0] : undefined);
}

/** What the popup's logging card says for the selected project, or null for nothing. */
export function popupReminder(input: PopupReminderInput): PopupReminder | null {
  if (isSilenced(input.silence[input.project.key], input.now)) return null;
  const { status } = deriveLogging(organizationOf(input), input.project);
  if (needsReminder(status)) return { kind: 'off', status, text: reminderText(status, input.project.name), projectKey: input.project.key };
  if (status === 'unknown') {
    return {
      kind: 'unknown',
      projectKey: input.project.key,
      text: `Not known yet whether logs are kept for ${input.project.name}. Open its Logs page once: the dashboard asks there whether to enable logging.`,
    };
  }
  return null;
}
