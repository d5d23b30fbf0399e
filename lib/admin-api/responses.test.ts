import { describe, expect, it } from 'vitest';
import { parseCompletionsUsageResult, parseCostResult } from './responses';
import { ShapeError } from './shape';

const cost = { object: 'organization.costs.result', amount: { value: 1.5, currency: 'usd' }, line_item: 'gpt-4o, input', project_id: 'proj_a' };
const usage = { object: 'organization.usage.completions.result', input_tokens: 10, output_tokens: 5, num_model_requests: 2 };

describe('parseCostResult', () => {
  it('keeps quantity, its unit, the API key, the user and the source when given', () => {
    expect(
      parseCostResult(
        { ...cost, quantity: 1234.5, quantity_unit: '1000_tokens', api_key_id: 'key_1', user_id: 'user-1', api_source: 'api' },
        'r',
      ),
    ).toEqual({
      amountValue: 1.5,
      currency: 'usd',
      lineItem: 'gpt-4o, input',
      projectId: 'proj_a',
      quantity: 1234.5,
      quantityUnit: '1000_tokens',
      apiKeyId: 'key_1',
      userId: 'user-1',
      apiSource: 'api',
    });
  });

  it('leaves out optional fields that are null or absent', () => {
    const parsed = parseCostResult({ ...cost, quantity: null, quantity_unit: null, api_key_id: null }, 'r');
    expect(Object.keys(parsed).sort()).toEqual(['amountValue', 'currency', 'lineItem', 'projectId']);
  });

  it.each([
    ['quantity', 'many', 'r.quantity should be a number or null'],
    ['quantity', Number.NaN, 'r.quantity should be a number or null'],
    ['quantity_unit', 3, 'r.quantity_unit should be a string or null'],
    ['api_key_id', true, 'r.api_key_id should be a string or null'],
    ['user_id', {}, 'r.user_id should be a string or null'],
    ['api_source', 1, 'r.api_source should be a string or null'],
  ])('rejects a mistyped %s', (key, value, message) => {
    expect(() => parseCostResult({ ...cost, [key]: value }, 'r')).toThrow(ShapeError);
    expect(() => parseCostResult({ ...cost, [key]: value }, 'r')).toThrow(message);
  });
});

describe('parseCompletionsUsageResult', () => {
  it('keeps the grouping keys and every token split when given', () => {
    const parsed = parseCompletionsUsageResult(
      {
        ...usage,
        project_id: 'proj_a',
        model: 'gpt-4o',
        user_id: 'user-1',
        api_key_id: 'key_1',
        batch: false,
        service_tier: 'default',
        input_cached_tokens: 1,
        input_uncached_tokens: 2,
        input_text_tokens: 3,
        output_text_tokens: 4,
        input_cached_text_tokens: 5,
        input_audio_tokens: 6,
        input_cached_audio_tokens: 7,
        output_audio_tokens: 8,
        input_image_tokens: 9,
        input_cached_image_tokens: 10,
        output_image_tokens: 11,
      },
      'r',
    );
    expect(parsed).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      requests: 2,
      projectId: 'proj_a',
      model: 'gpt-4o',
      userId: 'user-1',
      apiKeyId: 'key_1',
      batch: false,
      serviceTier: 'default',
      inputCachedTokens: 1,
      inputUncachedTokens: 2,
      inputTextTokens: 3,
      outputTextTokens: 4,
      inputCachedTextTokens: 5,
      inputAudioTokens: 6,
      inputCachedAudioTokens: 7,
      outputAudioTokens: 8,
      inputImageTokens: 9,
      inputCachedImageTokens: 10,
      outputImageTokens: 11,
    });
  });

  it('keeps batch: false apart from an absent batch', () => {
    expect(parseCompletionsUsageResult({ ...usage, batch: false }, 'r').batch).toBe(false);
    expect('batch' in parseCompletionsUsageResult({ ...usage, batch: null }, 'r')).toBe(false);
  });

  it.each([
    ['batch', 'yes', 'a boolean or null'],
    ['service_tier', 1, 'a string or null'],
    ['user_id', 7, 'a string or null'],
    ['input_cached_tokens', 1.5, 'a non-negative integer'],
    ['output_image_tokens', -1, 'a non-negative integer'],
    ['input_audio_tokens', '3', 'a non-negative integer'],
  ])('rejects a mistyped %s', (key, value, expected) => {
    expect(() => parseCompletionsUsageResult({ ...usage, [key]: value }, 'r')).toThrow(`r.${key} should be ${expected}`);
  });
});
