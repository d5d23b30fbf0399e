import type { CompletionsUsageResult, TimeBucket } from '../admin-api/responses';
import type { CsvRow } from './csv';
import type { MonthSpan } from './months';
import { dailyRows } from './day-buckets';
import { csvFloat } from './numbers';

/** The dashboard's completions usage export header (platform-facts §2). */
export const USAGE_CSV_HEADER: CsvRow = [
  'start_time', 'end_time', 'start_time_iso', 'end_time_iso', 'project_id', 'num_model_requests',
  'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'input_tokens', 'output_tokens',
  'input_cached_tokens', 'input_uncached_tokens', 'input_text_tokens', 'output_text_tokens',
  'input_cached_text_tokens', 'input_audio_tokens', 'input_cached_audio_tokens', 'output_audio_tokens',
  'input_image_tokens', 'input_cached_image_tokens', 'output_image_tokens',
];

type OptionalText = 'userId' | 'apiKeyId' | 'serviceTier';
type OptionalCount =
  | 'inputCachedTokens' | 'inputUncachedTokens' | 'inputTextTokens' | 'outputTextTokens'
  | 'inputCachedTextTokens' | 'inputAudioTokens' | 'inputCachedAudioTokens' | 'outputAudioTokens'
  | 'inputImageTokens' | 'inputCachedImageTokens' | 'outputImageTokens';

/**
 * The client's result plus the API's other result fields, camelCased as responses.ts names
 * fields. The client does not parse these yet, so today their columns are empty; once it
 * does, they are written without a change here.
 */
export type UsageCsvResult = CompletionsUsageResult &
  Partial<Record<OptionalText, string | null>> &
  Partial<Record<OptionalCount, number | null>> & { batch?: boolean | null };

export type UsageCsvBucket = TimeBucket<UsageCsvResult>;

const text = (value: string | null | undefined): string => value ?? '';
const count = (value: number | null | undefined): string => (value === null || value === undefined ? '' : csvFloat(value));

function resultFields(result: UsageCsvResult): string[] {
  return [
    text(result.projectId),
    csvFloat(result.requests),
    text(result.userId),
    text(result.apiKeyId),
    text(result.model),
    result.batch === null || result.batch === undefined ? '' : result.batch ? 'TRUE' : 'FALSE',
    text(result.serviceTier),
    csvFloat(result.inputTokens),
    csvFloat(result.outputTokens),
    count(result.inputCachedTokens),
    count(result.inputUncachedTokens),
    count(result.inputTextTokens),
    count(result.outputTextTokens),
    count(result.inputCachedTextTokens),
    count(result.inputAudioTokens),
    count(result.inputCachedAudioTokens),
    count(result.outputAudioTokens),
    count(result.inputImageTokens),
    count(result.inputCachedImageTokens),
    count(result.outputImageTokens),
  ];
}

/** A month's completions usage file. */
export function usageCsvRows(buckets: readonly UsageCsvBucket[], span: MonthSpan): CsvRow[] {
  return dailyRows(USAGE_CSV_HEADER, buckets, span, resultFields);
}
