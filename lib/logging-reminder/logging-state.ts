/**
 * Whether chat-completion logging is on for a project, from what the extension has seen:
 * the Logs page (an inference) and the organization's logging setting (explicit), which
 * comes from the dashboard (the Data controls page, or its own responses) or from the
 * audit log's newest change (read with the admin key, lib/logging-reminder/logging-sources.ts).
 */
import { isProjectId } from '../admin-api/scope';

export type LoggingStatus = 'enabled' | 'per-call' | 'disabled' | 'unknown';

export const ORG_LOGGING_SETTINGS = [
  'disabled',
  'enabled_per_call',
  'enabled_for_all_projects',
  'enabled_for_selected_projects',
] as const;
export type OrgLoggingSetting = (typeof ORG_LOGGING_SETTINGS)[number];

export interface PageObservation {
  status: 'enabled' | 'disabled';
  at: number;
}

/** Where a setting was read: the dashboard (page or its responses; the default) or the audit log. */
export type SettingSource = 'dashboard' | 'audit log';

export interface SettingObservation {
  setting: OrgLoggingSetting;
  projectIds: string[];
  /** Epoch ms: when the dashboard showed it, or (audit log) when it was changed. */
  at: number;
  /** Absent on what the dashboard showed (records written before sources were told apart). */
  source?: SettingSource;
}

/** Everything observed for one organization, kept in storage. */
export interface OrganizationLogging {
  setting?: SettingObservation;
  /** Keyed by project key (its id, or organization/name when the id is unknown). */
  pages: Record<string, PageObservation>;
}

export interface DerivedLogging {
  status: LoggingStatus;
  source: 'organization setting' | 'audit log' | 'Logs page' | null;
  at: number | null;
}

/**
 * Observations this close together describe the same moment: then the explicit setting wins
 * over what the Logs page suggests. Otherwise the newest observation wins, since the user may
 * have switched logging on or off in between.
 */
export const SAME_MOMENT_MS = 60_000;

function fromSetting(setting: SettingObservation, projectId: string | null): LoggingStatus {
  switch (setting.setting) {
    case 'disabled':
      return 'disabled';
    case 'enabled_per_call':
      return 'per-call';
    case 'enabled_for_all_projects':
      return 'enabled';
    case 'enabled_for_selected_projects':
      // Without the project's id the selection cannot be read.
      if (projectId === null) return 'unknown';
      return setting.projectIds.includes(projectId) ? 'enabled' : 'disabled';
  }
}

/**
 * The project's logging from every source, by recency: the newest of the settings (the
 * dashboard's, the audit log's) that says something about this project, then the Logs page
 * if it is newer still. `auditLog` is the audit log's newest change, when the admin key read
 * one for this project's organization.
 */
export function deriveLogging(
  organization: OrganizationLogging | undefined,
  project: { key: string; id: string | null },
  auditLog: SettingObservation | null = null,
): DerivedLogging {
  const page = organization?.pages[project.key];
  const settings = [organization?.setting, auditLog]
    .flatMap((setting) => {
      const status = setting ? fromSetting(setting, project.id) : 'unknown';
      return setting && status !== 'unknown' ? [{ setting, status }] : [];
    })
    // On a tie the dashboard's wins: it is what the user saw.
    .sort((a, b) => b.setting.at - a.setting.at || (a.setting.source === 'audit log' ? 1 : 0) - (b.setting.source === 'audit log' ? 1 : 0));
  const newest = settings[0];
  if (newest && (!page || page.at < newest.setting.at + SAME_MOMENT_MS)) {
    return { status: newest.status, source: newest.setting.source === 'audit log' ? 'audit log' : 'organization setting', at: newest.setting.at };
  }
  if (page) return { status: page.status, source: 'Logs page', at: page.at };
  return { status: 'unknown', source: null, at: null };
}

/** More projects than this in "enabled for selected projects" is not a selection the dashboard made. */
export const MAX_SELECTED_PROJECTS = 5_000;

export interface FoundLoggingSetting extends Omit<SettingObservation, 'at'> {
  /** The organization the response says the setting belongs to, when it says so. */
  organizationId: string | null;
}

/**
 * Finds the organization's logging setting anywhere in a JSON response the dashboard loaded,
 * with the id of the nearest enclosing organization object, so a response that lists several
 * organizations, or arrives during a switch, is filed under the right one.
 */
export function findLoggingSetting(json: unknown, depth = 0, organizationId: string | null = null): FoundLoggingSetting | null {
  if (depth > 6 || typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  const ownId = typeof record.id === 'string' && /^org-[\w-]{1,64}$/.test(record.id) ? record.id : organizationId;
  const setting = record.api_call_logging;
  if (typeof setting === 'string' && (ORG_LOGGING_SETTINGS as readonly string[]).includes(setting)) {
    const ids = record.api_call_logging_project_ids;
    // The page can post this too: a list no real selection reaches is not a setting.
    if (Array.isArray(ids) && ids.length > MAX_SELECTED_PROJECTS) return null;
    const projectIds = Array.isArray(ids) ? ids.filter((id): id is string => isProjectId(id)) : [];
    return { setting: setting as OrgLoggingSetting, projectIds, organizationId: ownId };
  }
  for (const value of Object.values(record)) {
    const found = findLoggingSetting(value, depth + 1, ownId);
    if (found) return found;
  }
  return null;
}

export interface Silence {
  dismissed?: boolean;
  snoozedUntil?: number;
}

export const SNOOZE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Dismissed, or snoozed until a time still ahead. A snooze reaching further than SNOOZE_MS
 * was set by a clock that was ahead: it has ended, or the reminder would stay away for as
 * long as the clock was off.
 */
export function isSilenced(silence: Silence | undefined, now: number): boolean {
  if (silence?.dismissed) return true;
  const until = silence?.snoozedUntil;
  // An hour's slack: a page's "now" may be a clock tick behind the one that set the snooze.
  return until !== undefined && until > now && until - now <= SNOOZE_MS + 3_600_000;
}

/** Whether to remind: logging is off, or only on for requests that ask for it. */
export function needsReminder(status: LoggingStatus): boolean {
  return status === 'disabled' || status === 'per-call';
}

export function reminderText(status: LoggingStatus, projectName: string): string {
  if (status === 'per-call') {
    return `Logs for ${projectName} keep only requests sent with store: true: other requests can't be inspected when debugging or checking for abuse.`;
  }
  return `Logs are off for ${projectName}: you won't be able to inspect requests when debugging or checking for abuse.`;
}
