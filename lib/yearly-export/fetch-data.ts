import type { AdminClient } from '../admin-api/client';
import type { CompletionsUsageBucket, CostBucket, Project } from '../admin-api/responses';
import { describeError } from '../zip-export/manifest';
import type { MonthKey } from '../zip-export/month-range';
import type { YearlyExportPlan } from './request-plan';

export type FailedDataset = 'costs' | 'completions_usage' | 'projects';

/** A part of the export that could not be fetched; `month` is null for the project list. */
export interface ExportFailure {
  dataset: FailedDataset;
  month: MonthKey | null;
  error: string;
}

export interface YearlyData {
  costBuckets: CostBucket[];
  usageBuckets: CompletionsUsageBucket[];
  projects: Project[];
  failures: ExportFailure[];
}

export interface FetchYearlyOptions {
  /** Requests in flight at once (default 3): fast, yet gentle on an unpublished rate limit. */
  concurrency?: number;
  /** After each planned call settles, for a "7 of 16" progress line. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the plan through the Admin API client (which already retries 429 and 5xx). A call
 * that still fails becomes failures for the months it covers; the rest of the year is
 * fetched anyway, so the export can say exactly what is missing instead of giving up.
 * Archived projects are listed too: last year's costs may belong to them.
 */
export async function fetchYearlyData(
  client: Pick<AdminClient, 'costs' | 'completionsUsage' | 'projects'>,
  plan: YearlyExportPlan,
  options: FetchYearlyOptions = {},
): Promise<YearlyData> {
  const data: YearlyData = { costBuckets: [], usageBuckets: [], projects: [], failures: [] };
  const fail = (dataset: FailedDataset, months: readonly (MonthKey | null)[], error: unknown): void => {
    for (const month of months) data.failures.push({ dataset, month, error: describeError(error) });
  };

  const tasks: (() => Promise<void>)[] = [
    () =>
      client.projects({ includeArchived: true }).then(
        (projects) => void data.projects.push(...projects),
        (error: unknown) => fail('projects', [null], error),
      ),
    ...plan.costs.map(({ query, months }) => () =>
      client.costs(query).then(
        (buckets) => void data.costBuckets.push(...buckets),
        (error: unknown) => fail('costs', months, error),
      ),
    ),
    ...plan.usage.map(({ query, month }) => () =>
      client.completionsUsage(query).then(
        (buckets) => void data.usageBuckets.push(...buckets),
        (error: unknown) => fail('completions_usage', [month], error),
      ),
    ),
  ];

  const concurrency = options.concurrency ?? 3;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      await task?.();
      done += 1;
      options.onProgress?.(done, tasks.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));

  // Calls settle in any order; sorted, two runs over the same data give the same archive.
  data.costBuckets.sort((a, b) => a.startTime - b.startTime);
  data.usageBuckets.sort((a, b) => a.startTime - b.startTime);
  data.failures.sort(
    (a, b) => (a.month ?? '').localeCompare(b.month ?? '') || a.dataset.localeCompare(b.dataset),
  );
  return data;
}
