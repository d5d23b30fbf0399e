/**
 * The logging sources' step of a refresh (lib/logging-reminder/logging-sources.ts): the audit log's
 * newest change of the logging setting, at most every three hours, and the data retention
 * types, at most once a UTC day each. Independent of the security watch (which may be
 * off): this read keeps no personal data. Never throws: a failure keeps what was read before
 * and is noted for options; it never costs the user their figures.
 */
import type { AdminGet } from '../admin-api/admin-request';
import { adminApiFor } from '../admin-api/connect';
import { readDataRetention } from '../admin-api/data-retention';
import { AdminApiError } from '../admin-api/errors';
import { readLoggingChanges } from '../admin-api/logging-events';
import { describeError } from '../core/describe-error';
import { applyLoggingChanges, auditReadDue, EMPTY_LOGGING_SOURCES, FIRST_READ_PAGES, keepRetentionProjects, LATER_READ_PAGES, retentionReadsDue, type AuditLogSource, type LoggingSources, type RetentionReading } from '../logging-reminder/logging-sources';
import { auditRefusal } from '../security-watch/audit-availability';
import { guardWrite } from '../storage/storage-problems';
import type { RefreshDeps } from './refresh';
import { usageProjectSummaries } from '../storage/api-records';
import { loggingSources } from '../storage/logging-reminder';

export interface LoggingSourcesStep {
  get: AdminGet;
  now: number;
  /** Projects with cost or usage this month, biggest spenders first. */
  projectsWithTraffic: readonly string[];
  /** False once the key was removed or replaced while this ran: then nothing is written. */
  stillSameKey(): Promise<boolean>;
}

export async function refreshLoggingSources(step: LoggingSourcesStep): Promise<void> {
  try {
    const previous = await loggingSources.getValue();
    const audit = auditReadDue(previous.audit, step.now) ? await readAudit(step.get, previous.audit, step.now) : previous.audit;
    const retention = await readRetention(step, previous.retention);
    const next: LoggingSources = { audit, retention };
    if (JSON.stringify(next) === JSON.stringify(previous)) return;
    if (await step.stillSameKey()) await guardWrite('local', 'what the admin key read about logging', () => loggingSources.setValue(next));
  } catch (error) {
    console.warn('[refined-openai-platform] logging sources not read:', error);
  }
}

/**
 * The step as the worker runs it after a successful usage refresh (and after the badge is
 * set, so figures and spike alerts never wait for it). The projects with traffic are those
 * the refresh kept figures for, biggest spenders first (splitUsageCache packs them so).
 */
export async function readLoggingSources(deps: Pick<RefreshDeps, 'getKey' | 'fetch' | 'now'>): Promise<void> {
  const key = await deps.getKey();
  if (key === null) return;
  const projects = await usageProjectSummaries.getValue();
  await refreshLoggingSources({
    get: adminApiFor(key, { fetch: deps.fetch, now: deps.now }).get,
    now: deps.now(),
    projectsWithTraffic: Object.keys(projects?.summaries ?? {}),
    stillSameKey: async () => (await deps.getKey()) === key,
  });
}

/** After the admin key is removed or replaced: what it read belongs to its organization. */
export async function clearLoggingSources(): Promise<void> {
  // Its fallback is EMPTY_LOGGING_SOURCES; a removal frees room, so it works with storage full too.
  await loggingSources.removeValue();
}

const problemText = (error: unknown) => (error instanceof AdminApiError ? error.userMessage : describeError(error));
/** Kept per project: short, so twenty of them stay small. */
const shortProblem = (error: AdminApiError) => `${error.kind}${error.status === null ? '' : ` (HTTP ${error.status})`}`;

async function readAudit(get: AdminGet, previous: AuditLogSource, now: number): Promise<AuditLogSource> {
  try {
    const read = await readLoggingChanges(get, {
      effectiveAfter: previous.cursor,
      maxPages: previous.cursor === null ? FIRST_READ_PAGES : LATER_READ_PAGES,
    });
    return {
      ...previous,
      ...applyLoggingChanges(previous, read.changes),
      availability: 'on',
      cursor: read.newestEffectiveAt ?? previous.cursor,
      readAt: now,
      problem: null,
    };
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    // Audit logging off, or a key without the scope: a quiet state, shown where it matters.
    const refusal = auditRefusal(error);
    if (refusal !== null) return { ...EMPTY_LOGGING_SOURCES.audit, availability: refusal, readAt: now };
    if (error.status === 404) return { ...EMPTY_LOGGING_SOURCES.audit, availability: 'unavailable', readAt: now };
    // 429, 5xx, offline: what was read stays; the next try is after the usual gap.
    return { ...previous, readAt: now, problem: problemText(error) };
  }
}

async function readRetention(step: LoggingSourcesStep, previous: LoggingSources['retention']): Promise<LoggingSources['retention']> {
  const due = retentionReadsDue(previous, step.projectsWithTraffic, step.now);
  const read = async (projectId: string | null, last: RetentionReading | null | undefined): Promise<RetentionReading> => {
    try {
      const result = await readDataRetention(step.get, projectId);
      return { type: result.state === 'type' ? result.type : null, readAt: step.now };
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      return { type: last?.type ?? null, readAt: step.now, problem: shortProblem(error) };
    }
  };
  const organization = due.organization ? await read(null, previous.organization) : previous.organization;
  // Not readable for the organization (403/404): the projects are not asked either.
  const refused = organization !== null && organization.type === null && organization.problem === undefined;
  const projects = { ...previous.projects };
  if (!refused) {
    for (const projectId of due.projects) projects[projectId] = await read(projectId, previous.projects[projectId]);
  }
  return { organization, projects: keepRetentionProjects(projects, step.projectsWithTraffic) };
}
