import { SNOOZE_MS, type OrganizationLogging, type Silence } from '../logging-reminder/logging-state';
import type { LoggingPageReport, LoggingSettingReport, ProjectSighting, SilenceRequest } from '../messaging/messages';
import type { HealthMap, KnownProject } from '../storage/records';

/**
 * How a report changes a shared record: pure, so the worker's writer (record-writer.ts)
 * only reads, applies and writes. Each function returns null when the record would not
 * change, so a page re-rendering the same state costs no write.
 *
 * A page can report as many distinct keys as it likes; the records keep the most recent
 * ones only (reported last = kept), so storage cannot be filled by reports.
 */
export const KEEP = {
  organizations: 50,
  pagesPerOrganization: 1_000,
  knownProjects: 1_000,
  silences: 1_000,
  features: 64,
} as const;

/** `value` at `key`, moved to the end (the most recent), and no more than `max` entries. */
function putRecent<V>(map: Readonly<Record<string, V>>, key: string, value: V, max: number): Record<string, V> {
  const entries = Object.entries(map).filter(([existing]) => existing !== key);
  entries.push([key, value]);
  return Object.fromEntries(entries.slice(-max));
}

/** A report is never filed later than the worker's clock: a page cannot post-date its way past newer ones. */
const filedAt = (at: number, now: number) => Math.min(at, now);

export function withLoggingPage(
  all: Readonly<Record<string, OrganizationLogging>>,
  report: LoggingPageReport,
  now: number,
): Record<string, OrganizationLogging> | null {
  const current = all[report.organization] ?? { pages: {} };
  // Each Logs page render would otherwise rewrite the same state.
  if (current.pages[report.project]?.status === report.status) return null;
  const pages = putRecent(current.pages, report.project, { status: report.status, at: filedAt(report.at, now) }, KEEP.pagesPerOrganization);
  return putRecent(all, report.organization, { ...current, pages }, KEEP.organizations);
}

export function withLoggingSetting(
  all: Readonly<Record<string, OrganizationLogging>>,
  report: LoggingSettingReport,
  now: number,
): Record<string, OrganizationLogging> {
  const current = all[report.organization] ?? { pages: {} };
  const setting = { setting: report.setting, projectIds: report.projectIds, at: filedAt(report.at, now) };
  return putRecent(all, report.organization, { ...current, setting }, KEEP.organizations);
}

export function withHealth(current: Readonly<HealthMap>, batch: Readonly<HealthMap>): HealthMap {
  return Object.entries(batch).reduce<HealthMap>((map, [id, record]) => putRecent(map, id, record, KEEP.features), { ...current });
}

/**
 * `idByName`: the id the Admin API's project list gives this name (lib/usage/project-by-name.ts),
 * for a sighting without one. The record stays under the page's key (colours and reminders
 * are filed under it), and its id follows the list: unknown again when no single project
 * bears the name any more, or the key is gone.
 */
export function withKnownProject(
  all: Readonly<Record<string, KnownProject>>,
  sighting: ProjectSighting,
  now: number,
  idByName: string | null = null,
): Record<string, KnownProject> | null {
  const previous = all[sighting.key];
  const id = sighting.id ?? idByName;
  if (previous?.name === sighting.name && previous.organization === sighting.organization && previous.id === id) return null;
  return putRecent(all, sighting.key, { ...sighting, id, lastSeen: now }, KEEP.knownProjects);
}

export function withSilence(all: Readonly<Record<string, Silence>>, request: SilenceRequest, now: number): Record<string, Silence> {
  const silence: Silence = request.how === 'dismiss' ? { dismissed: true } : { snoozedUntil: now + SNOOZE_MS };
  return putRecent(all, request.project, silence, KEEP.silences);
}
