import { listAdminApiKeys, type AdminApiKeyEntry } from './admin-keys';
import { createAdminGet, type AdminClientOptions } from './admin-request';
import { AdminApiError } from './errors';
import {
  parseBucketPage,
  parseCompletionsUsageResult,
  parseCostResult,
  parseListPage,
  parseProject,
  type BucketPage,
  type CompletionsUsageBucket,
  type CostBucket,
  type Project,
  type TimeBucket,
} from './responses';
import { followAllPages, listCursor } from './list-pages';
import { buildUrl, type QueryValue } from './transport';
import { clockNow } from '../core/clock';
import { USAGE_CAPABILITIES, usageRowParser, type UsageCapability, type UsageRow } from './usage-capabilities';

export type { AdminClientOptions } from './admin-request';

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
  /** Buckets per page, 1–180 (default 180: half a year of days in one request). Out of range rejects with RangeError. */
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

/** A query to one of the other usage endpoints (lib/admin-api/usage-capabilities.ts lists their groupings). */
export interface CapabilityUsageQuery {
  startTime: number;
  endTime?: number;
  bucketWidth: UsageBucketWidth;
  groupBy?: readonly string[];
  projectIds?: readonly string[];
  limit?: number;
}

/** Query parameters exactly as they go on the wire (arrays as repeated keys), unset ones left out. */
export type WireParams = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** A listing's request as sent, the page cursor aside: what a manifest can record as "the exact request". */
export interface WireRequest {
  /** Path on api.openai.com, e.g. '/v1/organization/costs'. */
  endpoint: string;
  params: WireParams;
}

/** A request the API answered with a 400 that the client then sent without what it refused. */
export interface Refusal {
  /** What was asked first. */
  asked: WireRequest;
  status: number;
  /** The API's error message, when it gave one. */
  message: string | null;
}

/**
 * What a listing sent: reported to `onSend` before its first page goes out, and again when
 * the client sends it changed because the API refused a parameter (then `refused` says what
 * was asked and how the API answered).
 */
export interface SentListing {
  request: WireRequest;
  refused: Refusal | null;
}

export interface ListingOptions {
  /** Told what the listing sends, so a caller can record it without restating the wire format. */
  onSend?: (sent: SentListing) => void;
}

/** What the key may read; each false means that endpoint answered 403. */
export interface KeyAccess {
  canListProjects: boolean;
  canReadCosts: boolean;
  canReadUsage: boolean;
}

export interface AdminClient {
  /**
   * Daily cost buckets. `group_by=api_key_id` is in the spec but reported refused by the live
   * API with a 400 (docs/facts.md §1): the client then sends the listing without it, reports
   * that to `onSend`, and for the rest of its life (one export run, one refresh) asks costs
   * without it. Usage, not costs, is where API keys are known then.
   */
  costs(query: CostsQuery, options?: ListingOptions): Promise<CostBucket[]>;
  completionsUsage(query: CompletionsUsageQuery, options?: ListingOptions): Promise<CompletionsUsageBucket[]>;
  /** Daily (or hourly…) buckets of another usage endpoint: embeddings, images, web search calls… */
  usage(capability: UsageCapability, query: CapabilityUsageQuery, options?: ListingOptions): Promise<TimeBucket<UsageRow>[]>;
  projects(options?: { includeArchived?: boolean }): Promise<Project[]>;
  /** The organization's admin keys (redacted, with their expiry): lib/admin-api/admin-keys.ts lists them. */
  adminApiKeys(): Promise<AdminApiKeyEntry[]>;
  /** One small request per endpoint the usage glance needs; throws on 401 and on failures other than 403. */
  verifyKey(): Promise<KeyAccess>;
}

/** The API's largest pages (docs/facts.md §1): daily cost buckets, usage buckets per width, list items. */
export const COSTS_MAX_BUCKETS_PER_PAGE = 180;
export const USAGE_MAX_BUCKETS_PER_PAGE: Readonly<Record<UsageBucketWidth, number>> = { '1d': 31, '1h': 168, '1m': 1440 };
export const LIST_PAGE_SIZE = 100;
/**
 * Far above what the extension asks for (a year of daily costs is 3 pages, of daily usage
 * 12, the spike check's 339 hourly buckets 3); stops a server that never says "done".
 */
const MAX_PAGES = 50;
/** Lists come 100 items a page: 1,000 pages let an organization have 100,000 projects (50 pages stopped at 5,000). */
const MAX_LIST_PAGES = 1_000;
const DAY_SECONDS = 86_400;
const BUCKET_SECONDS: Readonly<Record<UsageBucketWidth, number>> = { '1d': DAY_SECONDS, '1h': 3600, '1m': 60 };

const COSTS_PATH = '/organization/costs';
const COMPLETIONS_USAGE_PATH = '/organization/usage/completions';
const PROJECTS_PATH = '/organization/projects';

/** The path as it appears on api.openai.com ('/v1/organization/costs'). */
const endpointOf = (path: string): string => new URL(buildUrl(path, {})).pathname;

function wireParams(query: Readonly<Record<string, QueryValue>>): WireParams {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as WireParams;
}

function costsParams(query: CostsQuery, limit = checkedLimit(query.limit, COSTS_MAX_BUCKETS_PER_PAGE)): Record<string, QueryValue> {
  return {
    start_time: query.startTime,
    end_time: query.endTime,
    bucket_width: '1d',
    group_by: query.groupBy,
    project_ids: query.projectIds,
    limit,
  };
}

function usageParams(
  query: CompletionsUsageQuery | CapabilityUsageQuery,
  limit = checkedLimit(query.limit, USAGE_MAX_BUCKETS_PER_PAGE[query.bucketWidth]),
): Record<string, QueryValue> {
  return {
    start_time: query.startTime,
    end_time: query.endTime,
    bucket_width: query.bucketWidth,
    group_by: query.groupBy,
    project_ids: query.projectIds,
    models: 'models' in query ? query.models : undefined,
    limit,
  };
}

/** The request `costs(query)` sends. Throws RangeError for an out-of-range limit, as costs does. */
export function costsRequest(query: CostsQuery): WireRequest {
  return { endpoint: endpointOf(COSTS_PATH), params: wireParams(costsParams(query)) };
}

/** The request `completionsUsage(query)` sends. Throws RangeError for an out-of-range limit. */
export function completionsUsageRequest(query: CompletionsUsageQuery): WireRequest {
  return { endpoint: endpointOf(COMPLETIONS_USAGE_PATH), params: wireParams(usageParams(query)) };
}

/** The request `usage(capability, query)` sends. Throws RangeError for an out-of-range limit. */
export function capabilityUsageRequest(capability: UsageCapability, query: CapabilityUsageQuery): WireRequest {
  return { endpoint: endpointOf(USAGE_CAPABILITIES[capability].path), params: wireParams(usageParams(query)) };
}

const pagesFor = (items: number, perPage: number): number => Math.max(1, Math.ceil(items / perPage));

/** Requests `costs(query)` takes when every page is as full as asked (retries aside). */
export function costsRequestCount(query: CostsQuery): number {
  const days = ((query.endTime ?? query.startTime) - query.startTime) / DAY_SECONDS;
  return pagesFor(days, checkedLimit(query.limit, COSTS_MAX_BUCKETS_PER_PAGE));
}

/** Requests `completionsUsage(query)` takes when every page is as full as asked (retries aside). */
export function completionsUsageRequestCount(query: CompletionsUsageQuery | CapabilityUsageQuery): number {
  const buckets = ((query.endTime ?? query.startTime) - query.startTime) / BUCKET_SECONDS[query.bucketWidth];
  return pagesFor(buckets, checkedLimit(query.limit, USAGE_MAX_BUCKETS_PER_PAGE[query.bucketWidth]));
}

/** Requests `projects()` takes for an organization of `projectCount` projects. */
export function projectsRequestCount(projectCount: number): number {
  return pagesFor(projectCount, LIST_PAGE_SIZE);
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const get = createAdminGet(options);
  const now = options.now ?? clockNow;

  const costPage = (query: Record<string, QueryValue>) =>
    get(COSTS_PATH, query, (json) => parseBucketPage(json, parseCostResult));
  const usagePage = (query: Record<string, QueryValue>) =>
    get(COMPLETIONS_USAGE_PATH, query, (json) => parseBucketPage(json, parseCompletionsUsageResult));
  const projectPage = (query: Record<string, QueryValue>) =>
    get(PROJECTS_PATH, query, (json) => parseListPage(json, parseProject));

  /**
   * How the API answered costs grouped by api_key_id, once it refused that (see costs).
   * Kept for this client, that is this key and this run, not stored: the answer is disputed
   * (docs/facts.md §1), so the next run asks again, at the price of one 400.
   */
  let apiKeyGroupingRefused: Omit<Refusal, 'asked'> | null = null;

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
    costs: async (query, { onSend } = {}) => {
      const asked = costsParams(query);
      const request = (params: Record<string, QueryValue>): WireRequest => ({ endpoint: endpointOf(COSTS_PATH), params: wireParams(params) });
      const withoutKey = query.groupBy?.includes('api_key_id')
        ? costsParams({ ...query, groupBy: query.groupBy.filter((field) => field !== 'api_key_id') })
        : null;
      const resend = async (params: Record<string, QueryValue>, answer: Omit<Refusal, 'asked'>) => {
        onSend?.({ request: request(params), refused: { asked: request(asked), ...answer } });
        return allBuckets((page) => costPage({ ...params, page }));
      };
      if (withoutKey && apiKeyGroupingRefused) return resend(withoutKey, apiKeyGroupingRefused);
      onSend?.({ request: request(asked), refused: null });
      try {
        return await allBuckets((page) => costPage({ ...asked, page }));
      } catch (error) {
        if (!withoutKey || !(error instanceof AdminApiError) || error.status !== 400) throw error;
        const answer = { status: error.status, message: error.apiMessage };
        const buckets = await resend(withoutKey, answer);
        // Remembered only once asking without it worked: the 400 was about the grouping.
        apiKeyGroupingRefused = answer;
        return buckets;
      }
    },

    completionsUsage: async (query, { onSend } = {}) => {
      const params = usageParams(query);
      onSend?.({ request: { endpoint: endpointOf(COMPLETIONS_USAGE_PATH), params: wireParams(params) }, refused: null });
      return allBuckets((page) => usagePage({ ...params, page }));
    },

    usage: async (capability, query, { onSend } = {}) => {
      const params = usageParams(query);
      const { path } = USAGE_CAPABILITIES[capability];
      const parse = usageRowParser(capability);
      onSend?.({ request: { endpoint: endpointOf(path), params: wireParams(params) }, refused: null });
      return allBuckets((page) => get(path, { ...params, page }, (json) => parseBucketPage(json, parse)));
    },

    projects: ({ includeArchived = false } = {}) =>
      followAllPages(async (after) => listCursor(await projectPage({ limit: LIST_PAGE_SIZE, include_archived: includeArchived, after })), MAX_LIST_PAGES),

    adminApiKeys: () => listAdminApiKeys(get),

    verifyKey: async () => {
      const today = Math.floor(now() / 1000 / DAY_SECONDS) * DAY_SECONDS;
      const [canListProjects, canReadCosts, canReadUsage] = await Promise.all([
        canRead(projectPage({ limit: 1 })),
        canRead(costPage(costsParams({ startTime: today }, 1))),
        canRead(usagePage(usageParams({ startTime: today, bucketWidth: '1d' }, 1))),
      ]);
      return { canListProjects, canReadCosts, canReadUsage };
    },
  };
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
  return followAllPages(async (cursor) => {
    const page = await fetchPage(cursor);
    return { items: page.buckets, hasMore: page.hasMore, next: page.nextPage };
  }, MAX_PAGES);
}
