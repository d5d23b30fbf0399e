import { describe, expect, it } from 'vitest';
import type { CompletionsUsageBucket, CompletionsUsageResult } from '../admin-api/responses';
import { apiKeyFromUsage } from './key-from-usage';

const DAY = 86_400;
const D1 = 1_735_689_600; // 2025-01-01
const use = (projectId: string | null, model: string | null, apiKeyId?: string, requests = 1): CompletionsUsageResult => ({
  inputTokens: 1,
  outputTokens: 1,
  requests,
  projectId,
  model,
  ...(apiKeyId === undefined ? {} : { apiKeyId }),
});
const day = (startTime: number, results: CompletionsUsageResult[]): CompletionsUsageBucket => ({ startTime, endTime: startTime + DAY, results });

describe('apiKeyFromUsage', () => {
  const lookup = apiKeyFromUsage([
    day(D1, [
      use('proj_a', 'gpt-4o-mini-2024-07-18', 'key_a'),
      use('proj_b', 'gpt-4o', 'key_b1'),
      use('proj_b', 'gpt-4o-2024-08-06', 'key_b2'),
      use('proj_c', 'o3', undefined),
      use('proj_d', 'gpt-4.1', 'key_d'),
      use('proj_d', 'gpt-4.1', 'key_idle', 0),
    ]),
    day(D1 + DAY, [use('proj_a', 'gpt-4o-mini', 'key_a2')]),
  ]);

  it('names the one key that carried the project\'s requests for the line item\'s model that day', () => {
    expect(lookup(D1, 'proj_a', 'gpt-4o-mini, input')).toBe('key_a');
    expect(lookup(D1, 'proj_a', 'gpt-4o-mini, output')).toBe('key_a');
    expect(lookup(D1 + DAY, 'proj_a', 'gpt-4o-mini, input')).toBe('key_a2');
    expect(lookup(D1, 'proj_d', 'gpt-4.1, input')).toBe('key_d');
    // proj_a used only gpt-4o-mini, a model of its own, not a snapshot of gpt-4o.
    expect(lookup(D1, 'proj_a', 'gpt-4o, input')).toBeNull();
  });

  it('names none when several keys share it, the key is unnamed, or nothing matches', () => {
    // gpt-4o's requests came from two keys, one under a snapshot name.
    expect(lookup(D1, 'proj_b', 'gpt-4o, input')).toBeNull();
    expect(lookup(D1, 'proj_c', 'o3, input')).toBeNull();
    expect(lookup(D1, 'proj_a', 'web search')).toBeNull();
    expect(lookup(D1 + 2 * DAY, 'proj_a', 'gpt-4o-mini, input')).toBeNull();
    expect(lookup(D1, null, 'gpt-4o-mini, input')).toBeNull();
    expect(lookup(D1, 'proj_a', null)).toBeNull();
  });
});
