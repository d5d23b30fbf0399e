import { ORGANIZATION_DEFAULT, ZERO_RETENTION_TYPES } from '../admin-api/data-retention';
import type { LoggingSources } from './logging-sources';
import type { SettingObservation } from './logging-state';

/**
 * Zero data retention, and what the admin key's sources (logging-sources.ts) say to a
 * dashboard page. Pure and free of storage, so the page's reminder can use it too.
 */

export interface RetentionVerdict {
  /** Whether OpenAI keeps no request data for this project (so there are no logs to see). */
  zeroRetention: boolean;
  /** Where that comes from: the project's own type, or the organization's it defers to. */
  level: 'project' | 'organization' | null;
  /** The type that applies, as sent (unknown types included, shown as text). */
  type: string | null;
}

export const isZeroRetention = (type: string | null | undefined) => type !== null && type !== undefined && ZERO_RETENTION_TYPES.includes(type);

/**
 * The retention that applies to a project (or, with null, the organization). A project
 * without a reading of its own follows the organization's, as one set to
 * `organization_default` does. Any other project type (`none`, abuse monitoring, a type this
 * code does not know) is the project's own and is not zero retention.
 */
export function retentionFor(retention: LoggingSources['retention'], projectId: string | null): RetentionVerdict {
  const organizationType = retention.organization?.type ?? null;
  const projectType = projectId === null ? null : (retention.projects[projectId]?.type ?? null);
  if (projectType !== null && projectType !== ORGANIZATION_DEFAULT) {
    return { zeroRetention: isZeroRetention(projectType), level: 'project', type: projectType };
  }
  if (organizationType === null) return { zeroRetention: false, level: null, type: null };
  return { zeroRetention: isZeroRetention(organizationType), level: 'organization', type: organizationType };
}

export const ZERO_RETENTION_TEXT = {
  project: (name: string) =>
    `${name} is under zero data retention: OpenAI keeps no record of its requests, so there are no logs to inspect and nothing to switch on.`,
  organization: (name: string) =>
    `Your organization is under zero data retention, and so is ${name}: OpenAI keeps no record of its requests, so there are no logs to inspect and nothing to switch on.`,
  wholeOrganization:
    'Your organization is under zero data retention: OpenAI keeps no record of its requests, so there are no logs to inspect and nothing to switch on.',
} as const;

/** What a dashboard page is sent of the key's sources: no cursor, no problems, no times of reads. */
export interface PageLoggingSources {
  /** The audit log's newest change of the logging setting. */
  auditSetting: SettingObservation | null;
  /** The admin key's organization, when the audit log named it. */
  organizationId: string | null;
  retention: LoggingSources['retention'];
}

export function pageLoggingSources(sources: LoggingSources): PageLoggingSources {
  return { auditSetting: sources.audit.setting, organizationId: sources.audit.organizationId, retention: sources.retention };
}

/**
 * What the key's sources say about the project a page shows. They are about the key's
 * organization: they apply when the page's organization is that one by id, or when the key
 * read this project's own retention (so the project is the key's). Otherwise nothing.
 */
export function sourcesForPage(
  sources: PageLoggingSources,
  organizationKey: string,
  projectId: string | null,
): { auditSetting: SettingObservation | null; retention: RetentionVerdict | null } {
  const keysOrganization =
    (sources.organizationId !== null && sources.organizationId === organizationKey) || (projectId !== null && projectId in sources.retention.projects);
  if (!keysOrganization) return { auditSetting: null, retention: null };
  return { auditSetting: sources.auditSetting, retention: retentionFor(sources.retention, projectId) };
}
