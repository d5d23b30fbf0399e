import { describe, expect, it } from 'vitest';
import type { CompletionsUsageBucket } from '../admin-api/responses';
import { describeCulprit, describeSignal, findCulprit, formatRatio } from './culprit';
import type { SignalIncident } from './signals';
import { CURRENT_HOUR, HOUR } from './testing/synthetic';

const KEYS = [
  { id: 'key_ci', name: 'ci-deploy', createdAt: 1, lastUsedAt: 2, owner: { type: 'service_account', name: 'CI' } },
  { id: 'key_app', name: 'web app', createdAt: 1, lastUsedAt: 2, owner: { type: 'user', name: 'Ada' } },
];

const usage: CompletionsUsageBucket[] = [
  {
    startTime: CURRENT_HOUR - 2 * HOUR,
    endTime: CURRENT_HOUR - HOUR,
    // Before the spike's window: the app key was the busiest then.
    results: [{ projectId: 'proj_prod', apiKeyId: 'key_app', model: 'gpt-4o-mini', inputTokens: 9_000_000, outputTokens: 0, requests: 9000 }],
  },
  {
    startTime: CURRENT_HOUR - HOUR,
    endTime: CURRENT_HOUR,
    results: [
      { projectId: 'proj_prod', apiKeyId: 'key_ci', model: 'gpt-4.1', inputTokens: 3_000_000, outputTokens: 1_000_000, requests: 800 },
      { projectId: 'proj_prod', apiKeyId: 'key_ci', model: 'gpt-4o-mini', inputTokens: 100_000, outputTokens: 0, requests: 100 },
      { projectId: 'proj_prod', apiKeyId: 'key_app', model: 'gpt-4o-mini', inputTokens: 400_000, outputTokens: 0, requests: 400 },
      { projectId: 'proj_other', apiKeyId: 'key_x', model: 'o3', inputTokens: 90_000_000, outputTokens: 0, requests: 1 },
    ],
  },
];

describe('findCulprit', () => {
  it('names the key and model that carried the spike window, not the hours before it', () => {
    const culprit = findCulprit({ usage, projectId: 'proj_prod', from: CURRENT_HOUR - HOUR, to: CURRENT_HOUR + HOUR, keys: KEYS });
    expect(culprit).toEqual({ apiKeyId: 'key_ci', keyName: 'ci-deploy', model: 'gpt-4.1', share: 4_100_000 / 4_500_000 });
  });

  it('is null for a window without traffic', () => {
    expect(findCulprit({ usage, projectId: 'proj_prod', from: CURRENT_HOUR, to: CURRENT_HOUR + HOUR, keys: KEYS })).toBeNull();
  });
});

describe('describeCulprit', () => {
  it('says when no API key was used', () => {
    expect(describeCulprit({ apiKeyId: null, keyName: null, model: 'gpt-4.1', share: 1 })).toBe('mostly no API key on gpt-4.1');
  });

  it('rounds big ratios and keeps one decimal for small ones', () => {
    expect(formatRatio(41.4)).toBe('41×');
    expect(formatRatio(3.25)).toBe('3.3×');
  });
});

describe('describeSignal', () => {
  const base: SignalIncident = {
    signal: 'new-model',
    projectId: 'proj_prod',
    model: 'gpt-4.1',
    apiKeyId: 'key_ci',
    value: 600_000,
    usual: 0,
    ratio: null,
    threshold: 100_000,
    since: CURRENT_HOUR - HOUR,
    bucketSeconds: HOUR,
  };

  it('names the key and the model for each signal', () => {
    expect(describeSignal(base, 'Production', 'ci-deploy')).toEqual({
      title: 'Production: new model gpt-4.1',
      message: "600,000 tokens in one hour on a model not used in the previous 14 days, mostly key 'ci-deploy', since 2025-06-15 13:00 UTC.",
    });
    expect(describeSignal({ ...base, signal: 'tokens-per-request', value: 5000, usual: 450, ratio: 5000 / 450, model: 'gpt-4o-mini' }, 'Production', 'web app')).toEqual({
      title: 'Production: tokens per request jumped',
      message: "5,000 tokens per request (11× the usual 450), mostly key 'web app' on gpt-4o-mini, since 2025-06-15 13:00 UTC.",
    });
    expect(describeSignal({ ...base, signal: 'new-busy-key', model: 'gpt-4o-mini' }, 'Production', null)).toEqual({
      title: 'Production: new key_ci among the busiest',
      message: 'Created in the last day and already carrying 600,000 tokens in one hour on gpt-4o-mini, since 2025-06-15 13:00 UTC.',
    });
  });
});
