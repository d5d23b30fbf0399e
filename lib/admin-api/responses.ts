/**
 * The parts of the Admin API's responses this extension uses, as checked camelCase types.
 * Modelled on the API's published schemas (docs/facts.md §1: UsageResponse, UsageTimeBucket,
 * CostsResult, UsageCompletionsResult, ProjectListResponse, ProjectApiKey); fields we do not read are
 * left out on purpose, so an API change there cannot break us. Optional result fields are
 * kept only when the API gives them a value (absent and null both leave them out), so a
 * result is as small as the API's answer allows.
 */
import {
  asObject,
  readArray,
  readBoolean,
  readCount,
  readFiniteNumber,
  readObject,
  readOptionalCount,
  readOptionalString,
  readString,
  ShapeError,
  type JsonObject,
} from './shape';
import type { KeyOwner } from './key-owner';

export interface TimeBucket<Result> {
  /** Unix seconds, UTC, inclusive. */
  startTime: number;
  /** Unix seconds, UTC, exclusive. */
  endTime: number;
  results: Result[];
}

export interface CostResult {
  /** Major units (dollars) as the API sends them: a float, so convert before summing. */
  amountValue: number;
  /** Lowercase ISO 4217, as sent ("usd"). */
  currency: string;
  lineItem: string | null;
  projectId: string | null;
  /** Sent with group_by=line_item; a float (e.g. tokens or hours). */
  quantity?: number;
  quantityUnit?: string;
  apiKeyId?: string;
  /** Not in the spec, but columns of the dashboard's own cost export. */
  userId?: string;
  apiSource?: string;
}

export interface CompletionsUsageResult {
  inputTokens: number;
  outputTokens: number;
  requests: number;
  projectId: string | null;
  model: string | null;
  userId?: string;
  apiKeyId?: string;
  batch?: boolean;
  serviceTier?: string;
  inputCachedTokens?: number;
  inputUncachedTokens?: number;
  inputTextTokens?: number;
  outputTextTokens?: number;
  inputCachedTextTokens?: number;
  inputAudioTokens?: number;
  inputCachedAudioTokens?: number;
  outputAudioTokens?: number;
  inputImageTokens?: number;
  inputCachedImageTokens?: number;
  outputImageTokens?: number;
}

export type CostBucket = TimeBucket<CostResult>;
export type CompletionsUsageBucket = TimeBucket<CompletionsUsageResult>;

export interface Project {
  id: string;
  name: string | null;
  createdAt: number;
  archivedAt: number | null;
  status: string | null;
}

export interface ProjectApiKey {
  id: string;
  name: string;
  redactedValue: string;
  createdAt: number;
  lastUsedAt: number | null;
  owner: KeyOwner;
}

export interface BucketPage<Result> {
  buckets: TimeBucket<Result>[];
  hasMore: boolean;
  nextPage: string | null;
}

export interface ListPage<Item> {
  items: Item[];
  hasMore: boolean;
  lastId: string | null;
}

type ItemParser<T> = (value: unknown, path: string) => T;

export function parseBucketPage<Result>(json: unknown, parseResult: ItemParser<Result>): BucketPage<Result> {
  const page = asObject(json, 'response');
  const buckets = readArray(page, 'data', 'response').map((raw, i) => {
    const path = `data[${i}]`;
    const bucket = asObject(raw, path);
    return {
      startTime: readCount(bucket, 'start_time', path),
      endTime: readCount(bucket, 'end_time', path),
      results: readArray(bucket, 'results', path).map((result, j) => parseResult(result, `${path}.results[${j}]`)),
    };
  });
  return {
    buckets,
    hasMore: readBoolean(page, 'has_more', 'response'),
    nextPage: readOptionalString(page, 'next_page', 'response'),
  };
}

export function parseListPage<Item>(json: unknown, parseItem: ItemParser<Item>): ListPage<Item> {
  const page = asObject(json, 'response');
  return {
    items: readArray(page, 'data', 'response').map((raw, i) => parseItem(raw, `data[${i}]`)),
    hasMore: readBoolean(page, 'has_more', 'response'),
    lastId: readOptionalString(page, 'last_id', 'response'),
  };
}

function readOptionalNumber(obj: JsonObject, key: string, path: string): number | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(`${path}.${key}`, 'a number or null');
  return value;
}

function readOptionalBoolean(obj: JsonObject, key: string, path: string): boolean | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new ShapeError(`${path}.${key}`, 'a boolean or null');
  return value;
}

/** The optional fields (camelCase name → API key) that have a value, checked by `read`. */
function presentFields<Field extends string, Value>(
  obj: JsonObject,
  path: string,
  keys: Record<Field, string>,
  read: (obj: JsonObject, key: string, path: string) => Value | null,
): Partial<Record<Field, Value>> {
  const fields: Partial<Record<Field, Value>> = {};
  for (const [field, key] of Object.entries(keys) as [Field, string][]) {
    const value = read(obj, key, path);
    if (value !== null) fields[field] = value;
  }
  return fields;
}

const COST_TEXT_FIELDS = { quantityUnit: 'quantity_unit', apiKeyId: 'api_key_id', userId: 'user_id', apiSource: 'api_source' } as const;

const USAGE_TEXT_FIELDS = { userId: 'user_id', apiKeyId: 'api_key_id', serviceTier: 'service_tier' } as const;

const USAGE_COUNT_FIELDS = {
  inputCachedTokens: 'input_cached_tokens',
  inputUncachedTokens: 'input_uncached_tokens',
  inputTextTokens: 'input_text_tokens',
  outputTextTokens: 'output_text_tokens',
  inputCachedTextTokens: 'input_cached_text_tokens',
  inputAudioTokens: 'input_audio_tokens',
  inputCachedAudioTokens: 'input_cached_audio_tokens',
  outputAudioTokens: 'output_audio_tokens',
  inputImageTokens: 'input_image_tokens',
  inputCachedImageTokens: 'input_cached_image_tokens',
  outputImageTokens: 'output_image_tokens',
} as const;

export function parseCostResult(value: unknown, path: string): CostResult {
  const result = asObject(value, path);
  // The spec marks `amount` optional, but a cost row without an amount cannot be summed;
  // treating it as zero would under-report spend silently.
  const amount = readObject(result, 'amount', path);
  return {
    amountValue: readFiniteNumber(amount, 'value', `${path}.amount`),
    currency: readString(amount, 'currency', `${path}.amount`),
    lineItem: readOptionalString(result, 'line_item', path),
    projectId: readOptionalString(result, 'project_id', path),
    ...presentFields(result, path, { quantity: 'quantity' }, readOptionalNumber),
    ...presentFields(result, path, COST_TEXT_FIELDS, readOptionalString),
  };
}

export function parseCompletionsUsageResult(value: unknown, path: string): CompletionsUsageResult {
  const result = asObject(value, path);
  return {
    inputTokens: readCount(result, 'input_tokens', path),
    outputTokens: readCount(result, 'output_tokens', path),
    requests: readCount(result, 'num_model_requests', path),
    projectId: readOptionalString(result, 'project_id', path),
    model: readOptionalString(result, 'model', path),
    ...presentFields(result, path, USAGE_TEXT_FIELDS, readOptionalString),
    ...presentFields(result, path, { batch: 'batch' }, readOptionalBoolean),
    ...presentFields(result, path, USAGE_COUNT_FIELDS, readOptionalCount),
  };
}

export function parseProject(value: unknown, path: string): Project {
  const project = asObject(value, path);
  return {
    id: readString(project, 'id', path),
    name: readOptionalString(project, 'name', path),
    createdAt: readCount(project, 'created_at', path),
    archivedAt: readOptionalCount(project, 'archived_at', path),
    status: readOptionalString(project, 'status', path),
  };
}

export function parseProjectApiKey(value: unknown, path: string): ProjectApiKey {
  const key = asObject(value, path);
  const owner = readObject(key, 'owner', path);
  const ownerType = readString(owner, 'type', `${path}.owner`);
  // The owner's details sit under a key named after its type ("user" or "service_account").
  const details = owner[ownerType];
  const detailsObject: JsonObject | null =
    typeof details === 'object' && details !== null ? asObject(details, `${path}.owner.${ownerType}`) : null;
  return {
    id: readString(key, 'id', path),
    name: readString(key, 'name', path),
    redactedValue: readString(key, 'redacted_value', path),
    createdAt: readCount(key, 'created_at', path),
    lastUsedAt: readOptionalCount(key, 'last_used_at', path),
    owner: {
      type: ownerType,
      id: detailsObject ? readOptionalString(detailsObject, 'id', `${path}.owner.${ownerType}`) : null,
      name: detailsObject ? readOptionalString(detailsObject, 'name', `${path}.owner.${ownerType}`) : null,
      email: detailsObject ? readOptionalString(detailsObject, 'email', `${path}.owner.${ownerType}`) : null,
    },
  };
}
