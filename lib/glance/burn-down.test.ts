import { describe, expect, it } from 'vitest';
import { burnDown, burnDowns, describeBurnDown, limitFlags, type BurnDown } from './burn-down';
import { utcDayKey } from '../core/utc-days';

/** "YYYY-MM-DD" of the day the limit is reached; null when not projected. */
function reachedDayKey(burn: Pick<BurnDown, 'reachedOn'>): string | null {
  return burn.reachedOn === null ? null : utcDayKey(burn.reachedOn);
}

const $ = (dollars: number) => dollars * 1_000_000;
const LIMIT_500 = { thresholdMicros: $(500), enforcing: true };

describe('burnDown', () => {
  it('projects the day the limit is reached at the pace of the complete days', () => {
    // 19 Nov 2025, 12:00 UTC: 18 complete days at $22, $16 so far today.
    const burn = burnDown({ scope: 'proj_a', monthToDateMicros: $(412), todayMicros: $(16), limit: LIMIT_500, now: Date.UTC(2025, 10, 19, 12) });
    expect(burn).toMatchObject({ status: 'will-exceed', dailyPaceMicros: $(22), remainingMicros: $(88), usedPercent: 82, projectionIsEstimate: true });
    // End of today ≈ $418; +$22 a day: 22 Nov $484, 23 Nov $506.
    expect(reachedDayKey(burn)).toBe('2025-11-23');
    expect(burn.projectedMonthEndMicros).toBe($(418 + 22 * 11));
    expect(describeBurnDown(burn, 'usd', 'en-GB')).toBe('US$412.00 of US$500.00; at this pace reached around 23 Nov, then requests fail with 429');
    expect(describeBurnDown(burn, 'usd')).toBe('$412.00 of $500.00; at this pace reached around Nov 23, then requests fail with 429');
  });

  it('brings the date forward when today has already spent more than the pace', () => {
    const calm = burnDown({ scope: 'p', monthToDateMicros: $(110), todayMicros: $(10), limit: LIMIT_500, now: Date.UTC(2025, 10, 11, 12) });
    const spiking = burnDown({ scope: 'p', monthToDateMicros: $(400), todayMicros: $(300), limit: LIMIT_500, now: Date.UTC(2025, 10, 11, 12) });
    // $10 a day: end of today $110, limit after 39 more days: not this month.
    expect(calm).toMatchObject({ status: 'within', reachedOn: null, projectedMonthEndMicros: $(300) });
    expect(describeBurnDown(calm, 'usd')).toBe('$110.00 of $500.00; at this pace about $300.00 by month end');
    // $400 by now, +$10 a day: 21 Nov reaches $500.
    expect(reachedDayKey(spiking)).toBe('2025-11-21');
  });

  it('reaches the limit today when today is projected past it', () => {
    const burn = burnDown({ scope: 'p', monthToDateMicros: $(490), todayMicros: $(10), limit: LIMIT_500, now: Date.UTC(2025, 10, 25, 1) });
    // $20 a day over 24 days: today ends at ~$500.
    expect(reachedDayKey(burn)).toBe('2025-11-25');
  });

  it('says the limit is reached once the month to date meets it, even on the first day', () => {
    const atLimit = burnDown({ scope: 'organization', monthToDateMicros: $(500), todayMicros: $(500), limit: LIMIT_500, now: Date.UTC(2025, 11, 1, 9) });
    expect(atLimit).toMatchObject({ status: 'exceeded', remainingMicros: 0, usedPercent: 100, reachedOn: null, dailyPaceMicros: null });
    expect(describeBurnDown(atLimit, 'usd')).toBe('$500.00 of $500.00: limit reached, requests fail with 429');
    const over = burnDown({ scope: 'p', monthToDateMicros: $(612.34), todayMicros: $(12.34), limit: LIMIT_500, now: Date.UTC(2025, 10, 20) });
    expect(over).toMatchObject({ status: 'exceeded', remainingMicros: -$(112.34), usedPercent: 122 });
    const notEnforced = burnDown({ scope: 'p', monthToDateMicros: $(600), todayMicros: 0, limit: { ...LIMIT_500, enforcing: false }, now: Date.UTC(2025, 10, 20) });
    expect(describeBurnDown(notEnforced, 'usd')).toBe('$600.00 of $500.00: limit reached, but it is not enforced');
  });

  it('does not project on the first UTC day of the month, and says so', () => {
    // 1 Dec 00:30 UTC is still 30 Nov in America: the month is UTC's.
    const burn = burnDown({ scope: 'p', monthToDateMicros: $(5), todayMicros: $(5), limit: LIMIT_500, now: Date.UTC(2025, 11, 1, 0, 30) });
    expect(burn).toMatchObject({ status: 'too-early', dailyPaceMicros: null, projectedMonthEndMicros: null, reachedOn: null });
    expect(describeBurnDown(burn, 'usd')).toBe('$5.00 of $500.00; too early in the month to project');
    // One minute earlier it is 30 Nov, 29 complete days.
    const lastDay = burnDown({ scope: 'p', monthToDateMicros: $(290), todayMicros: 0, limit: LIMIT_500, now: Date.UTC(2025, 10, 30, 23, 59) });
    expect(lastDay).toMatchObject({ status: 'within', dailyPaceMicros: $(10), projectedMonthEndMicros: $(300) });
  });

  it('never projects past the end of the month: the limit resets', () => {
    // 28 Feb 2026 (a 28-day month): $470 over 27 days ≈ $17.41 a day, about $487 by the end of
    // today; $500 would fall on 1 Mar, in a new month.
    const burn = burnDown({ scope: 'p', monthToDateMicros: $(470), todayMicros: 0, limit: LIMIT_500, now: Date.UTC(2026, 1, 28, 12) });
    expect(burn).toMatchObject({ status: 'within', reachedOn: null });
    // 31-day month: reached on the 31st.
    const march = burnDown({ scope: 'p', monthToDateMicros: $(450), todayMicros: 0, limit: LIMIT_500, now: Date.UTC(2026, 2, 28, 12) });
    // $450 over 27 days = $16.67 a day: end of 28th $466.67, 29th $483.33, 30th $500.00.
    expect(reachedDayKey(march)).toBe('2026-03-30');
  });

  it('reports no spend quietly, with or without complete days', () => {
    const mid = burnDown({ scope: 'p', monthToDateMicros: 0, todayMicros: 0, limit: LIMIT_500, now: Date.UTC(2025, 10, 20) });
    expect(mid).toMatchObject({ status: 'no-spend', usedPercent: 0, projectedMonthEndMicros: 0, reachedOn: null });
    expect(describeBurnDown(mid, 'usd')).toBe('$0.00 of $500.00; nothing spent this month');
    expect(burnDown({ scope: 'p', monthToDateMicros: 0, todayMicros: 0, limit: LIMIT_500, now: Date.UTC(2025, 10, 1) }).status).toBe('no-spend');
  });

  it('stays within when only today has spent (no pace yet)', () => {
    const burn = burnDown({ scope: 'p', monthToDateMicros: $(3), todayMicros: $(3), limit: LIMIT_500, now: Date.UTC(2025, 10, 20, 5) });
    expect(burn).toMatchObject({ status: 'within', dailyPaceMicros: 0, reachedOn: null });
  });
});

describe('burnDowns', () => {
  it('gives one for the organization and each project with a limit, organization first, then most used', () => {
    const summary = (mtd: number) => ({ monthToDate: { costMicros: $(mtd), inputTokens: 0, outputTokens: 0, requests: 0 }, today: { costMicros: 0, inputTokens: 0, outputTokens: 0, requests: 0 } });
    const limit = (dollars: number) => ({ state: 'limit' as const, limit: { thresholdMicros: $(dollars), currency: 'USD', interval: 'month', enforcing: true, enforcementStatus: 'enforcing' } });
    const rows = burnDowns({
      summaries: { organization: summary(300), proj_a: summary(50), proj_b: summary(90), proj_c: summary(10) },
      limits: { organization: limit(1000), proj_a: limit(100), proj_b: limit(100), proj_c: { state: 'not-allowed' }, proj_d: { state: 'no-limit' }, proj_e: limit(20) },
      now: Date.UTC(2025, 10, 20),
    });
    expect(rows.map((row) => [row.scope, row.monthToDateMicros])).toEqual([
      ['organization', $(300)],
      ['proj_b', $(90)],
      ['proj_a', $(50)],
      ['proj_e', 0],
    ]);
  });
});

describe('limitFlags', () => {
  it('flags confirmed "no limit" projects with spend and spend in the Default project, nothing unknown', () => {
    const flags = limitFlags({
      projects: [
        { projectId: 'proj_default', monthToDateMicros: $(5) },
        { projectId: 'proj_nolimit', monthToDateMicros: $(7) },
        { projectId: 'proj_nolimit_idle', monthToDateMicros: 0 },
        { projectId: 'proj_forbidden', monthToDateMicros: $(9) },
        { projectId: 'proj_unfetched', monthToDateMicros: $(9) },
        { projectId: 'proj_limited', monthToDateMicros: $(9) },
      ],
      limits: {
        proj_default: { state: 'no-limit' },
        proj_nolimit: { state: 'no-limit' },
        proj_nolimit_idle: { state: 'no-limit' },
        proj_forbidden: { state: 'not-allowed' },
        proj_limited: { state: 'limit', limit: { thresholdMicros: 1, currency: 'USD', interval: 'month', enforcing: true, enforcementStatus: null } },
      },
      defaultProjectId: 'proj_default',
    });
    expect(flags).toEqual([
      { kind: 'default-project-spend', projectId: 'proj_default', monthToDateMicros: $(5) },
      { kind: 'spend-without-limit', projectId: 'proj_nolimit', monthToDateMicros: $(7) },
    ]);
  });
});
