import type { AdminClient, SentListing } from '../admin-api/client';
import type { CompletionsUsageBucket, CostBucket, Project } from '../admin-api/responses';
import { describeError } from '../core/describe-error';
import type { MonthKey } from '../archive/month-range';
import { runWithRetries } from '../archive/run-with-retries';
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
  /** What the client reported sending for each planned call, by sentKey; the manifest records it. */
  sent?: Record<string, SentListing>;
}

/** Names a planned call in YearlyData.sent: its dataset and first month. */
export function sentKey(dataset: 'costs' | 'completions_usage', months: readonly MonthKey[]): string {
  return `${dataset} ${months[0] ?? ''}`;
}

/** Settled calls of each kind, for "costs: 2 of 3 requests, usage: 7 of 12 months". */
export type DatasetProgress = Record<FailedDataset, { done: number; total: number }>;

export interface FetchYearlyOptions {
  /** Requests in flight at once (default 3): fast, yet gentle on an unpublished rate limit. */
  concurrency?: number;
  /** After each planned call settles, for a "7 of 16" progress line. */
  onProgress?: (done: number, total: number, byDataset: DatasetProgress) => void;
  /** false when the project list is already known (a retry of months only). Default true. */
  listProjects?: boolean;
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
  const data: YearlyData = { costBuckets: [], usageBuckets: [], projects: [], failures: [], sent: {} };
  const record = (key: string) => ({ onSend: (sent: SentListing) => void ((data.sent ??= {})[key] = sent) });
  const fail = (dataset: FailedDataset, months: readonly (MonthKey | null)[], error: unknown): void => {
    for (const month of months) data.failures.push({ dataset, month, error: describeError(error) });
  };

  const tasks: { dataset: FailedDataset; run: () => Promise<void> }[] = [
    ...(options.listProjects === false
      ? []
      : [
          {
            dataset: 'projects' as const,
            run: () =>
              client.projects({ includeArchived: true }).then(
                (projects) => void data.projects.push(...projects),
                (error: unknown) => fail('projects', [null], error),
              ),
          },
        ]),
    ...plan.costs.map(({ query, months }) => ({
      dataset: 'costs' as const,
      run: () =>
        client.costs(query, record(sentKey('costs', months))).then(
          (buckets) => void data.costBuckets.push(...buckets),
          (error: unknown) => fail('costs', months, error),
        ),
    })),
    ...plan.usage.map(({ query, month }) => ({
      dataset: 'completions_usage' as const,
      run: () =>
        client.completionsUsage(query, record(sentKey('completions_usage', [month]))).then(
          (buckets) => void data.usageBuckets.push(...buckets),
          (error: unknown) => fail('completions_usage', [month], error),
        ),
    })),
  ];
  const byDataset: DatasetProgress = {
    projects: { done: 0, total: 0 },
    costs: { done: 0, total: 0 },
    completions_usage: { done: 0, total: 0 },
  };
  for (const { dataset } of tasks) byDataset[dataset].total += 1;

  let done = 0;
  // The client already retried what is worth retrying (429, 5xx); the pool only bounds concurrency.
  const outcome = await runWithRetries(
    tasks,
    async (task) => {
      await task.run();
      done += 1;
      byDataset[task.dataset].done += 1;
      options.onProgress?.(done, tasks.length, structuredClone(byDataset));
    },
    { concurrency: options.concurrency ?? 3, retries: 0 },
  );
  // Tasks record API failures themselves: anything else thrown is a bug to surface, not a month to skip.
  for (const result of outcome.results) if (result && !result.ok) throw result.error;
  sortYearlyData(data);
  return data;
}

/** Calls settle in any order; sorted, two runs over the same data give the same archive. */
function sortYearlyData(data: YearlyData): void {
  data.costBuckets.sort((a, b) => a.startTime - b.startTime);
  data.usageBuckets.sort((a, b) => a.startTime - b.startTime);
  data.failures.sort(
    (a, b) => (a.month ?? '').localeCompare(b.month ?? '') || a.dataset.localeCompare(b.dataset),
  );
}

/** What a "Retry failed months" run fetches: only the calls that failed. */
export interface RetryPlan {
  plan: YearlyExportPlan;
  listProjects: boolean;
}

/**
 * The plan narrowed to the calls behind `failures`. A cost call covers several months and
 * they fail together, so it is repeated whole; the months' spans stay those of the full
 * plan, since the archive is built from the full plan and the merged data.
 */
export function planRetry(plan: YearlyExportPlan, failures: readonly ExportFailure[]): RetryPlan {
  const failedMonths = (dataset: FailedDataset) =>
    new Set(failures.flatMap((failure) => (failure.dataset === dataset && failure.month !== null ? [failure.month] : [])));
  const costMonths = failedMonths('costs');
  const usageMonths = failedMonths('completions_usage');
  return {
    plan: {
      ...plan,
      costs: plan.costs.filter(({ months }) => months.some((month) => costMonths.has(month))),
      usage: plan.usage.filter(({ month }) => usageMonths.has(month)),
    },
    listProjects: failures.some((failure) => failure.dataset === 'projects'),
  };
}

/**
 * The first run's data with a retry's: buckets of the retried months are replaced (a
 * partial earlier answer can never be counted twice), the project list is taken from
 * whichever run got it, and the failures are the retry's own.
 */
export function mergeRetry(previous: YearlyData, retried: YearlyData, retry: RetryPlan): YearlyData {
  const spans = (months: readonly MonthKey[]) =>
    retry.plan.months.filter((span) => months.includes(span.month));
  const retriedCostSpans = spans(retry.plan.costs.flatMap(({ months }) => months));
  const retriedUsageSpans = spans(retry.plan.usage.map(({ month }) => month));
  const outside = (retriedSpans: readonly { start: number; end: number }[]) => (bucket: { startTime: number }) => !retriedSpans.some((span) => bucket.startTime >= span.start && bucket.startTime < span.end);
  const merged: YearlyData = {
    costBuckets: [...previous.costBuckets.filter(outside(retriedCostSpans)), ...retried.costBuckets],
    usageBuckets: [...previous.usageBuckets.filter(outside(retriedUsageSpans)), ...retried.usageBuckets],
    projects: retry.listProjects ? retried.projects : previous.projects,
    failures: [...retried.failures],
    sent: { ...previous.sent, ...retried.sent },
  };
  sortYearlyData(merged);
  return merged;
}
