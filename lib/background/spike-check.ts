import type { AdminClient } from '../admin-api/client';
import type { SpikeAlertSettings } from '../settings/settings';
import { spikeCheckQueries } from '../spike-alerts/check-queries';
import { describeIncident } from '../spike-alerts/describe-incident';
import { detectIncidents } from '../spike-alerts/detect';
import { applyIncidents, type IncidentState } from '../spike-alerts/incident-store';
import { seriesFromCosts, seriesFromUsage } from '../spike-alerts/series';
import type { UsageSnapshot } from '../usage/refresh-plan';

export const SPIKE_NOTIFICATION_PREFIX = 'spike:';

export interface SpikeNotice {
  /** Notification id: names the project, so a click opens its page. */
  id: string;
  projectId: string | null;
  title: string;
  message: string;
}

export interface SpikeCheckResult {
  state: IncidentState;
  notices: SpikeNotice[];
}

/**
 * Spend per day comes from the refresh's own cost buckets (no extra request); requests and
 * tokens per hour need one hourly usage listing (a fixed three pages for the 14-day
 * baseline, whatever the number of projects).
 */
export async function checkForSpikes(input: {
  client: Pick<AdminClient, 'completionsUsage'>;
  snapshot: UsageSnapshot;
  settings: SpikeAlertSettings;
  state: IncidentState;
  /** Epoch milliseconds. */
  now: number;
}): Promise<SpikeCheckResult> {
  const now = Math.floor(input.now / 1000);
  const hourly = await input.client.completionsUsage(spikeCheckQueries({ now }).usage);
  const projects = input.snapshot.projects ?? undefined;
  const series = [...seriesFromCosts(input.snapshot.costs, { projects }), ...seriesFromUsage(hourly, { projects })];
  const dailyCaps = Object.fromEntries(
    Object.entries(input.settings.dailySpendCapsMicros).map(([projectId, spend]) => [projectId, { spend }]),
  );
  const incidents = detectIncidents(series, { sensitivity: input.settings.sensitivity, dailyCaps }, { now });
  const { state, notify } = applyIncidents(input.state, incidents, { now });
  const names = new Map(input.snapshot.projects?.map((project) => [project.id, project.name]));
  const currency = input.snapshot.costs.flatMap((bucket) => bucket.results)[0]?.currency ?? 'usd';
  return {
    state,
    notices: notify.map((incident) => ({
      id: `${SPIKE_NOTIFICATION_PREFIX}${incident.projectId ?? 'none'}:${incident.metric}:${incident.since}`,
      projectId: incident.projectId,
      ...describeIncident(incident, incident.projectId ? (names.get(incident.projectId) ?? null) : null, currency),
    })),
  };
}
