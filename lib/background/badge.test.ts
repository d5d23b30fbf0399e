import { describe, expect, it } from 'vitest';
import { bucketPage, costResult } from '../admin-api/testing/fixtures';
import { parseBucketPage, parseCostResult } from '../admin-api/responses';
import { BADGE_NORMAL, BADGE_OVER_THRESHOLD, badgeState, compactMoney } from './badge';
import { buildUsageCache, INITIAL_STATUS } from '../usage/cache';

describe('compactMoney', () => {
  it.each([
    [0, '$0'],
    [10_000, '<$1'],
    [499_999, '<$1'],
    [500_000, '$1'],
    [3_400_000, '$3'],
    [12_490_000, '$12'],
    [999_400_000, '$999'],
    [999_600_000, '$1k'],
    [1_234_000_000, '$1.2k'],
    [9_960_000_000, '$10k'],
    [15_000_000_000, '$15k'],
    [999_700_000_000, '$1M'],
    [2_500_000_000_000, '$2.5M'],
  ])('%i micros → %s', (micros, text) => {
    expect(compactMoney(micros, 'usd')).toBe(text);
    expect(text.length).toBeLessThanOrEqual(5);
  });

  it('uses the currency\'s own symbol', () => {
    expect(compactMoney(3_000_000, 'eur')).toBe('€3');
  });
});

describe('badgeState', () => {
  const NOW = Date.parse('2025-03-15T10:00:00Z');
  const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;
  const costs = parseBucketPage(
    bucketPage([{ start_time: TODAY, results: [costResult(4.6, 'proj_a'), costResult(1, 'proj_b')] }]),
    parseCostResult,
  ).buckets;
  const cache = buildUsageCache({ fetchedAt: NOW, costs, usage: [], projects: null });
  const settings = { refreshMinutes: 15, badgeScope: 'organization', dailyThresholdMicros: null };

  it('shows today\'s spend of the chosen scope', () => {
    expect(badgeState({ cache, status: INITIAL_STATUS, settings, now: NOW })).toMatchObject({ text: '$6', color: BADGE_NORMAL });
    expect(badgeState({ cache, status: INITIAL_STATUS, settings: { ...settings, badgeScope: 'proj_b' }, now: NOW }).text).toBe('$1');
    expect(badgeState({ cache, status: INITIAL_STATUS, settings: { ...settings, badgeScope: 'proj_none' }, now: NOW }).text).toBe('$0');
  });

  it('says today is not final and how complete costs and usage are', () => {
    expect(badgeState({ cache, status: INITIAL_STATUS, settings, now: NOW }).title).toBe(
      'Refined OpenAI Platform: today (UTC) so far $5.60 in organization. Complete: costs through Mar 14, usage through 10:00 UTC; later costs are still arriving.',
    );
  });

  it('is red only above the threshold', () => {
    const at = (threshold: number) =>
      badgeState({ cache, status: INITIAL_STATUS, settings: { ...settings, dailyThresholdMicros: threshold }, now: NOW });
    expect(at(5_600_000).color).toBe(BADGE_NORMAL);
    expect(at(5_599_999)).toMatchObject({ color: BADGE_OVER_THRESHOLD, title: expect.stringContaining('over the $5.60 daily limit') });
  });

  it('goes blank once the cached "today" is no longer today (UTC), and without a key', () => {
    expect(badgeState({ cache, status: INITIAL_STATUS, settings, now: Date.parse('2025-03-16T00:00:01Z') }).text).toBe('');
    expect(badgeState({ cache, status: { ...INITIAL_STATUS, problem: { kind: 'no-key' } }, settings, now: NOW }).text).toBe('');
  });
});
