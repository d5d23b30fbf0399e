/**
 * What the admin key says about logging (docs/facts.md §1, §3): the audit log's newest
 * change of the organization's "API call logging" setting, and the data retention types of
 * the organization and of the projects with traffic. Written only by the worker's refresh
 * (lib/background/logging-sources.ts); the popup and options read it, never the network.
 *
 * Nothing personal is kept: no actor, no e-mail, no IP address; only the setting, project
 * ids, retention types and times.
 */
import { isAnything, isNumber, isRecord, isString, nullable, recordOf, shape } from '../settings/stored-shape';
import type { LoggingChange } from '../admin-api/logging-events';
import { defineVersionedItem } from '../settings/versioned-item';
import { DAY_SECONDS, utcDayStart } from '../usage/utc-days';
import { ORG_LOGGING_SETTINGS, type OrgLoggingSetting, type SettingObservation } from './logging-state';

/** How the audit log answered the last read. */
export type AuditAvailability = 'on' | 'off' | 'forbidden' | 'unavailable';

export interface AuditLogSource {
  /** null: never read. off: audit logging is off (an owner can switch it on); forbidden: the key lacks the scope (403). */
  availability: AuditAvailability | null;
  /** The newest logging change found, as a setting observation (source 'audit log', at = when it changed). */
  setting: SettingObservation | null;
  /** The organization the change was made in (`organization.updated.id`). */
  organizationId: string | null;
  /** A change this code cannot apply (a value it does not know, or "selected projects" with none named): kept as text, changes nothing. */
  unrecognizedSetting: string | null;
  /** Newest effective_at read (Unix seconds): the next read asks only for later events. */
  cursor: number | null;
  /** Epoch ms of the last attempt, answered or not. */
  readAt: number | null;
  /** The last attempt's failure other than a refusal (5xx, 429, offline), for options. */
  problem: string | null;
}

export interface RetentionReading {
  /** As sent; null when the key may not read it (403) or the endpoint is missing (404). */
  type: string | null;
  /** Epoch ms of the last attempt. */
  readAt: number;
  problem?: string;
}

export interface LoggingSources {
  audit: AuditLogSource;
  retention: {
    organization: RetentionReading | null;
    /** Project id → its reading. */
    projects: Record<string, RetentionReading>;
  };
}

export const EMPTY_LOGGING_SOURCES: LoggingSources = {
  audit: { availability: null, setting: null, organizationId: null, unrecognizedSetting: null, cursor: null, readAt: null, problem: null },
  retention: { organization: null, projects: {} },
};

export const loggingSources = defineVersionedItem<LoggingSources>('local:loggingSources', {
  fallback: EMPTY_LOGGING_SOURCES,
  version: 1,
  migrations: {},
  validate: shape({
    audit: shape({ availability: isAnything, setting: nullable(isRecord), organizationId: nullable(isString), cursor: isAnything, readAt: nullable(isNumber), problem: isAnything }),
    retention: shape({ organization: nullable(isRecord), projects: recordOf(isRecord) }),
  }),
});

// ---------------------------------------------------------------------------
// When to read (requests per day are bounded whatever the refresh interval)

/** The audit log's logging changes are read at most this often: up to 8 reads a day. */
export const AUDIT_READ_GAP_MS = 3 * 3_600_000;
/** A first read looks back over this many pages of organization.updated events (100 each). */
export const FIRST_READ_PAGES = 5;
/** Later reads start from the cursor: more than this many pages of changes in three hours is not a real organization. */
export const LATER_READ_PAGES = 2;
/** Data retention is read once per UTC day for the organization and for at most this many projects (the biggest spenders). */
export const MAX_RETENTION_PROJECTS = 20;
/**
 * Project readings per refresh: all of them, so the record is written once a day, not once
 * per refresh while readings trickle in (every storage.local write reaches every platform tab).
 */
export const RETENTION_READS_PER_REFRESH = MAX_RETENTION_PROJECTS;

export function auditReadDue(audit: AuditLogSource, now: number): boolean {
  return audit.readAt === null || now - audit.readAt >= AUDIT_READ_GAP_MS;
}

/** Any attempt counts for the day, a failed one too: retention is asked at most once a UTC day. */
const readToday = (reading: RetentionReading | null | undefined, now: number) =>
  reading !== null && reading !== undefined && reading.readAt >= utcDayStart(Math.floor(now / 1000)) * 1000;

export interface RetentionPlan {
  organization: boolean;
  projects: string[];
}

/**
 * The retention reads due now: each at most once a UTC day. When the organization's cannot
 * be read (403/404), the projects' cannot either: none are asked for that day.
 */
export function retentionReadsDue(retention: LoggingSources['retention'], projectsWithTraffic: readonly string[], now: number): RetentionPlan {
  const organization = !readToday(retention.organization, now);
  // Refused (403/404) today: the projects would be too.
  if (!organization && retention.organization?.type === null && retention.organization.problem === undefined) {
    return { organization: false, projects: [] };
  }
  const projects = [...new Set(projectsWithTraffic)]
    .slice(0, MAX_RETENTION_PROJECTS)
    .filter((id) => !readToday(retention.projects[id], now))
    .slice(0, RETENTION_READS_PER_REFRESH);
  return { organization, projects };
}

/** Projects no longer among those read are dropped, so the record stays bounded. */
export function keepRetentionProjects(projects: Record<string, RetentionReading>, projectsWithTraffic: readonly string[]): Record<string, RetentionReading> {
  const kept = new Set(projectsWithTraffic.slice(0, MAX_RETENTION_PROJECTS));
  return Object.fromEntries(Object.entries(projects).filter(([id]) => kept.has(id)));
}

/** Requests a day at most, for the report in lib/glance/request-plan.ts's terms. */
export const MAX_REQUESTS_PER_DAY = {
  auditLog: Math.ceil((DAY_SECONDS * 1000) / AUDIT_READ_GAP_MS) * LATER_READ_PAGES + (FIRST_READ_PAGES - LATER_READ_PAGES),
  dataRetention: 1 + MAX_RETENTION_PROJECTS,
} as const;

// ---------------------------------------------------------------------------
// What the changes say

const isKnownSetting = (value: string): value is OrgLoggingSetting => (ORG_LOGGING_SETTINGS as readonly string[]).includes(value);

/**
 * The setting after `changes` (newest first) were applied to `previous`: the newest change
 * that names the setting gives it; a newer change of the selection alone updates the
 * projects. **[guess]** A change of the selection with no setting known means the setting
 * is "enabled for selected projects": the selection means nothing otherwise.
 */
export function applyLoggingChanges(
  previous: Pick<AuditLogSource, 'setting' | 'organizationId' | 'unrecognizedSetting'>,
  changes: readonly LoggingChange[],
): Pick<AuditLogSource, 'setting' | 'organizationId' | 'unrecognizedSetting'> {
  if (changes.length === 0) return previous;
  const newest = changes[0]!;
  const settingChange = changes.find((change) => change.setting !== null);
  const newerSelection = changes.find((change) => change.projectIds !== null && (!settingChange || change.effectiveAt >= settingChange.effectiveAt));
  const organizationId = newest.organizationId ?? previous.organizationId;
  const at = newest.effectiveAt * 1000;
  if (settingChange && !isKnownSetting(settingChange.setting!)) {
    // A value this code does not know: the state is unknown from here, whatever came before.
    return { setting: null, organizationId, unrecognizedSetting: settingChange.setting };
  }
  const setting: OrgLoggingSetting | null = settingChange
    ? (settingChange.setting as OrgLoggingSetting)
    : (previous.setting?.setting ?? (newerSelection ? 'enabled_for_selected_projects' : null));
  if (setting === null) return previous;
  // The selection: the newest one named (in this read, else before); none named for "selected
  // projects" means the selection is not known, which must not call every project's logging off.
  const selection =
    newerSelection?.projectIds ??
    changes.find((change) => change.projectIds !== null)?.projectIds ??
    (previous.setting?.setting === 'enabled_for_selected_projects' ? previous.setting.projectIds : null);
  if (setting === 'enabled_for_selected_projects' && selection === null) {
    return { setting: null, organizationId, unrecognizedSetting: setting };
  }
  return { setting: { setting, projectIds: setting === 'enabled_for_selected_projects' ? selection! : [], at, source: 'audit log' }, organizationId, unrecognizedSetting: null };
}
