import type { CompletionsUsageBucket } from '../admin-api/responses';
import { attributeKeys, type AttributionKey } from '../usage/key-attribution';
import { formatCount } from '../core/format';
import type { SignalIncident } from './signals';

/** Which key, on which model, carried a project's traffic in a spike's window. */
export interface Culprit {
  /** null: traffic the API attributed to no key. */
  apiKeyId: string | null;
  /** From the project's key list; null when unknown. */
  keyName: string | null;
  model: string | null;
  /** The key's share of the window's tokens, 0–1. */
  share: number;
}

/**
 * The busiest key of a project in [from, to) and its busiest model, from hourly usage
 * grouped by project_id, api_key_id and model. null when the window has no traffic.
 */
export function findCulprit(input: {
  usage: readonly CompletionsUsageBucket[];
  projectId: string;
  from: number;
  to: number;
  keys: readonly Pick<AttributionKey, 'id' | 'name' | 'createdAt' | 'lastUsedAt' | 'owner'>[] | null;
}): Culprit | null {
  const attribution = attributeKeys({ ...input, costMicros: null });
  const top = attribution.keys[0];
  if (!top) return null;
  const total = attribution.totalTokens > 0 ? attribution.totalTokens : attribution.totalRequests;
  const own = attribution.totalTokens > 0 ? top.inputTokens + top.outputTokens : top.requests;
  return { apiKeyId: top.apiKeyId, keyName: top.name, model: top.topModel, share: total === 0 ? 0 : own / total };
}

/** "41×" from 10 on, "2.5×" below: a ratio is a rough figure, not an amount. */
export function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`;
}

/** "key 'ci-deploy'", or the id ("key_abc") when the key has no known name. */
function keyLabel(culprit: Pick<Culprit, 'apiKeyId' | 'keyName'>): string {
  if (culprit.keyName !== null) return `key '${culprit.keyName}'`;
  return culprit.apiKeyId ?? 'no API key';
}

/** "mostly key 'ci-deploy' on gpt-4.1"; "largely" when the key carried under half. */
export function describeCulprit(culprit: Culprit): string {
  const lead = culprit.share >= 0.5 ? 'mostly' : `largely (${Math.round(culprit.share * 100)}%)`;
  return `${lead} ${keyLabel(culprit)}${culprit.model === null ? '' : ` on ${culprit.model}`}`;
}

function utcHour(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Notification title and message of a new signal (signals.ts), naming its key and model. */
export function describeSignal(incident: SignalIncident, projectName: string, keyName: string | null): { title: string; message: string } {
  const key = keyLabel({ apiKeyId: incident.apiKeyId, keyName });
  const tokens = `${formatCount(Math.round(incident.value))} tokens`;
  const since = `since ${utcHour(incident.since)}`;
  switch (incident.signal) {
    case 'new-model':
      return {
        title: `${projectName}: new model ${incident.model ?? '(unnamed)'}`,
        message: `${tokens} in one hour on a model not used in the previous 14 days, mostly ${key}, ${since}.`,
      };
    case 'tokens-per-request':
      return {
        title: `${projectName}: tokens per request jumped`,
        message:
          `${formatCount(Math.round(incident.value))} tokens per request ` +
          `(${incident.ratio === null ? 'usually none' : `${formatRatio(incident.ratio)} the usual ${formatCount(Math.round(incident.usual))}`}), ` +
          `mostly ${key}${incident.model === null ? '' : ` on ${incident.model}`}, ${since}.`,
      };
    case 'new-busy-key':
      return {
        title: `${projectName}: new ${key} among the busiest`,
        message: `Created in the last day and already carrying ${tokens} in one hour${incident.model === null ? '' : ` on ${incident.model}`}, ${since}.`,
      };
  }
}
