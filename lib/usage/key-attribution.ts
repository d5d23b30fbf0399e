import type { CompletionsUsageBucket } from '../admin-api/responses';
import type { Micros } from '../core/money';
import { keyOwnerLabel, type KeyOwner } from '../admin-api/key-owner';

/**
 * The fields of a parsed project API key this module reads. Declared here rather than
 * imported so any key listing (`GET /organization/projects/{id}/api_keys` with
 * `owner_project_access=any`, docs/facts.md §1) can be passed in as it is parsed.
 */
export interface AttributionKey {
  id: string;
  name: string;
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds; null when never used. */
  lastUsedAt: number | null;
  redactedValue?: string;
  /** `email` is absent from lists stored before owners were named by e-mail. */
  owner: Pick<KeyOwner, 'type' | 'name'> & { email?: string | null };
}

/** Why dollars per key are an estimate; show it beside every per-key amount and in its tooltip. */
export const KEY_COST_ESTIMATE_NOTE =
  "Estimate: the project's cost split by each key's share of tokens. OpenAI does not report dollars per key.";

export interface KeyUsage {
  /** null: usage the API attributed to no key (e.g. made in the Playground). */
  apiKeyId: string | null;
  /** From the key list; null when the key is not in it (deleted since, or the list is unavailable). */
  name: string | null;
  redactedValue: string | null;
  /** Whose key: the user's e-mail or the service account's name (keyOwnerLabel); null when not known. */
  owner: string | null;
  createdAt: number | null;
  lastUsedAt: number | null;
  /** Exact counts from the usage API. */
  inputTokens: number;
  outputTokens: number;
  requests: number;
  /** The model that carried most of this key's tokens; null when the usage was not grouped by model. */
  topModel: string | null;
  /**
   * ESTIMATE, never exact: the period's project cost times this key's share (see
   * KeyAttribution.estimateBasis). Integer micro-units; the keys' estimates add up exactly
   * to the cost that was split. null when no cost was given or there was nothing to split by.
   */
  estimatedCostMicros: Micros | null;
}

export interface KeyAttribution {
  projectId: string;
  /** Unix seconds: the window the usage buckets were read for, [from, to). */
  from: number;
  to: number;
  /** Busiest first (tokens, then requests). Only keys that carried traffic. */
  keys: KeyUsage[];
  totalTokens: number;
  totalRequests: number;
  /** The project's exact cost for the window, as given; null when unknown. */
  costMicros: Micros | null;
  /** What the cost was split by: tokens, or requests when no tokens were reported; null when not split. */
  estimateBasis: 'tokens' | 'requests' | null;
  /** Always true: the type says so, so no screen can show per-key dollars as exact. */
  costPerKeyIsEstimate: true;
  estimateNote: string;
  /** false when no key list was available: keys are then shown by id only. */
  keyListAvailable: boolean;
}

/**
 * Which keys carried a project's traffic in a window, named from the project's key list.
 * Works on daily buckets (the month) and hourly ones (a spike's window) alike; the usage
 * must be grouped by `api_key_id` (and `project_id`; `model` as well for topModel).
 */
export function attributeKeys(input: {
  projectId: string;
  usage: readonly CompletionsUsageBucket[];
  /** Unix seconds; a bucket counts when it starts in [from, to). */
  from: number;
  to: number;
  /** The project's exact cost for the same window, or null to leave dollars out. */
  costMicros: Micros | null;
  keys: readonly AttributionKey[] | null;
}): KeyAttribution {
  const listed = new Map((input.keys ?? []).map((key) => [key.id, key]));
  const rows = new Map<string | null, KeyUsage & { models: Map<string, number> }>();

  for (const bucket of input.usage) {
    if (bucket.startTime < input.from || bucket.startTime >= input.to) continue;
    for (const result of bucket.results) {
      if (result.projectId !== input.projectId) continue;
      const apiKeyId = result.apiKeyId ?? null;
      let row = rows.get(apiKeyId);
      if (!row) {
        const key = apiKeyId === null ? undefined : listed.get(apiKeyId);
        row = {
          apiKeyId,
          name: key?.name ?? null,
          redactedValue: key?.redactedValue ?? null,
          owner: key ? keyOwnerLabel(key.owner) : null,
          createdAt: key?.createdAt ?? null,
          lastUsedAt: key?.lastUsedAt ?? null,
          inputTokens: 0,
          outputTokens: 0,
          requests: 0,
          topModel: null,
          estimatedCostMicros: null,
          models: new Map(),
        };
        rows.set(apiKeyId, row);
      }
      row.inputTokens += result.inputTokens;
      row.outputTokens += result.outputTokens;
      row.requests += result.requests;
      if (result.model !== null) {
        row.models.set(result.model, (row.models.get(result.model) ?? 0) + result.inputTokens + result.outputTokens);
      }
    }
  }

  const active = [...rows.values()].filter((row) => row.inputTokens + row.outputTokens + row.requests > 0);
  const tokensOf = (row: KeyUsage) => row.inputTokens + row.outputTokens;
  const totalTokens = active.reduce((sum, row) => sum + tokensOf(row), 0);
  const totalRequests = active.reduce((sum, row) => sum + row.requests, 0);
  const estimateBasis = input.costMicros === null ? null : totalTokens > 0 ? 'tokens' : totalRequests > 0 ? 'requests' : null;
  if (estimateBasis !== null && input.costMicros !== null) {
    const weights = active.map((row) => (estimateBasis === 'tokens' ? tokensOf(row) : row.requests));
    splitExactly(input.costMicros, weights).forEach((micros, i) => {
      active[i]!.estimatedCostMicros = micros;
    });
  }

  const keys: KeyUsage[] = active
    .sort((a, b) => tokensOf(b) - tokensOf(a) || b.requests - a.requests || compareIds(a.apiKeyId, b.apiKeyId))
    .map(({ models, ...row }) => ({ ...row, topModel: topOf(models) }));

  return {
    projectId: input.projectId,
    from: input.from,
    to: input.to,
    keys,
    totalTokens,
    totalRequests,
    costMicros: input.costMicros,
    estimateBasis,
    costPerKeyIsEstimate: true,
    estimateNote: KEY_COST_ESTIMATE_NOTE,
    keyListAvailable: input.keys !== null,
  };
}

/**
 * Splits an integer amount in proportion to integer weights so the parts add up to exactly
 * the amount (largest remainder; ties to the earlier part). BigInt because cost × tokens
 * passes Number.MAX_SAFE_INTEGER for real organizations.
 */
export function splitExactly(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return weights.map(() => 0);
  const sign = amount < 0 ? -1n : 1n;
  const whole = BigInt(Math.abs(amount));
  const big = BigInt(total);
  const parts = weights.map((weight) => (whole * BigInt(weight)) / big);
  const remainders = weights.map((weight, i) => ({ i, rest: (whole * BigInt(weight)) % big }));
  let left = whole - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((part) => Number(part * sign));
}

function topOf(counts: ReadonlyMap<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of counts) if (best === null || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best?.[0] ?? null;
}

function compareIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
