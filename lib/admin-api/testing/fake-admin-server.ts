import { USAGE_CAPABILITY_NAMES, type UsageCapability } from '../usage-capabilities';
import type { FakeReply } from './fake-fetch';

const DAY = 86_400;

export interface FakeServerOptions {
  /** Results of a day's cost bucket (raw API JSON). */
  costResults?: (dayStart: number) => unknown[];
  usageResults?: (dayStart: number) => unknown[];
  /** Results of a day's bucket of another usage endpoint, by its name ('embeddings', 'web_search_calls'…). */
  capabilityResults?: (capability: string, dayStart: number) => unknown[];
  projects?: unknown[];
  /** Replies with this status instead, for requests it returns true for. */
  failWith?: (url: URL) => number | null;
  /** Answers costs grouped by api_key_id with a 400, as the live API is reported to (docs/facts.md §1). */
  costsRefuseApiKeyGrouping?: boolean;
}

/** The live API's reported answer to costs grouped by api_key_id. */
export const COSTS_GROUP_BY_REFUSAL = {
  error: {
    message: "Invalid value for 'group_by': only accepts 'project_id' and 'line_item'.",
    type: 'invalid_request_error',
    param: 'group_by',
    code: null,
  },
};

/**
 * An Admin API that pages daily buckets as the real one does: at most `limit` buckets from
 * start_time (or the `page` cursor) to end_time, then has_more and a next_page cursor.
 */
export function fakeAdminServer(options: FakeServerOptions = {}): (url: URL) => FakeReply {
  return (url) => {
    const status = options.failWith?.(url) ?? null;
    if (status !== null) return { status, json: { error: { message: 'boom', type: 'server_error', param: null, code: null } } };
    if (options.costsRefuseApiKeyGrouping && url.pathname === '/v1/organization/costs' && url.searchParams.getAll('group_by').includes('api_key_id')) {
      return { status: 400, json: COSTS_GROUP_BY_REFUSAL };
    }
    if (url.pathname === '/v1/organization/projects') {
      return { json: { object: 'list', data: options.projects ?? [], first_id: null, last_id: null, has_more: false } };
    }
    const capability = /^\/v1\/organization\/usage\/([a-z_]+)$/.exec(url.pathname)?.[1];
    const results =
      url.pathname === '/v1/organization/costs'
        ? options.costResults
        : capability === 'completions'
          ? options.usageResults
          : capability !== undefined && USAGE_CAPABILITY_NAMES.includes(capability as UsageCapability)
            ? (day: number) => options.capabilityResults?.(capability, day) ?? []
            : null;
    if (results === null) return { status: 404, json: { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } } };
    const params = url.searchParams;
    const end = Number(params.get('end_time'));
    const from = Number(params.get('page')?.replace('page_', '') ?? params.get('start_time'));
    const limit = Number(params.get('limit'));
    const data = [];
    let day = from;
    for (; day < end && data.length < limit; day += DAY) {
      data.push({ object: 'bucket', start_time: day, end_time: day + DAY, results: results?.(day) ?? [] });
    }
    const hasMore = day < end;
    return { json: { object: 'page', data, has_more: hasMore, next_page: hasMore ? `page_${day}` : null } };
  };
}
