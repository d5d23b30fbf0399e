import { AdminApiError } from './errors';
import {
  parseBucketPage,
  parseCompletionsUsageResult,
  parseCostResult,
  parseListPage,
  parseProject,
  parseProjectApiKey,
  type BucketPage,
  type CompletionsUsageBucket,
  type CostBucket,
  type ListPage,
  type Project,
  type ProjectApiKey,
  type TimeBucket,
} from './responses';
import { ShapeError } from './shape';
import {
  buildUrl,
  DEFAULT_BACKOFF_BASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_RETRY_AFTER_SECONDS,
  DEFAULT_TIMEOUT_MS,
  getJson,
  type FetchLike,
  type QueryValue,
  type TransportOptions,
} from './transport';

export interface AdminClientOptions {
  apiKey: string;
  fetch: FetchLike;
  /** Epoch milliseconds (default Date.now). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  timeoutMs?: number;
  maxAttempts?: number;
}

export type CostsGroupBy = 'project_id' | 'line_item' | 'api_key_id';
export type CompletionsGroupBy = 'project_id' | 'user_id' | 'api_key_id' | 'model' | 'batch' | 'service_tier';
export type UsageBucketWidth = '1m' | '1h' | '1d';

export interface CostsQuery {
  /** Unix seconds, inclusive. */
  startTime: number;
  /** Unix seconds, exclusive. */
  endTime?: number;
  groupBy?: readonly CostsGroupBy[];
  projectIds?: readonly string[];
  /** Buckets per page, 1–180 (default 180: a month in one request). Out of range rejects with RangeError. */
  limit?: number;
}

export interface CompletionsUsageQuery {
  startTime: number;
  endTime?: number;
  bucketWidth: UsageBucketWidth;
  groupBy?: readonly CompletionsGroupBy[];
  projectIds?: readonly string[];
  models?: readonly string[];
  /** Buckets per page; defaults to the width's maximum (1d: 31, 1h: 168, 1m: 1440). */
  limit?: number;
}

/** What the key may read; each false means that endpoint answered 403. */
export interface KeyAccess {
  canListProjects: boolean;
  canReadCosts: boolean;
  canReadUsage: boolean;
}

export interface AdminClient {
  costs(query: CostsQuery): Promise<CostBucket[]>;
  completionsUsage(query: CompletionsUsageQuery): Promise<CompletionsUsageBucket[]>;
  projects(options?: { includeArchived?: boolean }): Promise<Project[]>;
  projectApiKeys(projectId: string): Promise<ProjectApiKey[]>;
  /** One small request per endpoint the usage glance needs; throws on 401 and on failures other than 403. */
  verifyKey(): Promise<KeyAccess>;
}

const COSTS_MAX_LIMIT = 180;
const USAGE_MAX_LIMIT: Record<UsageBucketWidth, number> = { '1d': 31, '1h': 168, '1m': 1440 };
const LIST_PAGE_SIZE = 100;
/** Far above any real need (a year of daily buckets is 3 pages); stops a server that never says "done". */
const MAX_PAGES = 50;
/** Lists come 100 items a page: 1,000 pages let an organization have 100,000 projects (50 pages stopped at 5,000). */
const MAX_LIST_PAGES = 1_000;
const DAY_SECONDS = 86_400;

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const transport: TransportOptions = {
    apiKey: checkedKey(options.apiKey),
    fetch: options.fetch,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    maxRetryAfterSeconds: DEFAULT_MAX_RETRY_AFTER_SECONDS,
    backoffBaseMs: DEFAULT_BACKOFF_BASE_MS,
  };

  const get = async <T>(path: string, query: Record<string, QueryValue>, parse: (json: unknown) => T): Promise<T> => {
    const json = await getJson(transport, buildUrl(path, query));
    try {
      return parse(json);
    } catch (error) {
      if (error instanceof ShapeError) {
        throw new AdminApiError('malformed', { detail: `${path}: ${error.message}`, cause: error });
      }
      throw error;
    }
  };

  const costsQuery = (query: CostsQuery, limit: number): Record<string, QueryValue> => ({
    start_time: query.startTime,
    end_time: query.endTime,
    bucket_width: '1d',
    group_by: query.groupBy,
    project_ids: query.projectIds,
    limit,
  });

  const usageQuery = (query: CompletionsUsageQuery, limit: number): Record<string, QueryValue> => ({
    start_time: query.startTime,
    end_time: query.endTime,
    bucket_width: query.bucketWidth,
    group_by: query.groupBy,
    project_ids: query.projectIds,
    models: query.models,
    limit,
  });

  const costPage = (query: Record<string, QueryValue>) =>
    get('/organization/costs', query, (json) => parseBucketPage(json, parseCostResult));
  const usagePage = (query: Record<string, QueryValue>) =>
    get('/organization/usage/completions', query, (json) => parseBucketPage(json, parseCompletionsUsageResult));
  const projectPage = (query: Record<string, QueryValue>) =>
    get('/organization/projects', query, (json) => parseListPage(json, parseProject));

  /** 403 becomes `false`; anything else (401, offline, …) is for the caller to show. */
  const canRead = async (request: Promise<unknown>): Promise<boolean> => {
    try {
      await request;
      return true;
    } catch (error) {
      if (error instanceof AdminApiError && error.kind === 'forbidden') return false;
      throw error;
    }
  };

  return {
    costs: async (query) => {
      const limit = checkedLimit(query.limit, COSTS_MAX_LIMIT);
      return allBuckets((page) => costPage({ ...costsQuery(query, limit), page }));
    },

    completionsUsage: async (query) => {
      const limit = checkedLimit(query.limit, USAGE_MAX_LIMIT[query.bucketWidth]);
      return allBuckets((page) => usagePage({ ...usageQuery(query, limit), page }));
    },

    projects: ({ includeArchived = false } = {}) =>
      allItems((after) => projectPage({ limit: LIST_PAGE_SIZE, include_archived: includeArchived, after })),

    projectApiKeys: (projectId) => {
      const path = `/organization/projects/${encodeURIComponent(projectId)}/api_keys`;
      return allItems((after) =>
        get(path, { limit: LIST_PAGE_SIZE, after }, (json) => parseListPage(json, parseProjectApiKey)),
      );
    },

    verifyKey: async () => {
      const today = Math.floor(transport.now() / 1000 / DAY_SECONDS) * DAY_SECONDS;
      const [canListProjects, canReadCosts, canReadUsage] = await Promise.all([
        canRead(projectPage({ limit: 1 })),
        canRead(costPage(costsQuery({ startTime: today }, 1))),
        canRead(usagePage(usageQuery({ startTime: today, bucketWidth: '1d' }, 1))),
      ]);
      return { canListProjects, canReadCosts, canReadUsage };
    },
  };
}

/**
 * Trims what a paste adds; rejects what fetch would refuse as a header value (it would
 * throw a TypeError that looks like being offline) before anything is sent.
 */
function checkedKey(apiKey: string): string {
  const key = apiKey.trim();
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new AdminApiError('invalid-key', { detail: 'the key is empty or contains spaces or non-ASCII characters' });
  }
  return key;
}

function checkedLimit(limit: number | undefined, max: number): number {
  if (limit === undefined) return max;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new RangeError(`limit must be an integer from 1 to ${max}, got ${limit}`);
  }
  return limit;
}

async function allBuckets<Result>(
  fetchPage: (cursor: string | undefined) => Promise<BucketPage<Result>>,
): Promise<TimeBucket<Result>[]> {
  const buckets: TimeBucket<Result>[] = [];
  await followCursor(async (cursor) => {
    const page = await fetchPage(cursor);
    buckets.push(...page.buckets);
    return { hasMore: page.hasMore, next: page.nextPage };
  });
  return buckets;
}

async function allItems<Item extends { id: string }>(
  fetchPage: (after: string | undefined) => Promise<ListPage<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  await followCursor(async (cursor) => {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    // `last_id` is documented; the last item's id is the same cursor when it is missing.
    return { hasMore: page.hasMore, next: page.lastId ?? page.items.at(-1)?.id ?? null };
  }, MAX_LIST_PAGES);
  return items;
}

/**
 * Pages until the server says it is done. A page that claims more but gives no new cursor
 * would loop forever or silently drop data, so both are reported as `malformed`.
 */
async function followCursor(
  fetchPage: (cursor: string | undefined) => Promise<{ hasMore: boolean; next: string | null }>,
  maxPages = MAX_PAGES,
): Promise<void> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pageCount = 1; ; pageCount++) {
    const { hasMore, next } = await fetchPage(cursor);
    if (!hasMore) return;
    if (next === null) throw new AdminApiError('malformed', { detail: 'has_more is true but no cursor was given' });
    if (seen.has(next)) throw new AdminApiError('malformed', { detail: `pagination cursor ${next} repeated` });
    if (pageCount >= maxPages) throw new AdminApiError('malformed', { detail: `more than ${maxPages} pages` });
    seen.add(next);
    cursor = next;
  }
}
