import { SNOOZE_MS, type OrganizationLogging, type Silence, SAME_MOMENT_MS } from '../logging-reminder/logging-state';
import type { LoggingPageReport, LoggingSettingReport, ProjectSighting, SilenceRequest } from '../messaging/messages';
import type { HealthMap, KnownProject } from '../storage/records';

/**
 * How a report changes a shared record: pure, so the worker's writer (record-writer.ts)
 * only reads, applies and writes. Each function returns null when the record would not
 * change, so a page re-rendering the same state costs no write.
 *
 * A page can report as many distinct keys as it likes, each as large as its message allows;
 * the records keep the most recent ones only (reported last = kept), bounded both in count
 * (KEEP) and in serialized size (BUDGET), so reports cannot fill storage.local (10 MB in
 * Chrome) and leave no room for the records the user needs, such as spike alerts.
 */
export const KEEP = {
  organizations: 50,
  pagesPerOrganization: 1_000,
  knownProjects: 1_000,
  silences: 1_000,
  features: 64,
} as const;

/**
 * Serialized size bounds (JSON characters) of what pages can make the worker store. An
 * organization's logging record holds one setting (at most MAX_SELECTED_PROJECTS ids of at
 * most MAX_ID_CHARS, about 340,000 characters) and its Logs page observations; the whole
 * record at least three such organizations, and many more of the usual size.
 * Past a bound the oldest entries go first: pages within an organization, then organizations.
 */
export const BUDGET = {
  organizationChars: 400_000,
  loggingChars: 1_200_000,
  knownProjectsChars: 500_000,
  silencesChars: 250_000,
} as const;

const charsOf = (value: unknown) => JSON.stringify(value)?.length ?? 0;

/** The newest entries of `map` (the last ones) whose serialized size stays within `maxChars`. */
export function trimToBudget<V>(map: Readonly<Record<string, V>>, maxChars: number): Record<string, V> {
  let total = charsOf(map);
  if (total <= maxChars) return { ...map };
  const entries = Object.entries(map);
  let first = 0;
  // Each entry costs its key, its value, a colon and a comma; only the dropped ones are measured.
  while (total > maxChars && first < entries.length) {
    const [key, value] = entries[first++]!;
    total -= charsOf(key) + charsOf(value) + 2;
  }
  return Object.fromEntries(entries.slice(first));
}

/** An organization's record within its budget: its oldest Logs page observations go first. */
function organizationWithinBudget(organization: OrganizationLogging): OrganizationLogging {
  const rest = charsOf({ ...organization, pages: {} });
  if (rest + charsOf(organization.pages) <= BUDGET.organizationChars) return organization;
  return { ...organization, pages: trimToBudget(organization.pages, Math.max(2, BUDGET.organizationChars - rest)) };
}

const loggingWithinBudget = (all: Record<string, OrganizationLogging>) => trimToBudget(all, BUDGET.loggingChars);

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
  return loggingWithinBudget(putRecent(all, report.organization, organizationWithinBudget({ ...current, pages }), KEEP.organizations));
}

export function withLoggingSetting(
  all: Readonly<Record<string, OrganizationLogging>>,
  report: LoggingSettingReport,
  now: number,
): Record<string, OrganizationLogging> | null {
  const current = all[report.organization] ?? { pages: {} };
  const at = filedAt(report.at, now);
  // The same setting seen again changes nothing, unless a Logs page observation since made
  // it look older than it is (deriveLogging: the newest observation wins).
  const previous = current.setting;
  if (
    previous &&
    previous.setting === report.setting &&
    previous.projectIds.length === report.projectIds.length &&
    previous.projectIds.every((id, index) => id === report.projectIds[index]) &&
    Object.values(current.pages).every((page) => page.at < previous.at + SAME_MOMENT_MS)
  ) {
    return null;
  }
  const setting = { setting: report.setting, projectIds: report.projectIds, at };
  return loggingWithinBudget(putRecent(all, report.organization, organizationWithinBudget({ ...current, setting }), KEEP.organizations));
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
  return trimToBudget(putRecent(all, sighting.key, { ...sighting, id, lastSeen: now }, KEEP.knownProjects), BUDGET.knownProjectsChars);
}

export function withSilence(all: Readonly<Record<string, Silence>>, request: SilenceRequest, now: number): Record<string, Silence> {
  const silence: Silence = request.how === 'dismiss' ? { dismissed: true } : { snoozedUntil: now + SNOOZE_MS };
  return trimToBudget(putRecent(all, request.project, silence, KEEP.silences), BUDGET.silencesChars);
}
