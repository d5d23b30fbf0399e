import { describe, expect, it } from 'vitest';
import { bucketPage, costResult } from '../admin-api/testing/fixtures';
import { parseBucketPage, parseCostResult } from '../admin-api/responses';
import { BADGE_NORMAL, BADGE_OVER_THRESHOLD, badgeState, compactMoney } from './badge';
import { buildUsageCache, INITIAL_STATUS } from '../usage/cache';
import type { OrganizationFigures } from '../usage/organizations';

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

describe('badgeState with several organizations', () => {
  const NOW = Date.parse('2025-03-15T10:00:00Z');
  const settings = { refreshMinutes: 15, badgeScope: 'organization', dailyThresholdMicros: null };
  const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;
  const cache = buildUsageCache({
    fetchedAt: NOW,
    costs: parseBucketPage(bucketPage([{ start_time: TODAY, results: [costResult(6, 'proj_a')] }]), parseCostResult).buckets,
    usage: [],
    projects: null,
  });
  const figures = (id: string, name: string, dollars: number, fetchedAt = NOW, problem: OrganizationFigures['status']['problem'] = null): OrganizationFigures => ({
    organizationId: id,
    name,
    summary: { currency: 'USD', today: { costMicros: dollars * 1_000_000 } } as OrganizationFigures['summary'],
    fetchedAt,
    status: { lastAttemptAt: NOW, problem, retryAt: null },
  });
  const organizations = {
    'org-acme': figures('org-acme', 'Acme', 6),
    'org-globex': figures('org-globex', 'Globex', 20),
    'local-1': figures('local-1', 'Initech', 1, NOW - 86_400_000),
  };

  it("counts the first organization by default, all of them, or one other, as chosen in options", () => {
    expect(badgeState({ cache, status: INITIAL_STATUS, settings, now: NOW, organizations }).text).toBe('$6');
    const all = badgeState({ cache, status: INITIAL_STATUS, settings: { ...settings, badgeOrganization: 'all' }, now: NOW, organizations });
    // Initech's figures are yesterday's: left out, and said.
    expect(all.text).toBe('$26');
    expect(all.title).toContain('in all 3 organizations');
    expect(all.title).toContain('(not counted: Initech)');
    const globex = badgeState({ cache, status: INITIAL_STATUS, settings: { ...settings, badgeOrganization: 'org-globex', dailyThresholdMicros: 10_000_000 }, now: NOW, organizations });
    expect(globex).toMatchObject({ text: '$20', color: BADGE_OVER_THRESHOLD });
    expect(globex.title).toContain('in Globex, over the $10.00 daily limit');
  });

  it('names an organization whose last refresh failed; a removed organization falls back to the first', () => {
    const failing = { ...organizations, 'org-globex': figures('org-globex', 'Globex', 20, NOW, { kind: 'offline', status: null, apiMessage: null, userMessage: 'offline' }) };
    expect(badgeState({ cache, status: INITIAL_STATUS, settings: { ...settings, badgeOrganization: 'all' }, now: NOW, organizations: failing }).title).toContain(
      '(last refresh failed: Globex)',
    );
    expect(badgeState({ cache, status: INITIAL_STATUS, settings: { ...settings, badgeOrganization: 'org-gone' }, now: NOW, organizations }).text).toBe('$6');
  });
});
