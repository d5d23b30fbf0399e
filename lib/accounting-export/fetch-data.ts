import type { AdminClient, CompletionsGroupBy, SentListing } from '../admin-api/client';
import { AdminApiError } from '../admin-api/errors';
import type { CompletionsUsageBucket, CostBucket, Project, TimeBucket } from '../admin-api/responses';
import type { UsageCapability, UsageRow } from '../admin-api/usage-capabilities';
import { describeError } from '../core/describe-error';
import { DAY_SECONDS, utcDayKey } from '../core/utc-days';
import type { MonthKey } from '../archive/month-range';
import { runWithRetries } from '../archive/run-with-retries';
import { usageDataset, type Capability, type UsageDataset } from './capabilities';
import type { UsageRequest, AccountingExportPlan } from './request-plan';

export type FailedDataset = 'costs' | UsageDataset | 'projects';

/** A part of the export that could not be fetched; `month` is null for the project list. */
export interface ExportFailure {
  dataset: FailedDataset;
  month: MonthKey | null;
  error: string;
}

/** A capability the key may not read (the API answered 403): listed in the manifest, not a failure. */
export interface UnreadableCapability {
  capability: Capability;
  status: number;
  message: string | null;
}

export interface AccountingData {
  costBuckets: CostBucket[];
  usageBuckets: CompletionsUsageBucket[];
  /** The other capabilities' buckets, by capability. */
  capabilityBuckets: Partial<Record<UsageCapability, TimeBucket<UsageRow>[]>>;
  projects: Project[];
  failures: ExportFailure[];
  unreadable: UnreadableCapability[];
  /** What the client reported sending for each planned call, by sentKey; the manifest records it. */
  sent?: Record<string, SentListing>;
}

/** Names a planned call in AccountingData.sent: its dataset and first month. */
export function sentKey(dataset: 'costs' | UsageDataset, months: readonly MonthKey[]): string {
  return `${dataset} ${months[0] ?? ''}`;
}

/** What the export is fetching: settled calls per dataset, and what is in flight ("embeddings usage, 2025-03"). */
export interface DatasetProgress {
  counts: Partial<Record<FailedDataset, { done: number; total: number }>>;
  active: { dataset: FailedDataset; window: string }[];
}

export interface FetchAccountingOptions {
  /** Requests in flight at once (default 3): fast, yet gentle on an unpublished rate limit. */
  concurrency?: number;
  /** After each planned call starts or settles, for "7 of 12 months" and "now: images usage, 2025-03". */
  onProgress?: (done: number, total: number, progress: DatasetProgress) => void;
  /** false when the project list is already known (a retry of months only). Default true. */
  listProjects?: boolean;
}

const emptyData = (): AccountingData => ({ costBuckets: [], usageBuckets: [], capabilityBuckets: {}, projects: [], failures: [], unreadable: [], sent: {} });

function fetchUsage(
  client: Pick<AdminClient, 'completionsUsage' | 'usage'>,
  { capability, query }: Pick<UsageRequest, 'capability' | 'query'>,
  onSend: (sent: SentListing) => void,
): Promise<TimeBucket<unknown>[]> {
  if (capability === 'completions') {
    // The plan groups completions by USAGE_GROUP_BY, a list of CompletionsGroupBy.
    return client.completionsUsage({ ...query, groupBy: query.groupBy as readonly CompletionsGroupBy[] | undefined }, { onSend });
  }
  return client.usage(capability, query, { onSend });
}

/**
 * Runs the plan through the Admin API client (which already retries 429 and 5xx). A call
 * that still fails becomes failures for the months it covers; the rest of the period is
 * fetched anyway, so the export can say exactly what is missing instead of giving up. A
 * capability answered with 403 is one the key may not read: it is recorded once, and its
 * calls not yet started are not sent. Archived projects are listed too: last year's costs
 * may belong to them.
 */
export async function fetchAccountingData(
  client: Pick<AdminClient, 'costs' | 'completionsUsage' | 'usage' | 'projects'>,
  plan: AccountingExportPlan,
  options: FetchAccountingOptions = {},
): Promise<AccountingData> {
  const data = emptyData();
  const record = (key: string) => (sent: SentListing) => void ((data.sent ??= {})[key] = sent);
  const fail = (dataset: FailedDataset, months: readonly (MonthKey | null)[], error: unknown): void => {
    for (const month of months) data.failures.push({ dataset, month, error: describeError(error) });
  };
  const unreadable = (capability: Capability) => data.unreadable.some((entry) => entry.capability === capability);
  const windowOf = (months: readonly MonthKey[], query?: { startTime: number; endTime?: number }) => {
    const spans = plan.months.filter((span) => months.includes(span.month));
    if (spans.length === 0) return '';
    // A 31-day window of a range names its own days, not its months'.
    const first = query ? utcDayKey(Math.max(query.startTime, spans[0]?.start ?? 0)) : spans[0]?.firstDay;
    const last = query?.endTime !== undefined ? utcDayKey(Math.min(query.endTime, spans.at(-1)?.end ?? 0) - DAY_SECONDS) : spans.at(-1)?.lastDay;
    return `${first} to ${last}`;
  };

  const tasks: { dataset: FailedDataset; window: string; run: () => Promise<void> }[] = [
    ...(options.listProjects === false
      ? []
      : [
          {
            dataset: 'projects' as const,
            window: '',
            run: () =>
              client.projects({ includeArchived: true }).then(
                (projects) => void data.projects.push(...projects),
                (error: unknown) => fail('projects', [null], error),
              ),
          },
        ]),
    ...plan.costs.map(({ query, months }) => ({
      dataset: 'costs' as const,
      window: windowOf(months, query),
      run: () =>
        client.costs(query, { onSend: record(sentKey('costs', months)) }).then(
          (buckets) => void data.costBuckets.push(...buckets),
          (error: unknown) => fail('costs', months, error),
        ),
    })),
    ...plan.usage.map((request) => {
      const dataset = usageDataset(request.capability);
      return {
        dataset,
        window: windowOf(request.months, request.query),
        run: async () => {
          if (unreadable(request.capability)) return;
          try {
            const buckets = await fetchUsage(client, request, record(sentKey(dataset, request.months)));
            if (request.capability === 'completions') data.usageBuckets.push(...(buckets as CompletionsUsageBucket[]));
            else (data.capabilityBuckets[request.capability] ??= []).push(...(buckets as TimeBucket<UsageRow>[]));
          } catch (error) {
            if (error instanceof AdminApiError && error.kind === 'forbidden') {
              if (!unreadable(request.capability)) {
                data.unreadable.push({ capability: request.capability, status: error.status ?? 403, message: error.apiMessage });
              }
            } else {
              fail(dataset, request.months, error);
            }
          }
        },
      };
    }),
  ];
  const progress: DatasetProgress = { counts: {}, active: [] };
  for (const { dataset } of tasks) {
    const count = (progress.counts[dataset] ??= { done: 0, total: 0 });
    count.total += 1;
  }

  let done = 0;
  const report = () => options.onProgress?.(done, tasks.length, structuredClone(progress));
  // The client already retried what is worth retrying (429, 5xx); the pool only bounds concurrency.
  const outcome = await runWithRetries(
    tasks,
    async (task) => {
      const active = { dataset: task.dataset, window: task.window };
      progress.active.push(active);
      report();
      try {
        await task.run();
      } finally {
        progress.active = progress.active.filter((entry) => entry !== active);
      }
      done += 1;
      const count = progress.counts[task.dataset];
      if (count) count.done += 1;
      report();
    },
    { concurrency: options.concurrency ?? 3, retries: 0 },
  );
  // Tasks record API failures themselves: anything else thrown is a bug to surface, not a month to skip.
  for (const result of outcome.results) if (result && !result.ok) throw result.error;
  // A capability the key may not read has no failed months: its 403 says it all.
  data.failures = data.failures.filter((failure) => !data.unreadable.some((entry) => usageDataset(entry.capability) === failure.dataset));
  sortAccountingData(data);
  return data;
}

/** Calls settle in any order; sorted, two runs over the same data give the same archive. */
function sortAccountingData(data: AccountingData): void {
  const byStart = (a: { startTime: number }, b: { startTime: number }) => a.startTime - b.startTime;
  data.costBuckets.sort(byStart);
  data.usageBuckets.sort(byStart);
  for (const buckets of Object.values(data.capabilityBuckets)) buckets.sort(byStart);
  data.unreadable.sort((a, b) => a.capability.localeCompare(b.capability));
  data.failures.sort(
    (a, b) => (a.month ?? '').localeCompare(b.month ?? '') || a.dataset.localeCompare(b.dataset),
  );
}

/** What a "Retry failed months" run fetches: only the calls that failed. */
export interface RetryPlan {
  plan: AccountingExportPlan;
  listProjects: boolean;
}

/**
 * The plan narrowed to the calls behind `failures`. A cost call covers several months and
 * they fail together, so it is repeated whole (so is a usage window of a range); the months' spans stay those of the full
 * plan, since the archive is built from the full plan and the merged data.
 */
export function planRetry(plan: AccountingExportPlan, failures: readonly ExportFailure[]): RetryPlan {
  const failed = new Set(failures.map((failure) => `${failure.dataset} ${failure.month ?? ''}`));
  return {
    plan: {
      ...plan,
      costs: plan.costs.filter(({ months }) => months.some((month) => failed.has(`costs ${month}`))),
      // A 31-day window shares a month with its neighbour: it failed when every month it touches did.
      usage: plan.usage.filter(({ capability, months }) => months.every((month) => failed.has(`${usageDataset(capability)} ${month}`))),
    },
    listProjects: failures.some((failure) => failure.dataset === 'projects'),
  };
}

/**
 * The first run's data with a retry's: buckets of the retried requests' days are replaced
 * (a partial earlier answer can never be counted twice), the project list is taken from
 * whichever run got it, and the failures are the retry's own.
 */
export function mergeRetry(previous: AccountingData, retried: AccountingData, retry: RetryPlan): AccountingData {
  // What a retried request covers is replaced: its own days, which may be part of a month.
  const outside = (ranges: readonly { startTime: number; endTime?: number }[]) => (bucket: { startTime: number }) =>
    !ranges.some((range) => bucket.startTime >= range.startTime && bucket.startTime < (range.endTime ?? Infinity));
  const retriedRanges = (capability: Capability) =>
    retry.plan.usage.filter((request) => request.capability === capability).map(({ query }) => query);
  const capabilityBuckets: AccountingData['capabilityBuckets'] = {};
  const capabilities = new Set([...Object.keys(previous.capabilityBuckets), ...Object.keys(retried.capabilityBuckets)] as UsageCapability[]);
  for (const capability of capabilities) {
    capabilityBuckets[capability] = [
      ...(previous.capabilityBuckets[capability] ?? []).filter(outside(retriedRanges(capability))),
      ...(retried.capabilityBuckets[capability] ?? []),
    ];
  }
  const merged: AccountingData = {
    costBuckets: [...previous.costBuckets.filter(outside(retry.plan.costs.map(({ query }) => query))), ...retried.costBuckets],
    usageBuckets: [...previous.usageBuckets.filter(outside(retriedRanges('completions'))), ...retried.usageBuckets],
    capabilityBuckets,
    projects: retry.listProjects ? retried.projects : previous.projects,
    failures: [...retried.failures],
    unreadable: [...previous.unreadable, ...retried.unreadable.filter((entry) => !previous.unreadable.some((seen) => seen.capability === entry.capability))],
    sent: { ...previous.sent, ...retried.sent },
  };
  sortAccountingData(merged);
  return merged;
}
