import type { CompletionsUsageBucket } from '../admin-api/responses';
import { DAY_SECONDS } from '../core/utc-days';
import { SENSITIVITY, type Sensitivity } from './detect';
import { MAD_SCALE, mad, median } from './robust';

/**
 * Spike signals beside the volume spikes of detect.ts, read from the same hourly usage
 * listing grouped by `project_id`, `api_key_id` and `model` (group_by widens the results,
 * not the number of buckets, so no extra request). Each is judged like detect.ts: a bucket
 * against the same hour on each of the previous days, median + k × scaled MAD, with the
 * sensitivity's k and minimum ratio.
 */
export type SignalKind = 'new-model' | 'tokens-per-request' | 'new-busy-key';

export interface SignalSettings {
  /** Each signal can be switched off in options. */
  newModel: boolean;
  tokensPerRequest: boolean;
  newBusyKey: boolean;
  sensitivity: Sensitivity;
  /** Tokens an hour below which nothing is a signal, however unusual (default 100 000). */
  minTokensPerHour?: number;
  /** Requests an hour below which tokens per request are not judged (default 20): one long prompt is not a trend. */
  minRequestsPerHour?: number;
  /** "Among the busiest": this many keys of the project by tokens over the last day (default 3). */
  busiestKeys?: number;
}

const DEFAULT_MIN_TOKENS_PER_HOUR = 100_000;
const DEFAULT_MIN_REQUESTS_PER_HOUR = 20;
const DEFAULT_BUSIEST_KEYS = 3;

/** What is known of a project's keys: creation times, from a key list fetched at `fetchedAt`. */
export interface ProjectKeyList {
  keys: readonly { id: string; createdAt: number }[];
  /** Unix seconds. A key missing from a list fetched in the last day was created since. */
  fetchedAt: number;
}

export interface SignalIncident {
  signal: SignalKind;
  projectId: string | null;
  /** new-model: the new model; otherwise the model that carried most tokens in the bucket. */
  model: string | null;
  /** new-busy-key: the new key; otherwise the key that carried most tokens in the bucket. */
  apiKeyId: string | null;
  /** tokens-per-request: tokens per request; the others: tokens in the bucket. */
  value: number;
  /** Median of the baseline (0 for a model or key that had none). */
  usual: number;
  /** value ÷ usual; null when the usual is zero. */
  ratio: number | null;
  threshold: number;
  /** Start of the run of unusual buckets that reaches into the recent ones. */
  since: number;
  bucketSeconds: number;
}

export interface SignalOptions {
  /** Unix seconds. */
  now: number;
  baselineDays?: number;
  minHistoryDays?: number;
  recentBuckets?: number;
}

const DEFAULTS = { baselineDays: 14, minHistoryDays: 3, recentBuckets: 3 };

export interface Verdict {
  unusual: boolean;
  usual: number;
  threshold: number;
}

/**
 * detect.ts's judgement of one bucket, for series it does not build: the bucket against
 * the same bucket on each of the previous `baselineDays` days. null without enough history.
 */
export function judgeAgainstBaseline(
  values: ReadonlyMap<number, number>,
  start: number,
  rule: { sensitivity: Sensitivity; minAbsolute: number; baselineDays: number; minHistoryDays: number },
): Verdict | null {
  const value = values.get(start);
  if (value === undefined) return null;
  const baseline: number[] = [];
  for (let day = 1; day <= rule.baselineDays; day += 1) {
    const past = values.get(start - day * DAY_SECONDS);
    if (past !== undefined) baseline.push(past);
  }
  if (baseline.length < rule.minHistoryDays) return null;
  const { k, minRatio } = SENSITIVITY[rule.sensitivity];
  const usual = median(baseline);
  const band = usual + k * MAD_SCALE * mad(baseline);
  return {
    unusual: value > band && value >= rule.minAbsolute && value >= minRatio * usual,
    usual,
    threshold: Math.max(band, rule.minAbsolute, minRatio * usual),
  };
}

interface Cell {
  tokens: number;
  requests: number;
}

/** Per bucket start: totals, and tokens by model and by key. */
interface ProjectHours {
  total: Map<number, Cell>;
  models: Map<string, Map<number, number>>;
  keys: Map<string, Map<number, number>>;
}

export function detectSignals(input: {
  /** Hourly completions usage grouped by project_id, api_key_id and model. */
  usage: readonly CompletionsUsageBucket[];
  settings: SignalSettings;
  /** Per project id; projects without a key list get no new-busy-key verdict. */
  keyLists?: Readonly<Record<string, ProjectKeyList>>;
  options: SignalOptions;
}): SignalIncident[] {
  const { settings } = input;
  if (!settings.newModel && !settings.tokensPerRequest && !settings.newBusyKey) return [];
  const { baselineDays, minHistoryDays, recentBuckets } = { ...DEFAULTS, ...input.options };
  const now = input.options.now;
  const minTokens = settings.minTokensPerHour ?? DEFAULT_MIN_TOKENS_PER_HOUR;
  const rule = { sensitivity: settings.sensitivity, baselineDays, minHistoryDays };

  const sorted = [...input.usage].sort((a, b) => a.startTime - b.startTime);
  const first = sorted[0];
  if (!first) return [];
  const bucketSeconds = first.endTime - first.startTime;
  const fetched = sorted.map((bucket) => bucket.startTime);
  const current = Math.floor(now / bucketSeconds) * bucketSeconds;
  const recent = Array.from({ length: recentBuckets }, (_, i) => current - (recentBuckets - 1 - i) * bucketSeconds);
  const windowStart = recent[0]!;

  const projects = new Map<string | null, ProjectHours>();
  for (const bucket of sorted) {
    for (const result of bucket.results) {
      let hours = projects.get(result.projectId);
      if (!hours) {
        hours = { total: new Map(), models: new Map(), keys: new Map() };
        projects.set(result.projectId, hours);
      }
      const tokens = result.inputTokens + result.outputTokens;
      const cell = hours.total.get(bucket.startTime) ?? { tokens: 0, requests: 0 };
      cell.tokens += tokens;
      cell.requests += result.requests;
      hours.total.set(bucket.startTime, cell);
      if (result.model !== null) add(hours.models, result.model, bucket.startTime, tokens);
      if (result.apiKeyId !== undefined) add(hours.keys, result.apiKeyId, bucket.startTime, tokens);
    }
  }

  /** A series over every fetched bucket, zero where it had nothing: absence in a fetched bucket is a real zero. */
  const withZeros = (values: ReadonlyMap<number, number>) => new Map(fetched.map((start) => [start, values.get(start) ?? 0]));
  const topIn = (series: ReadonlyMap<string, ReadonlyMap<number, number>>, start: number): string | null => {
    let best: [string, number] | null = null;
    for (const [name, values] of series) {
      const value = values.get(start) ?? 0;
      if (value > 0 && (best === null || value > best[1] || (value === best[1] && name < best[0]))) best = [name, value];
    }
    return best?.[0] ?? null;
  };
  /** The first unusual recent bucket and the worst one, or null. */
  const judgeRecent = (values: ReadonlyMap<number, number>, minAbsolute: number, extra: (start: number) => boolean = () => true) => {
    let since: number | null = null;
    let worst: { start: number; value: number; verdict: Verdict } | null = null;
    for (const start of recent) {
      const verdict = judgeAgainstBaseline(values, start, { ...rule, minAbsolute });
      if (!verdict?.unusual || !extra(start)) continue;
      since ??= start;
      const value = values.get(start) ?? 0;
      if (worst === null || value > worst.value) worst = { start, value, verdict };
    }
    if (since === null || worst === null) return null;
    // Walk back through the whole run, as detect.ts does, so an ongoing jump keeps one `since`
    // from check to check and notifies once, not again whenever its start leaves the window.
    const unusualAt = (start: number) => judgeAgainstBaseline(values, start, { ...rule, minAbsolute })?.unusual === true && extra(start);
    while (unusualAt(since - bucketSeconds)) since -= bucketSeconds;
    return { ...worst, since };
  };
  const incident = (
    signal: SignalKind,
    projectId: string | null,
    found: { since: number; value: number; verdict: Verdict },
    model: string | null,
    apiKeyId: string | null,
  ): SignalIncident => ({
    signal,
    projectId,
    model,
    apiKeyId,
    value: found.value,
    usual: found.verdict.usual,
    ratio: found.verdict.usual === 0 ? null : found.value / found.verdict.usual,
    threshold: found.verdict.threshold,
    since: found.since,
    bucketSeconds,
  });

  const incidents: SignalIncident[] = [];
  for (const [projectId, hours] of projects) {
    const before = (start: number) => start < windowStart && start >= windowStart - baselineDays * DAY_SECONDS;
    // A project with no traffic before the window is new itself: everything in it is "new".
    const hadTraffic = [...hours.total].some(([start, cell]) => before(start) && cell.tokens + cell.requests > 0);
    if (!hadTraffic) continue;

    if (settings.newModel) {
      for (const [model, values] of hours.models) {
        if ([...values].some(([start, tokens]) => before(start) && tokens > 0)) continue;
        const found = judgeRecent(withZeros(values), minTokens);
        if (found) incidents.push(incident('new-model', projectId, found, model, topIn(keysOnModel(input.usage, projectId, model), found.since)));
      }
    }

    if (settings.tokensPerRequest) {
      const minRequests = settings.minRequestsPerHour ?? DEFAULT_MIN_REQUESTS_PER_HOUR;
      const perRequest = new Map<number, number>();
      for (const [start, cell] of hours.total) if (cell.requests > 0) perRequest.set(start, cell.tokens / cell.requests);
      const found = judgeRecent(perRequest, 0, (start) => {
        const cell = hours.total.get(start);
        return cell !== undefined && cell.requests >= minRequests && cell.tokens >= minTokens;
      });
      if (found) incidents.push(incident('tokens-per-request', projectId, found, topIn(hours.models, found.start), topIn(hours.keys, found.start)));
    }

    const keyList = projectId === null ? undefined : input.keyLists?.[projectId];
    if (settings.newBusyKey && keyList) {
      const created = new Map(keyList.keys.map((key) => [key.id, key.createdAt]));
      const dayAgo = now - DAY_SECONDS;
      const lastDay = (values: ReadonlyMap<number, number>) =>
        [...values].reduce((sum, [start, tokens]) => (start + bucketSeconds > dayAgo ? sum + tokens : sum), 0);
      const busiest = [...hours.keys]
        .map(([id, values]) => ({ id, tokens: lastDay(values) }))
        .filter((key) => key.tokens > 0)
        .sort((a, b) => b.tokens - a.tokens || (a.id < b.id ? -1 : 1))
        .slice(0, settings.busiestKeys ?? DEFAULT_BUSIEST_KEYS);
      for (const { id } of busiest) {
        const createdAt = created.get(id);
        const isNew = createdAt === undefined ? keyList.fetchedAt >= dayAgo : createdAt >= dayAgo;
        const values = hours.keys.get(id)!;
        // Traffic from before the last day means the key is not new, whatever the list says.
        if (!isNew || [...values].some(([start, tokens]) => start + bucketSeconds <= dayAgo && tokens > 0)) continue;
        const found = judgeRecent(withZeros(values), minTokens);
        if (found) incidents.push(incident('new-busy-key', projectId, found, topModelOfKey(input.usage, projectId, id, found.start), id));
      }
    }
  }
  return incidents;
}

function add(series: Map<string, Map<number, number>>, name: string, start: number, tokens: number): void {
  const values = series.get(name) ?? new Map<number, number>();
  values.set(start, (values.get(start) ?? 0) + tokens);
  series.set(name, values);
}

function keysOnModel(usage: readonly CompletionsUsageBucket[], projectId: string | null, model: string): Map<string, Map<number, number>> {
  const keys = new Map<string, Map<number, number>>();
  for (const bucket of usage) {
    for (const result of bucket.results) {
      if (result.projectId === projectId && result.model === model && result.apiKeyId !== undefined) {
        add(keys, result.apiKeyId, bucket.startTime, result.inputTokens + result.outputTokens);
      }
    }
  }
  return keys;
}

function topModelOfKey(usage: readonly CompletionsUsageBucket[], projectId: string | null, apiKeyId: string, start: number): string | null {
  const models = new Map<string, number>();
  for (const bucket of usage) {
    if (bucket.startTime !== start) continue;
    for (const result of bucket.results) {
      if (result.projectId === projectId && result.apiKeyId === apiKeyId && result.model !== null) {
        models.set(result.model, (models.get(result.model) ?? 0) + result.inputTokens + result.outputTokens);
      }
    }
  }
  let best: [string, number] | null = null;
  for (const entry of models) if (best === null || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}
