import type { Incident } from './detect';
import type { Metric } from './series';

/** An incident that raised a notification; plain JSON for storage.local. */
export interface NotifiedIncident {
  projectId: string | null;
  metric: Metric;
  kind: Incident['kind'];
  since: number;
  /** The value last notified (the first one, or the last escalation). */
  value: number;
  /** Unix seconds. */
  notifiedAt: number;
}

export interface IncidentState {
  version: 1;
  notified: NotifiedIncident[];
}

export const EMPTY_INCIDENT_STATE: IncidentState = { version: 1, notified: [] };

export interface NotifyOptions {
  /** Unix seconds. */
  now: number;
  /** After a notification, a project's new spikes stay silent this long (default 6 h)… */
  cooldownHours?: number;
  /** …unless the same metric reaches this many times the value last notified (default 2). */
  escalationFactor?: number;
  /** Records older than this are dropped (default 15 days: by then the baseline has absorbed the event). */
  retentionDays?: number;
}

const KIND_ORDER: Record<Incident['kind'], number> = { cap: 0, 'new-project': 1, spike: 2 };
const METRIC_ORDER: Record<Metric, number> = { spend: 0, requests: 1, tokens: 2 };

const sameIncident = (a: Omit<NotifiedIncident, 'value' | 'notifiedAt'>, b: Omit<NotifiedIncident, 'value' | 'notifiedAt'>): boolean =>
  a.projectId === b.projectId && a.metric === b.metric && a.kind === b.kind && a.since === b.since;

/**
 * Which of this check's incidents deserve a notification, and the state to store for the next.
 *
 * - One incident (project, metric, kind, since) notifies once; it notifies again only if
 *   its value reaches escalationFactor × the value last notified ("much worse").
 * - A new spike for a project notified less than cooldownHours ago stays silent, unless it
 *   is escalationFactor × the largest value notified in that window for the same metric
 *   and kind. It is not recorded, so if it is still going when the cool-down ends, it
 *   notifies then.
 * - A cap breach ignores the cool-down: the user set that limit explicitly. Its `since` is
 *   the UTC day, so it notifies at most once per project, metric and day (plus escalations).
 *
 * - A new-project alert (too little history, judged by a plain limit) behaves like a spike.
 *
 * Within a check, caps come first, then spend, requests and tokens, so one event seen in
 * several metrics gives one notification.
 */
export function applyIncidents(
  state: IncidentState,
  incidents: readonly Incident[],
  options: NotifyOptions,
): { state: IncidentState; notify: Incident[] } {
  const cooldown = (options.cooldownHours ?? 6) * 3600;
  const factor = options.escalationFactor ?? 2;
  const retention = (options.retentionDays ?? 15) * 86_400;
  const { now } = options;
  const notified = state.notified.filter((record) => record.notifiedAt > now - retention).map((record) => ({ ...record }));
  const notify: Incident[] = [];

  const ordered = [...incidents].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || METRIC_ORDER[a.metric] - METRIC_ORDER[b.metric] || b.value - a.value,
  );
  for (const incident of ordered) {
    const known = notified.find((record) => sameIncident(record, incident));
    if (known) {
      if (incident.value >= factor * known.value) {
        known.value = incident.value;
        known.notifiedAt = now;
        notify.push(incident);
      }
      continue;
    }
    const recent = notified.filter((record) => record.projectId === incident.projectId && record.notifiedAt > now - cooldown);
    const comparable = recent.filter((record) => record.metric === incident.metric && record.kind === incident.kind);
    const muchWorse = comparable.length > 0 && incident.value >= factor * Math.max(...comparable.map((record) => record.value));
    if (incident.kind === 'cap' || recent.length === 0 || muchWorse) {
      const { projectId, metric, kind, since, value } = incident;
      notified.push({ projectId, metric, kind, since, value, notifiedAt: now });
      notify.push(incident);
    }
  }
  return { state: { version: 1, notified }, notify };
}

const METRICS: readonly string[] = ['spend', 'requests', 'tokens'];

function isRecord(value: unknown): value is NotifiedIncident {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    (record.projectId === null || typeof record.projectId === 'string') &&
    typeof record.metric === 'string' && METRICS.includes(record.metric) &&
    typeof record.kind === 'string' && Object.hasOwn(KIND_ORDER, record.kind) &&
    [record.since, record.value, record.notifiedAt].every((field) => typeof field === 'number' && Number.isFinite(field))
  );
}

/**
 * The state as read back from storage. Anything unreadable (absent, an older version, a
 * damaged record) is dropped rather than thrown: at worst an incident notifies twice.
 */
export function parseIncidentState(stored: unknown): IncidentState {
  if (typeof stored !== 'object' || stored === null) return EMPTY_INCIDENT_STATE;
  const { version, notified } = stored as Record<string, unknown>;
  if (version !== 1 || !Array.isArray(notified)) return EMPTY_INCIDENT_STATE;
  return {
    version: 1,
    notified: notified.filter(isRecord).map(({ projectId, metric, kind, since, value, notifiedAt }) => ({
      projectId, metric, kind, since, value, notifiedAt,
    })),
  };
}
