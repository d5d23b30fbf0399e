import type { CompletionsUsageBucket, CompletionsUsageResult } from '../admin-api/responses';
import { textCell, type CsvRow } from './csv';
import type { MonthSpan } from '../archive/month-range';
import { dailyRows } from './day-buckets';
import { csvFloat } from './numbers';

/** The dashboard's completions usage export header (docs/facts.md §2). */
export const USAGE_CSV_HEADER: CsvRow = [
  'start_time', 'end_time', 'start_time_iso', 'end_time_iso', 'project_id', 'num_model_requests',
  'user_id', 'api_key_id', 'model', 'batch', 'service_tier', 'input_tokens', 'output_tokens',
  'input_cached_tokens', 'input_uncached_tokens', 'input_text_tokens', 'output_text_tokens',
  'input_cached_text_tokens', 'input_audio_tokens', 'input_cached_audio_tokens', 'output_audio_tokens',
  'input_image_tokens', 'input_cached_image_tokens', 'output_image_tokens',
];

const count = (value: number | null | undefined): string => (value === null || value === undefined ? '' : csvFloat(value));

/** Text columns go through textCell; counts stay plain numbers. */
function resultFields(result: CompletionsUsageResult): string[] {
  return [
    textCell(result.projectId),
    csvFloat(result.requests),
    textCell(result.userId),
    textCell(result.apiKeyId),
    textCell(result.model),
    result.batch === null || result.batch === undefined ? '' : result.batch ? 'TRUE' : 'FALSE',
    textCell(result.serviceTier),
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
export function usageCsvRows(buckets: readonly CompletionsUsageBucket[], span: MonthSpan): CsvRow[] {
  return dailyRows(USAGE_CSV_HEADER, buckets, span, resultFields);
}
