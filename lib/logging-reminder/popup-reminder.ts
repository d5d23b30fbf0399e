import {
  deriveLogging,
  isSilenced,
  needsReminder,
  reminderText,
  type DerivedLogging,
  type LoggingStatus,
  type OrganizationLogging,
  type Silence,
} from './logging-state';
import type { LoggingSources } from './logging-sources';
import { retentionFor, ZERO_RETENTION_TEXT } from './retention';

/**
 * What the popup's logging card says: for one project (a project is picked, or the tab's
 * when the organization is shown without a project list), or for the whole organization
 * (each project whose logging is off or unknown, by name). Pure: the popup reads the
 * records from storage and never the network to build it.
 */

export type ReminderKind = 'off' | 'unknown' | 'zero-retention';

export interface ProjectReminder {
  kind: ReminderKind;
  /** Logging as derived from every source (meaningless for zero retention, where nothing is kept). */
  status: LoggingStatus;
  projectKey: string;
  name: string;
  text: string;
  /** Where the status comes from, and when that source saw (or, for the audit log, made) it. */
  source: DerivedLogging['source'];
  at: number | null;
}

export interface PopupReminder extends ProjectReminder {
  /** The state is unknown and the audit log could have said, but audit logging is off: the card says so. */
  auditOff: boolean;
}

interface ReminderContext {
  observations: Record<string, OrganizationLogging>;
  silence: Record<string, Silence>;
  /** The active tab's organization, when the popup could ask it. */
  organizationKey: string | null;
  now: number;
  /** What the admin key read; it is about the key's organization. */
  sources?: LoggingSources | null;
}

export interface PopupReminderInput extends ReminderContext {
  project: { key: string; id: string | null; name: string };
  /** The project is one of the admin key's (its usage is shown): the key's sources apply to it. */
  fromKeyOrganization?: boolean;
}

/**
 * The organization a project was seen in: the tab's, else the admin key's (named by the
 * audit log), else the one whose Logs page showed it, else the only one known.
 */
function organizationOf(context: ReminderContext, projectKey: string): OrganizationLogging | undefined {
  if (context.organizationKey) return context.observations[context.organizationKey];
  const keyOrganization = context.sources?.audit.organizationId;
  if (keyOrganization && context.observations[keyOrganization]) return context.observations[keyOrganization];
  const all = Object.values(context.observations);
  return all.find((organization) => projectKey in organization.pages) ?? (all.length === 1 ? all[0] : undefined);
}

const unknownText = (name: string) =>
  `Not known yet whether logs are kept for ${name}. Open its Logs page once: the dashboard asks there whether to enable logging.`;

/** One project's reminder, or null when there is nothing to say or the user silenced it. */
function judgeProject(
  context: ReminderContext,
  project: { key: string; id: string | null; name: string },
  withSources: boolean,
): ProjectReminder | null {
  if (isSilenced(context.silence[project.key], context.now)) return null;
  const sources = withSources ? (context.sources ?? null) : null;
  const derived = deriveLogging(organizationOf(context, project.key), project, sources?.audit.setting ?? null);
  const base = { status: derived.status, projectKey: project.key, name: project.name, source: derived.source, at: derived.at };
  const retention = sources ? retentionFor(sources.retention, project.id) : null;
  if (retention?.zeroRetention) {
    return { ...base, kind: 'zero-retention', text: ZERO_RETENTION_TEXT[retention.level === 'project' ? 'project' : 'organization'](project.name) };
  }
  if (needsReminder(derived.status)) return { ...base, kind: 'off', text: reminderText(derived.status, project.name) };
  if (derived.status === 'unknown') return { ...base, kind: 'unknown', text: unknownText(project.name) };
  return null;
}

const auditIsOff = (context: ReminderContext, withSources: boolean) => withSources && context.sources?.audit.availability === 'off';

/** What the popup's logging card says for the selected project, or null for nothing. */
export function popupReminder(input: PopupReminderInput): PopupReminder | null {
  const withSources = input.fromKeyOrganization ?? false;
  const reminder = judgeProject(input, input.project, withSources);
  return reminder && { ...reminder, auditOff: reminder.kind === 'unknown' && auditIsOff(input, withSources) };
}

/** Rows the whole-organization card shows before "and K more". */
export const ORGANIZATION_ROWS = 5;

export interface OrganizationRemindersInput extends ReminderContext {
  /** The admin key's projects, in the popup's order (archived ones are left out by the caller). */
  projects: readonly { id: string; name: string | null }[];
  limit?: number;
}

export interface OrganizationReminders {
  /** The first rows: off first, then unknown, then zero retention, each in the popup's order. */
  rows: ProjectReminder[];
  /** Rows left out beyond the limit. */
  more: number;
  /** The organization is under zero data retention: its projects that follow it are not listed, one line says why. */
  organizationZeroRetention: boolean;
  /** Some projects are unknown and audit logging is off: the card says so. */
  auditOff: boolean;
}

const ORDER: Record<ReminderKind, number> = { off: 0, unknown: 1, 'zero-retention': 2 };

/** The whole-organization view: each of the key's projects whose logging is off or unknown (or that keeps no logs). */
export function organizationReminders(input: OrganizationRemindersInput): OrganizationReminders {
  const organizationZeroRetention = input.sources ? retentionFor(input.sources.retention, null).zeroRetention : false;
  const all = input.projects
    .flatMap((project) => {
      const reminder = judgeProject(input, { key: project.id, id: project.id, name: project.name ?? project.id }, true);
      if (!reminder) return [];
      // Said once for the organization rather than once per project.
      if (organizationZeroRetention && reminder.kind === 'zero-retention' && retentionFor(input.sources!.retention, project.id).level === 'organization') return [];
      return [reminder];
    })
    .map((reminder, index) => ({ reminder, index }))
    .sort((a, b) => ORDER[a.reminder.kind] - ORDER[b.reminder.kind] || a.index - b.index)
    .map(({ reminder }) => reminder);
  const limit = input.limit ?? ORGANIZATION_ROWS;
  return {
    rows: all.slice(0, limit),
    more: Math.max(0, all.length - limit),
    organizationZeroRetention,
    auditOff: all.some((reminder) => reminder.kind === 'unknown') && auditIsOff(input, true),
  };
}
