import { formatCount, formatMoney } from '../core/format';
import type { Incident } from './detect';

const UNITS = { requests: 'requests', tokens: 'tokens' } as const;

function amount(incident: Pick<Incident, 'metric'>, value: number, currency: string): string {
  return incident.metric === 'spend' ? formatMoney(value, currency) : `${formatCount(Math.round(value))} ${UNITS[incident.metric]}`;
}

function utcTime(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Notification text: what happened, to which project, and how far from the usual. */
export function describeIncident(incident: Incident, projectName: string | null, currency = 'usd'): { title: string; message: string } {
  const project = projectName ?? incident.projectId ?? 'Usage outside any project';
  const period = incident.bucketSeconds >= 86_400 ? 'day' : 'hour';
  const value = amount(incident, incident.value, currency);
  if (incident.kind === 'cap') {
    return {
      title: `${project}: daily ${incident.metric} cap reached`,
      message: `${value} on ${utcTime(incident.since).slice(0, 10)} (UTC), cap ${amount(incident, incident.threshold, currency)}.`,
    };
  }
  if (incident.kind === 'new-project') {
    return {
      title: `${project}: high ${incident.metric} for a new project`,
      message: `${value} in one ${period}, since ${utcTime(incident.since)}. With under three days of history it is held to the new-project limit of ${amount(incident, incident.threshold, currency)} (set in options).`,
    };
  }
  const usual =
    incident.usual === null || incident.usual === 0
      ? 'usually none'
      : `${incident.ratio === null ? '' : `${incident.ratio.toFixed(1)}× `}the usual ${amount(incident, incident.usual, currency)}`;
  return {
    title: `${project}: unusual ${incident.metric}`,
    message: `${value} in one ${period} (${usual}), since ${utcTime(incident.since)}.`,
  };
}
