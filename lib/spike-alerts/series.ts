import type { CompletionsUsageBucket, CostBucket, Project, TimeBucket } from '../admin-api/responses';
import { toMicros } from '../core/money';

/** Spend is in micro-units of the currency (the costs API's only width is 1d); the others are counts. */
export type Metric = 'spend' | 'requests' | 'tokens';

export interface Point {
  /** Unix seconds, bucket start. */
  start: number;
  value: number;
}

/** One project's values of one metric, oldest first; a bucket that was not fetched has no point. */
export interface Series {
  /** null for usage the API attributes to no project. */
  projectId: string | null;
  metric: Metric;
  bucketSeconds: number;
  points: Point[];
}

export interface SeriesOptions {
  /**
   * Known projects. A project's fetched buckets count as zero from its creation on; without
   * it, only from the first bucket it appears in. So a long-idle project that suddenly
   * spends is compared with its real (empty) past instead of being treated as brand new.
   */
  projects?: readonly Pick<Project, 'id' | 'createdAt'>[];
}

/**
 * One pass over the results (summed per bucket and project), then one point per bucket for
 * each series: the work grows with results + series × buckets, never with their product.
 */
function buildSeries<Result extends { projectId: string | null }>(
  buckets: readonly TimeBucket<Result>[],
  metrics: readonly Metric[],
  valueOf: (result: Result, metric: Metric) => number,
  options: SeriesOptions,
): Series[] {
  const sorted = [...buckets].sort((a, b) => a.startTime - b.startTime);
  const firstSeen = new Map<string | null, number>();
  for (const project of options.projects ?? []) firstSeen.set(project.id, project.createdAt);
  const sums = sorted.map((bucket) => {
    const byProject = new Map<string | null, number[]>();
    for (const result of bucket.results) {
      const { projectId } = result;
      if (!firstSeen.has(projectId) || (firstSeen.get(projectId) ?? 0) > bucket.endTime) firstSeen.set(projectId, bucket.startTime);
      let values = byProject.get(projectId);
      if (!values) {
        values = metrics.map(() => 0);
        byProject.set(projectId, values);
      }
      metrics.forEach((metric, i) => (values[i] = (values[i] ?? 0) + valueOf(result, metric)));
    }
    return byProject;
  });

  const first = sorted[0];
  if (!first) return [];
  const bucketSeconds = first.endTime - first.startTime;
  const series: Series[] = [];
  for (const [projectId, since] of firstSeen) {
    metrics.forEach((metric, i) => {
      const points: Point[] = [];
      sorted.forEach((bucket, b) => {
        // A bucket counts from the one in which the project was created.
        if (bucket.endTime <= since) return;
        points.push({ start: bucket.startTime, value: sums[b]?.get(projectId)?.[i] ?? 0 });
      });
      if (points.length > 0) series.push({ projectId, metric, bucketSeconds, points });
    });
  }
  return series;
}

/** Requests and tokens (input + output) per project, from usage buckets of any width (1h for spike checks). */
export function seriesFromUsage(buckets: readonly CompletionsUsageBucket[], options: SeriesOptions = {}): Series[] {
  return buildSeries(
    buckets,
    ['requests', 'tokens'],
    (result, metric) => (metric === 'requests' ? result.requests : result.inputTokens + result.outputTokens),
    options,
  );
}

/** Daily spend per project in micro-units; an organization is billed in one currency, so amounts are added as they come. */
export function seriesFromCosts(buckets: readonly CostBucket[], options: SeriesOptions = {}): Series[] {
  return buildSeries(buckets, ['spend'], (result) => toMicros(result.amountValue), options);
}
