import type { AdminClient } from '../admin-api/client';
import type { SpikeAlertSettings } from '../storage/settings';
import type { CompletionsUsageBucket } from '../admin-api/responses';
import { spikeCheckQueries } from '../spike-alerts/check-queries';
import { describeIncident } from '../spike-alerts/describe-incident';
import { detectIncidents, newProjectLimitsOf } from '../spike-alerts/detect';
import { applyIncidents, type IncidentState } from '../spike-alerts/incident-store';
import { seriesFromCosts, seriesFromUsage } from '../spike-alerts/series';
import { describeCulprit, describeSignal, findCulprit } from '../spike-alerts/culprit';
import { detectSignals, type ProjectKeyList, type SignalIncident } from '../spike-alerts/signals';
import type { Incident } from '../spike-alerts/detect';
import { lookupKey } from '../glance/request-plan';
import type { SpikeNotice } from '../spike-alerts/notice';
import type { UsageSnapshot } from '../usage/refresh-plan';
import type { GlanceDetails } from '../glance/details';

export const SPIKE_NOTIFICATION_PREFIX = 'spike:';


export interface SpikeCheckResult {
  state: IncidentState;
  notices: SpikeNotice[];
}

/** How far off this computer's clock may be and still be corrected from the API's answer. */
const CLOCK_SLACK_HOURS = 6;

/**
 * Spend per day comes from the refresh's own cost buckets (no extra request); requests and
 * tokens per hour need one hourly usage listing (a fixed three pages for the 14-day
 * baseline, whatever the number of projects).
 *
 * "Now" is the API's: its Date header when it gave one, else the newest hourly bucket it
 * returned. With this computer's clock hours off, its own "now" would ask for, and judge,
 * hours in which nothing has happened yet, or that ended long ago.
 */
export async function checkForSpikes(input: {
  client: Pick<AdminClient, 'completionsUsage'>;
  snapshot: UsageSnapshot;
  settings: SpikeAlertSettings;
  state: IncidentState;
  /** Epoch milliseconds, this computer's clock. */
  now: number;
  /** Epoch milliseconds by the API's clock (its Date header), when known. */
  serverNow?: number | null;
  /**
   * The glance's key lists (lib/storage/glance-details.ts, read at most daily) and when each was read:
   * they name the key that carried a spike, and tell which keys are new (new-busy-key).
   */
  details?: Pick<GlanceDetails, 'keyLists' | 'log'> | null;
}): Promise<SpikeCheckResult> {
  const serverNow = input.serverNow ?? null;
  const guess = Math.floor((serverNow ?? input.now) / 1000);
  const hourly = await input.client.completionsUsage(
    spikeCheckQueries({ now: guess, slackHours: serverNow === null ? CLOCK_SLACK_HOURS : 0 }).usage,
  );
  const now = serverNow === null ? (newestReported(hourly) ?? guess) : guess;

  // Only projects with traffic can spike: the others' creation dates are not needed, and
  // thousands of idle projects would each make a series of zeros.
  const active = new Set<string | null>();
  for (const bucket of [...input.snapshot.costs, ...hourly]) for (const { projectId } of bucket.results) active.add(projectId);
  const projects = input.snapshot.projects?.filter((project) => active.has(project.id));
  const series = [...seriesFromCosts(input.snapshot.costs, { projects }), ...seriesFromUsage(hourly, { projects })];
  const dailyCaps = Object.fromEntries(
    Object.entries(input.settings.dailySpendCapsMicros).map(([projectId, spend]) => [projectId, { spend }]),
  );
  const incidents = detectIncidents(
    series,
    { sensitivity: input.settings.sensitivity, dailyCaps, newProjectLimits: newProjectLimitsOf(input.settings) },
    { now },
  );
  // The signals read the same hourly listing (grouped by key and model) and the key lists
  // the glance already has: no request of their own.
  const switches = input.settings.signals;
  const signals = detectSignals({
    usage: hourly,
    settings: { ...switches, sensitivity: input.settings.sensitivity },
    keyLists: signalKeyLists(input.details ?? null),
    options: { now },
  });
  const candidates: Candidate[] = [
    ...incidents.map((incident): Candidate => ({ ...incident, source: { volume: incident } })),
    ...signals.map((signal): Candidate => ({
      projectId: signal.projectId,
      // Signals count tokens (tokens-per-request a ratio of them); their kind keeps them apart from volume spikes.
      metric: 'tokens',
      kind: signal.signal,
      subject: signal.signal === 'new-model' ? signal.model : signal.signal === 'new-busy-key' ? signal.apiKeyId : null,
      since: signal.since,
      value: signal.value,
      source: { signal },
    })),
  ];
  const { state, notify } = applyIncidents(input.state, candidates, { now });
  const names = new Map(input.snapshot.projects?.map((project) => [project.id, project.name]));
  const projectName = (projectId: string | null) => (projectId === null ? null : (names.get(projectId) ?? null));
  const currency = input.snapshot.costs.flatMap((bucket) => bucket.results)[0]?.currency ?? 'usd';
  const keyLists = input.details?.keyLists ?? {};
  return {
    state,
    notices: notify.map(({ source }) => {
      if ('signal' in source) {
        const { signal } = source;
        const keyName = signal.projectId === null || signal.apiKeyId === null ? null : (keyLists[signal.projectId]?.find((key) => key.id === signal.apiKeyId)?.name ?? null);
        const described = describeSignal(signal, projectName(signal.projectId) ?? signal.projectId ?? 'Usage outside any project', keyName);
        return {
          id: `${SPIKE_NOTIFICATION_PREFIX}${signal.projectId ?? 'none'}:${signal.signal}:${signal.signal === 'new-model' ? `${signal.model}:` : signal.signal === 'new-busy-key' ? `${signal.apiKeyId}:` : ''}${signal.since}`,
          projectId: signal.projectId,
          ...described,
        };
      }
      const incident = source.volume;
      const described = describeIncident(incident, projectName(incident.projectId), currency);
      // Which key, on which model: from the same hourly listing (grouped by api_key_id and model), since the spike began.
      const culprit =
        incident.projectId === null
          ? null
          : findCulprit({ usage: hourly, projectId: incident.projectId, from: incident.since, to: now + 1, keys: keyLists[incident.projectId] ?? null });
      const lead = culprit ? describeCulprit(culprit) : null;
      return {
        id: `${SPIKE_NOTIFICATION_PREFIX}${incident.projectId ?? 'none'}:${incident.metric}:${incident.since}`,
        projectId: incident.projectId,
        title: described.title,
        message: lead ? `${lead[0]!.toUpperCase()}${lead.slice(1)}. ${described.message}` : described.message,
      };
    }),
  };
}

/** A volume incident or a signal, in the shape the incident store judges. */
type Candidate = Parameters<typeof applyIncidents>[1][number] & { source: { volume: Incident } | { signal: SignalIncident } };

/** Each readable key list with its creation times and when it was read (Unix seconds): a 403 list tells nothing. */
function signalKeyLists(details: Pick<GlanceDetails, 'keyLists' | 'log'> | null): Record<string, ProjectKeyList> {
  const lists: Record<string, ProjectKeyList> = {};
  for (const [projectId, keys] of Object.entries(details?.keyLists ?? {})) {
    const readAt = details?.log[lookupKey({ kind: 'key-list', projectId })];
    if (keys === null || readAt === undefined) continue;
    lists[projectId] = { keys: keys.map(({ id, createdAt }) => ({ id, createdAt })), fetchedAt: Math.floor(readAt / 1000) };
  }
  return lists;
}

/**
 * The last second of the newest hourly bucket that holds any usage (Unix seconds), or of
 * the newest bucket at all; null for none. The API answers only for hours that have begun,
 * and a spike is by definition a bucket with usage in it.
 */
function newestReported(buckets: readonly CompletionsUsageBucket[]): number | null {
  let newest: number | null = null;
  let newestWithUsage: number | null = null;
  for (const bucket of buckets) {
    newest = Math.max(newest ?? bucket.endTime, bucket.endTime);
    if (bucket.results.length > 0) newestWithUsage = Math.max(newestWithUsage ?? bucket.endTime, bucket.endTime);
  }
  const end = newestWithUsage ?? newest;
  return end === null ? null : end - 1;
}
