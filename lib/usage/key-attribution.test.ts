import { describe, expect, it } from 'vitest';
import type { CompletionsUsageBucket, CompletionsUsageResult, ProjectApiKey } from '../admin-api/responses';
import { attributeKeys, KEY_COST_ESTIMATE_NOTE, splitExactly, type AttributionKey } from './key-attribution';

const DAY = 86_400;
const MONTH_START = Date.UTC(2025, 10, 1) / 1000;

function bucket(start: number, results: Partial<CompletionsUsageResult>[], width = DAY): CompletionsUsageBucket {
  return {
    startTime: start,
    endTime: start + width,
    results: results.map((result) => ({ inputTokens: 0, outputTokens: 0, requests: 0, projectId: 'proj_a', model: null, ...result })),
  };
}

const KEYS: AttributionKey[] = [
  { id: 'key_ci', name: 'ci-deploy', createdAt: 1_700_000_000, lastUsedAt: 1_763_600_000, redactedValue: 'sk-...ci', owner: { type: 'service_account', name: 'CI bot', email: null } },
  { id: 'key_app', name: 'web app', createdAt: 1_690_000_000, lastUsedAt: 1_763_500_000, owner: { type: 'user', name: 'Ada', email: 'ada@example.com' } },
  { id: 'key_idle', name: 'idle', createdAt: 1_690_000_000, lastUsedAt: null, owner: { type: 'user', name: 'Bob' } },
];

describe('attributeKeys', () => {
  const usage = [
    bucket(MONTH_START, [
      { apiKeyId: 'key_app', model: 'gpt-4o-mini', inputTokens: 600, outputTokens: 150, requests: 10 },
      { apiKeyId: 'key_ci', model: 'gpt-4.1', inputTokens: 1000, outputTokens: 500, requests: 3 },
      { apiKeyId: 'key_ci', model: 'gpt-4o-mini', inputTokens: 100, outputTokens: 0, requests: 1 },
      { projectId: 'proj_other', apiKeyId: 'key_x', inputTokens: 99_999, requests: 9 },
    ]),
    bucket(MONTH_START + DAY, [
      { apiKeyId: 'key_app', model: 'gpt-4o-mini', inputTokens: 150, outputTokens: 0, requests: 2 },
      { apiKeyId: 'key_gone', model: 'gpt-4.1', inputTokens: 300, outputTokens: 100, requests: 1 },
      { model: 'gpt-4.1', inputTokens: 100, outputTokens: 0, requests: 1 },
    ]),
    // Outside the window: ignored.
    bucket(MONTH_START - DAY, [{ apiKeyId: 'key_app', inputTokens: 1_000_000, requests: 100 }]),
  ];

  it('names the keys that carried the traffic, busiest first, with owner, last use and top model', () => {
    const result = attributeKeys({ projectId: 'proj_a', usage, from: MONTH_START, to: MONTH_START + 30 * DAY, costMicros: null, keys: KEYS });
    expect(result.keys.map((key) => [key.apiKeyId, key.name])).toEqual([
      ['key_ci', 'ci-deploy'],
      ['key_app', 'web app'],
      ['key_gone', null],
      [null, null],
    ]);
    expect(result.keys[0]).toMatchObject({
      inputTokens: 1100,
      outputTokens: 500,
      requests: 4,
      topModel: 'gpt-4.1',
      owner: 'service account “CI bot”',
      redactedValue: 'sk-...ci',
      lastUsedAt: 1_763_600_000,
      estimatedCostMicros: null,
    });
    expect(result.keys[1]).toMatchObject({ inputTokens: 750, outputTokens: 150, requests: 12, owner: 'ada@example.com', redactedValue: null });
    expect(result.totalTokens).toBe(1600 + 900 + 400 + 100);
    expect(result.totalRequests).toBe(4 + 12 + 1 + 1);
    expect(result.keyListAvailable).toBe(true);
    expect(result.estimateBasis).toBeNull();
  });

  it('splits the project cost by token share into exact integers, always marked as an estimate', () => {
    // 3000 tokens in all: ci 1600, app 900, gone 400, unattributed 100.
    const result = attributeKeys({ projectId: 'proj_a', usage, from: MONTH_START, to: MONTH_START + 30 * DAY, costMicros: 10_000_001, keys: KEYS });
    expect(result.keys.map((key) => key.estimatedCostMicros)).toEqual([5_333_334, 3_000_000, 1_333_334, 333_333]);
    expect(result.keys.reduce((sum, key) => sum + (key.estimatedCostMicros ?? 0), 0)).toBe(10_000_001);
    expect(result.costPerKeyIsEstimate).toBe(true);
    expect(result.estimateBasis).toBe('tokens');
    expect(result.estimateNote).toBe(KEY_COST_ESTIMATE_NOTE);
    expect(result.estimateNote).toMatch(/estimate/i);
    expect(result.costMicros).toBe(10_000_001);
  });

  it('reads hourly buckets for a spike window the same way', () => {
    const hour = MONTH_START + 10 * DAY;
    const hourly = [
      bucket(hour - 3600, [{ apiKeyId: 'key_app', inputTokens: 500, requests: 5 }], 3600),
      bucket(hour, [
        { apiKeyId: 'key_ci', model: 'gpt-4.1', inputTokens: 90_000, requests: 40 },
        { apiKeyId: 'key_app', model: 'gpt-4o-mini', inputTokens: 500, requests: 5 },
      ], 3600),
    ];
    const result = attributeKeys({ projectId: 'proj_a', usage: hourly, from: hour, to: hour + 3600, costMicros: null, keys: KEYS });
    expect(result.keys.map((key) => [key.name, key.inputTokens])).toEqual([
      ['ci-deploy', 90_000],
      ['web app', 500],
    ]);
  });

  it('shows keys by id when the key list is unavailable', () => {
    const result = attributeKeys({ projectId: 'proj_a', usage, from: MONTH_START, to: MONTH_START + 30 * DAY, costMicros: 1_000_000, keys: null });
    expect(result.keyListAvailable).toBe(false);
    expect(result.keys[0]).toMatchObject({ apiKeyId: 'key_ci', name: null, owner: null });
  });

  it('splits by requests when no tokens were reported, and not at all when there is no traffic', () => {
    const requestsOnly = [bucket(MONTH_START, [
      { apiKeyId: 'key_ci', requests: 1 },
      { apiKeyId: 'key_app', requests: 3 },
    ])];
    const split = attributeKeys({ projectId: 'proj_a', usage: requestsOnly, from: MONTH_START, to: MONTH_START + DAY, costMicros: 4_000_000, keys: KEYS });
    expect(split.estimateBasis).toBe('requests');
    expect(split.keys.map((key) => [key.name, key.estimatedCostMicros])).toEqual([
      ['web app', 3_000_000],
      ['ci-deploy', 1_000_000],
    ]);
    const none = attributeKeys({ projectId: 'proj_a', usage: [], from: MONTH_START, to: MONTH_START + DAY, costMicros: 4_000_000, keys: KEYS });
    expect(none).toMatchObject({ keys: [], estimateBasis: null, totalTokens: 0, costPerKeyIsEstimate: true });
  });

  it('accepts the parsed key list of lib/admin-api as it is', () => {
    const parsed: ProjectApiKey[] = [
      { id: 'key_ci', name: 'ci-deploy', redactedValue: 'sk-...ci', createdAt: 1, lastUsedAt: 2, owner: { type: 'user', id: 'user_1', name: 'Ada', email: 'ada@example.com' } },
    ];
    const result = attributeKeys({ projectId: 'proj_a', usage, from: MONTH_START, to: MONTH_START + DAY, costMicros: null, keys: parsed });
    expect(result.keys[0]).toMatchObject({ name: 'ci-deploy', owner: 'ada@example.com' });
  });
});

describe('splitExactly', () => {
  it('gives parts that add up to the amount, by largest remainder', () => {
    expect(splitExactly(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitExactly(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(splitExactly(10, [0, 0])).toEqual([0, 0]);
    expect(splitExactly(7, [0, 5])).toEqual([0, 7]);
  });

  it('stays exact where cost × tokens is beyond Number.MAX_SAFE_INTEGER', () => {
    const amount = 987_654_321_987; // ~$987,654 in micros
    const weights = [123_456_789_012, 987_654_321, 3];
    const parts = splitExactly(amount, weights);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
    expect(parts.every(Number.isSafeInteger)).toBe(true);
    // Each part is within one micro-unit of its exact proportion.
    const total = BigInt(weights.reduce((a, b) => a + b, 0));
    parts.forEach((part, i) => {
      const exactTimesTotal = BigInt(amount) * BigInt(weights[i]!);
      const error = BigInt(part) * total - exactTimesTotal;
      expect(error < total && error > -total).toBe(true);
    });
    expect(parts[2]).toBe(24); // 3 × 987,654,321,987 ÷ 124,444,443,336 ≈ 23.8
  });
});
