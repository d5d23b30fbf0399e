import type { CompletionsUsageBucket, CostBucket } from '../../admin-api/responses';

export const HOUR = 3600;
export const DAY = 86_400;
/** 2025-06-15T14:30:00Z: the checks run in the middle of the 14:00 bucket. */
export const NOW = Date.UTC(2025, 5, 15, 14, 30) / 1000;
export const CURRENT_HOUR = Date.UTC(2025, 5, 15, 14) / 1000;

/** Deterministic noise in [-1, 1) (xorshift32), so every run sees the same "random" traffic. */
export function noise(seed: number): () => number {
  let state = seed || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 2 ** 32) * 2 - 1;
  };
}

/** Requests per hour with a daily rhythm (busy afternoons, quiet nights) and ±10 % noise. */
export function dailyRhythm(start: number, level = 1000, seed = 7): (hourStart: number) => number {
  const random = noise(seed + start);
  return (hourStart) => {
    const hourOfDay = new Date(hourStart * 1000).getUTCHours();
    const shape = 0.6 + 0.4 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
    return Math.round(level * shape * (1 + 0.1 * random()));
  };
}

export interface ProjectTraffic {
  projectId: string;
  /** Requests in the hour starting at `hourStart`, or null when the project had none yet. */
  requests: (hourStart: number) => number | null;
}

/**
 * Hourly usage buckets ending with the current hour, as the API returns them: one bucket
 * per hour even when empty. Hours for which `fetched` is false are left out, as when a
 * request failed.
 */
export function hourlyUsage(
  traffic: readonly ProjectTraffic[],
  { days = 15, fetched = () => true }: { days?: number; fetched?: (hourStart: number) => boolean } = {},
): CompletionsUsageBucket[] {
  const buckets: CompletionsUsageBucket[] = [];
  for (let start = CURRENT_HOUR - days * DAY; start <= CURRENT_HOUR; start += HOUR) {
    if (!fetched(start)) continue;
    const results = traffic.flatMap(({ projectId, requests }) => {
      const count = requests(start);
      return count === null ? [] : [{ projectId, model: 'gpt-4o-mini', requests: count, inputTokens: count * 200, outputTokens: count * 50 }];
    });
    buckets.push({ startTime: start, endTime: start + HOUR, results });
  }
  return buckets;
}

/** Daily cost buckets up to today, `dollars(dayStart)` per day for one project. */
export function dailyCosts(projectId: string, dollars: (dayStart: number) => number, days = 16): CostBucket[] {
  const today = Math.floor(NOW / DAY) * DAY;
  const buckets: CostBucket[] = [];
  for (let start = today - days * DAY; start <= today; start += DAY) {
    buckets.push({ startTime: start, endTime: start + DAY, results: [{ amountValue: dollars(start), currency: 'usd', lineItem: null, projectId }] });
  }
  return buckets;
}

/** One stream of traffic: a key on a model in a project; null hours have none. */
export interface Stream {
  projectId: string;
  apiKeyId: string;
  model: string;
  requests: (hour: number) => number | null;
  /** Default 250. */
  tokensPerRequest?: (hour: number) => number;
}

/** Hourly buckets for 15 days up to the current hour, grouped by project, key and model. */
export function hourlyStreams(streams: readonly Stream[]): CompletionsUsageBucket[] {
  const buckets: CompletionsUsageBucket[] = [];
  for (let start = CURRENT_HOUR - 15 * DAY; start <= CURRENT_HOUR; start += HOUR) {
    const results = streams.flatMap((stream) => {
      const requests = stream.requests(start);
      if (requests === null || requests === 0) return [];
      const tokens = requests * (stream.tokensPerRequest?.(start) ?? 250);
      return [{ projectId: stream.projectId, apiKeyId: stream.apiKeyId, model: stream.model, requests, inputTokens: Math.round(tokens * 0.8), outputTokens: Math.round(tokens * 0.2) }];
    });
    buckets.push({ startTime: start, endTime: start + HOUR, results });
  }
  return buckets;
}
