import type { Incident } from './detect';
import type { Metric } from './series';
import type { SignalKind } from './signals';

/** Volume incidents (detect.ts) and the signals beside them (signals.ts). */
export type IncidentKind = Incident['kind'] | SignalKind;

/** What the store needs of an incident of either kind to decide whether it notifies. */
export interface Notifiable {
  projectId: string | null;
  metric: Metric;
  kind: IncidentKind;
  /** What a signal is about (the new model, the new key): two new models of one project are two incidents. */
  subject?: string | null;
  since: number;
  value: number;
}

/** An incident that raised a notification; plain JSON for storage.local. */
export interface NotifiedIncident {
  projectId: string | null;
  metric: Metric;
  kind: IncidentKind;
  /** Signals only (absent in records stored before signals existed). */
  subject?: string | null;
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

// Signals come last: one event that is also a volume spike notifies once, as the spike (which names its key and model).
const KIND_ORDER: Record<IncidentKind, number> = { cap: 0, 'new-project': 1, spike: 2, 'new-model': 3, 'new-busy-key': 4, 'tokens-per-request': 5 };
const METRIC_ORDER: Record<Metric, number> = { spend: 0, requests: 1, tokens: 2 };

const sameIncident = (a: Omit<Notifiable, 'value'>, b: Omit<Notifiable, 'value'>): boolean =>
  a.projectId === b.projectId && a.metric === b.metric && a.kind === b.kind && a.since === b.since && (a.subject ?? null) === (b.subject ?? null);

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
 * - A new-project alert (too little history, judged by a plain limit) behaves like a spike,
 *   and so do the signals (signals.ts): each (project, signal, subject, since) notifies once.
 *
 * Within a check, caps come first, then spikes in spend, requests and tokens, then the
 * signals, so one event seen in several ways gives one notification.
 */
export function applyIncidents<T extends Notifiable>(
  state: IncidentState,
  incidents: readonly T[],
  options: NotifyOptions,
): { state: IncidentState; notify: T[] } {
  const cooldown = (options.cooldownHours ?? 6) * 3600;
  const factor = options.escalationFactor ?? 2;
  const retention = (options.retentionDays ?? 15) * 86_400;
  const { now } = options;
  // A record from the future (the clock that wrote it was ahead) says nothing of when: it is dropped, not obeyed.
  const notified = state.notified.filter((record) => record.notifiedAt > now - retention && record.notifiedAt <= now).map((record) => ({ ...record }));
  const notify: T[] = [];

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
      notified.push({ projectId, metric, kind, ...(incident.subject == null ? {} : { subject: incident.subject }), since, value, notifiedAt: now });
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
    (record.subject === undefined || record.subject === null || typeof record.subject === 'string') &&
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
    notified: notified.filter(isRecord).map(({ projectId, metric, kind, subject, since, value, notifiedAt }) => ({
      projectId, metric, kind, ...(subject == null ? {} : { subject }), since, value, notifiedAt,
    })),
  };
}
