/**
 * Raw API payloads for tests, copied from the examples of the API's published schemas
 * (docs/facts.md §1: CostsResult, UsageCompletionsResult, Project, ProjectApiKey) plus builders for
 * variations. `organization_id` is not in the spec but real responses carry such extras.
 */

export const SPEC_COSTS_PAGE = {
  object: 'page',
  data: [
    {
      object: 'bucket',
      start_time: 1730419200,
      end_time: 1730505600,
      results: [
        {
          object: 'organization.costs.result',
          amount: { value: 0.06, currency: 'usd' },
          line_item: null,
          project_id: null,
          api_key_id: null,
          quantity: null,
          quantity_unit: null,
          organization_id: 'org-abc',
        },
      ],
    },
  ],
  has_more: false,
  next_page: null,
};

export const SPEC_COMPLETIONS_USAGE_PAGE = {
  object: 'page',
  data: [
    {
      object: 'bucket',
      start_time: 1730419200,
      end_time: 1730505600,
      results: [
        {
          object: 'organization.usage.completions.result',
          input_tokens: 1000,
          input_cached_tokens: 400,
          input_cache_write_tokens: 100,
          input_uncached_tokens: 500,
          output_tokens: 500,
          num_model_requests: 5,
          project_id: null,
          user_id: null,
          api_key_id: null,
          model: null,
          batch: null,
          service_tier: null,
        },
      ],
    },
  ],
  has_more: false,
  next_page: null,
};

export const SPEC_PROJECT = {
  id: 'proj_abc',
  object: 'organization.project',
  name: 'Project example',
  created_at: 1711471533,
  archived_at: null,
  status: 'active',
  external_key_id: null,
};

export const SPEC_PROJECT_API_KEY = {
  object: 'organization.project.api_key',
  redacted_value: 'sk-abc...def',
  name: 'My API Key',
  created_at: 1711471533,
  last_used_at: 1711471534,
  id: 'key_abc',
  owner_project_access: 'active',
  owner: {
    type: 'user',
    user: { id: 'user_abc', name: 'First Last', email: 'user@example.com', role: 'owner', created_at: 1711471533 },
  },
};

export function bucketPage(
  buckets: { start_time: number; results: unknown[] }[],
  more: { next_page: string } | null = null,
): unknown {
  return {
    object: 'page',
    data: buckets.map((bucket) => ({ object: 'bucket', end_time: bucket.start_time + 86_400, ...bucket })),
    has_more: more !== null,
    next_page: more?.next_page ?? null,
  };
}

export function costResult(value: number, projectId: string | null = null, lineItem: string | null = null): unknown {
  return {
    object: 'organization.costs.result',
    amount: { value, currency: 'usd' },
    line_item: lineItem,
    project_id: projectId,
    api_key_id: null,
    quantity: null,
    quantity_unit: null,
  };
}

export function listPage(items: { id: string }[], hasMore = false): unknown {
  return {
    object: 'list',
    data: items,
    first_id: items[0]?.id ?? null,
    last_id: items.at(-1)?.id ?? null,
    has_more: hasMore,
  };
}

export function project(id: string, name: string | null): { id: string; name: string | null } {
  return { ...SPEC_PROJECT, id, name };
}

export function apiError(message: string, type = 'invalid_request_error'): unknown {
  return { error: { message, type, param: null, code: null } };
}
