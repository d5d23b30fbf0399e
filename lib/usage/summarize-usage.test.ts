import { describe, expect, it } from 'vitest';
import type { CompletionsUsageBucket, CompletionsUsageResult, CostBucket, CostResult } from '../admin-api/responses';
import { formatMoney } from '../core/format';
import { costsCompleteThrough, summarizeScopes, summarizeUsage, type SummarizeUsageInput } from './summarize-usage';

const DAY = 86_400;
const ms = (iso: string) => Date.parse(iso);
const day = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 1000;

/** Mid-month, mid-day: 14 complete days this month, March has 31. */
const NOW = ms('2025-03-15T10:30:00Z');

function cost(amountValue: number, projectId: string | null, lineItem: string | null = 'gpt-4o, input'): CostResult {
  return { amountValue, currency: 'usd', projectId, lineItem };
}

function costBucket(isoDate: string, results: CostResult[]): CostBucket {
  return { startTime: day(isoDate), endTime: day(isoDate) + DAY, results };
}

function use(
  projectId: string | null,
  model: string | null,
  inputTokens: number,
  outputTokens: number,
  requests: number,
): CompletionsUsageResult {
  return { projectId, model, inputTokens, outputTokens, requests };
}

function usageBucket(isoDate: string, results: CompletionsUsageResult[]): CompletionsUsageBucket {
  return { startTime: day(isoDate), endTime: day(isoDate) + DAY, results };
}

function summarize(input: Partial<SummarizeUsageInput>) {
  return summarizeUsage({ costs: [], usage: [], now: NOW, scope: 'organization', ...input });
}

describe('summarizeUsage periods', () => {
  const costs = [
    costBucket('2025-03-15', [cost(1, 'proj_a'), cost(2, 'proj_b', 'gpt-4o, output'), cost(0.5, null)]),
    costBucket('2025-03-14', [cost(10, 'proj_a')]),
    costBucket('2025-03-09', [cost(100, 'proj_b')]),
    costBucket('2025-03-08', [cost(1000, 'proj_a')]),
    costBucket('2025-02-28', [cost(10_000, 'proj_a')]),
  ];
  const usage = [
    usageBucket('2025-03-15', [use('proj_a', 'gpt-4o', 100, 10, 1), use('proj_b', 'o3', 200, 20, 2)]),
    usageBucket('2025-03-14', [use('proj_a', 'gpt-4o', 1000, 100, 3)]),
    usageBucket('2025-02-28', [use('proj_b', 'o3', 5, 5, 5)]),
  ];

  it('adds every project and line item of a day for the organization', () => {
    const summary = summarize({ costs, usage });
    expect(summary.today).toEqual({ costMicros: 3_500_000, inputTokens: 300, outputTokens: 30, requests: 3 });
    expect(summary.yesterday).toEqual({ costMicros: 10_000_000, inputTokens: 1000, outputTokens: 100, requests: 3 });
    // Today and the six days before: 9–15 March.
    expect(summary.last7Days.costMicros).toBe(113_500_000);
    expect(summary.monthToDate).toEqual({ costMicros: 1_113_500_000, inputTokens: 1300, outputTokens: 130, requests: 6 });
    expect(summary.currency).toBe('USD');
  });

  it('keeps only one project\'s rows when scoped to it', () => {
    const summary = summarize({ costs, usage, scope: 'proj_b' });
    expect(summary.scope).toBe('proj_b');
    expect(summary.today).toEqual({ costMicros: 2_000_000, inputTokens: 200, outputTokens: 20, requests: 2 });
    expect(summary.yesterday).toEqual({ costMicros: 0, inputTokens: 0, outputTokens: 0, requests: 0 });
    expect(summary.monthToDate.costMicros).toBe(102_000_000);
    expect(summary.topModels.map((model) => model.model)).toEqual(['o3']);
    // Unattributed costs (project_id null) belong to the organization only.
    expect(summarize({ costs, scope: 'proj_a' }).today.costMicros).toBe(1_000_000);
  });

  it('sums float dollars exactly to the cent', () => {
    const dimes = costBucket('2025-03-15', [
      ...Array.from({ length: 10 }, () => cost(0.1, 'proj_a')),
      cost(0.2, 'proj_b'),
      cost(0.000001, 'proj_b'),
    ]);
    const summary = summarize({ costs: [dimes] });
    expect(summary.today.costMicros).toBe(1_200_001);
    expect(formatMoney(summarize({ costs: [costBucket('2025-03-15', [cost(0.1, 'a'), cost(0.2, 'a')])] }).today.costMicros, 'usd')).toBe('$0.30');
    expect(Number.isInteger(summary.monthToDate.costMicros)).toBe(true);
  });

  it('gives zeros, 30 empty days and USD for an organization with no rows', () => {
    const summary = summarize({});
    const zero = { costMicros: 0, inputTokens: 0, outputTokens: 0, requests: 0 };
    expect(summary.today).toEqual(zero);
    expect(summary.last7Days).toEqual(zero);
    expect(summary.monthToDate).toEqual(zero);
    expect(summary.projectedMonthEndMicros).toBe(0);
    expect(summary.daily).toHaveLength(30);
    expect(summary.daily.every((entry) => entry.costMicros === 0)).toBe(true);
    expect(summary.topLineItems).toEqual([]);
    expect(summary.topModels).toEqual([]);
    expect(summary.currency).toBe('USD');
  });

  it('treats buckets with no results like missing days', () => {
    const summary = summarize({ costs: [costBucket('2025-03-15', [])], usage: [usageBucket('2025-03-15', [])] });
    expect(summary.today.costMicros).toBe(0);
    expect(summary.daily.at(-1)).toEqual({ day: '2025-03-15', startTime: day('2025-03-15'), costMicros: 0 });
  });

  it('refuses to add up costs in different currencies', () => {
    const mixed = costBucket('2025-03-15', [cost(1, 'a'), { ...cost(1, 'b'), currency: 'eur' }]);
    expect(() => summarize({ costs: [mixed] })).toThrow(RangeError);
  });

  it('reports the currency uppercased', () => {
    const euros = costBucket('2025-03-15', [{ ...cost(1, 'a'), currency: 'eur' }]);
    expect(summarize({ costs: [euros] }).currency).toBe('EUR');
  });
});

describe('summarizeUsage daily series', () => {
  it('has every UTC day of the last 30, oldest first, zero where there were no rows', () => {
    const summary = summarize({
      costs: [
        costBucket('2025-03-15', [cost(1.25, 'a')]),
        costBucket('2025-03-01', [cost(2, 'a'), cost(3, 'b')]),
        costBucket('2025-02-14', [cost(4, 'a')]),
        // 31 days ago: outside the series, still February.
        costBucket('2025-02-12', [cost(999, 'a')]),
      ],
    });
    expect(summary.daily).toHaveLength(30);
    expect(summary.daily[0]).toEqual({ day: '2025-02-14', startTime: day('2025-02-14'), costMicros: 4_000_000 });
    expect(summary.daily.at(-1)).toEqual({ day: '2025-03-15', startTime: day('2025-03-15'), costMicros: 1_250_000 });
    expect(summary.daily.find((entry) => entry.day === '2025-03-01')?.costMicros).toBe(5_000_000);
    expect(summary.daily.filter((entry) => entry.costMicros === 0)).toHaveLength(27);
    for (let i = 1; i < summary.daily.length; i++) {
      expect((summary.daily[i]?.startTime ?? 0) - (summary.daily[i - 1]?.startTime ?? 0)).toBe(DAY);
    }
  });
});

describe('summarizeUsage UTC day boundaries', () => {
  const costs = [costBucket('2025-03-14', [cost(1, 'a')]), costBucket('2025-03-15', [cost(2, 'a')])];

  it('starts a new day exactly at UTC midnight', () => {
    const before = summarize({ costs, now: ms('2025-03-14T23:59:59.999Z') });
    const after = summarize({ costs, now: ms('2025-03-15T00:00:00.000Z') });
    expect(before.today.costMicros).toBe(1_000_000);
    expect(before.daily.at(-1)?.day).toBe('2025-03-14');
    expect(after.today.costMicros).toBe(2_000_000);
    expect(after.yesterday.costMicros).toBe(1_000_000);
    expect(after.daily.at(-1)?.day).toBe('2025-03-15');
  });

  it('starts the month on the 1st in UTC, not in the local zone', () => {
    const monthEdge = [costBucket('2025-02-28', [cost(7, 'a')]), costBucket('2025-03-01', [cost(1, 'a')])];
    // 05:00 UTC on 1 March is still 28 February in Los Angeles.
    const summary = summarize({ costs: monthEdge, now: ms('2025-03-01T05:00:00Z') });
    expect(summary.monthToDate.costMicros).toBe(1_000_000);
    expect(summary.yesterday.costMicros).toBe(7_000_000);
    expect(summary.last7Days.costMicros).toBe(8_000_000);
  });
});

describe('summarizeUsage projection', () => {
  // 2 dollars on each complete day of March so far (1–14).
  const steady = Array.from({ length: 14 }, (_, i) => costBucket(`2025-03-${String(i + 1).padStart(2, '0')}`, [cost(2, 'a')]));

  it('extrapolates the average complete day to the whole month, leaving partial today out', () => {
    const summary = summarize({ costs: [...steady, costBucket('2025-03-15', [cost(0.01, 'a')])] });
    expect(summary.monthToDate.costMicros).toBe(28_010_000);
    expect(summary.projectedMonthEndMicros).toBe(62_000_000);
  });

  it('never projects less than already spent, so a spike today shows', () => {
    const summary = summarize({ costs: [...steady, costBucket('2025-03-15', [cost(100, 'a')])] });
    expect(summary.projectedMonthEndMicros).toBe(128_000_000);
  });

  it('uses the month\'s own length', () => {
    const february = Array.from({ length: 10 }, (_, i) => costBucket(`2025-02-${String(i + 1).padStart(2, '0')}`, [cost(1, 'a')]));
    expect(summarize({ costs: february, now: ms('2025-02-11T12:00:00Z') }).projectedMonthEndMicros).toBe(28_000_000);
  });

  it('has no projection on the first UTC day of a month', () => {
    const summary = summarize({ costs: [costBucket('2025-03-01', [cost(5, 'a')])], now: ms('2025-03-01T23:00:00Z') });
    expect(summary.projectedMonthEndMicros).toBeNull();
  });
});

describe('summarizeUsage top lists', () => {
  it('ranks line items by cost over 30 days, unattributed last among ties, and keeps topCount', () => {
    const summary = summarize({
      costs: [
        costBucket('2025-03-15', [cost(1, 'a', 'gpt-4o, input'), cost(3, 'a', 'gpt-4o, output'), cost(3, 'b', null)]),
        costBucket('2025-03-01', [cost(0.5, 'b', 'gpt-4o, input'), cost(0, 'a', 'web search')]),
        costBucket('2025-02-01', [cost(50, 'a', 'old item')]),
      ],
      topCount: 2,
    });
    expect(summary.topLineItems).toEqual([
      { lineItem: 'gpt-4o, output', costMicros: 3_000_000 },
      { lineItem: null, costMicros: 3_000_000 },
    ]);
    expect(summarize({ costs: [costBucket('2025-03-01', [cost(0, 'a', 'web search')])] }).topLineItems).toEqual([]);
  });

  it('ranks models by tokens, merging projects and days', () => {
    const summary = summarize({
      usage: [
        usageBucket('2025-03-15', [use('a', 'gpt-4o-mini', 900, 0, 9), use('b', 'o3', 300, 300, 1)]),
        usageBucket('2025-03-10', [use('a', 'o3', 500, 0, 1), use('a', null, 1, 1, 1)]),
      ],
    });
    expect(summary.topModels).toEqual([
      { model: 'o3', inputTokens: 800, outputTokens: 300, requests: 2 },
      { model: 'gpt-4o-mini', inputTokens: 900, outputTokens: 0, requests: 9 },
      { model: null, inputTokens: 1, outputTokens: 1, requests: 1 },
    ]);
  });
});

describe('costs that arrive late', () => {
  it('takes today as never complete, yesterday as complete once its costs or today\'s are in, older days as complete', () => {
    // Nothing reported since the day before yesterday: yesterday may still be arriving.
    expect(costsCompleteThrough([costBucket('2025-03-13', [cost(1, 'a')])], NOW)).toBe(day('2025-03-13'));
    expect(costsCompleteThrough([], NOW)).toBe(day('2025-03-13'));
    // A bucket that came back empty says nothing was reported for that day yet.
    expect(costsCompleteThrough([costBucket('2025-03-14', [])], NOW)).toBe(day('2025-03-13'));
    expect(costsCompleteThrough([costBucket('2025-03-14', [cost(1, 'a')])], NOW)).toBe(day('2025-03-14'));
    expect(costsCompleteThrough([costBucket('2025-03-15', [cost(1, 'a')])], NOW)).toBe(day('2025-03-14'));
  });

  it('leaves a day whose costs have not arrived out of the projection instead of counting it as $0', () => {
    // $2 on every day of March up to the 13th; the 14th (yesterday) not reported yet.
    const reported = Array.from({ length: 13 }, (_, i) => costBucket(`2025-03-${String(i + 1).padStart(2, '0')}`, [cost(2, 'a')]));
    const summary = summarize({ costs: reported });
    // 13 complete days at $2: $62 for March, not 26 / 14 × 31 = $57.57.
    expect(summary.projectedMonthEndMicros).toBe(62_000_000);
    expect(summarize({ costs: reported, costsCompleteThrough: day('2025-03-14') }).projectedMonthEndMicros).toBe(57_571_429);
  });

  it('has no projection on the 2nd while the 1st is not reported yet', () => {
    expect(summarize({ costs: [], now: ms('2025-03-02T09:00:00Z') }).projectedMonthEndMicros).toBeNull();
    expect(
      summarize({ costs: [costBucket('2025-03-01', [cost(3, 'a')])], now: ms('2025-03-02T09:00:00Z') }).projectedMonthEndMicros,
    ).toBe(93_000_000);
  });
});

describe('summarizeScopes', () => {
  it('gives every project the same summary as summarizing it alone, in one pass', () => {
    const costs = [
      costBucket('2025-03-15', [cost(1, 'proj_a'), cost(2, 'proj_b', 'gpt-4o, output'), cost(0.5, null)]),
      costBucket('2025-03-14', [cost(10, 'proj_a')]),
      costBucket('2025-02-20', [cost(7, 'proj_c', 'web search')]),
    ];
    const usage = [usageBucket('2025-03-15', [use('proj_a', 'gpt-4o', 100, 10, 1), use('proj_d', 'o3', 5, 5, 5)])];
    const all = summarizeScopes({ costs, usage, now: NOW, scopes: 'every-project' });
    expect([...all.keys()].sort()).toEqual(['organization', 'proj_a', 'proj_b', 'proj_c', 'proj_d']);
    for (const [scope, summary] of all) expect(summary).toEqual(summarize({ costs, usage, scope }));
    const some = summarizeScopes({ costs, usage, now: NOW, scopes: ['proj_b', 'proj_none'] });
    expect([...some.keys()]).toEqual(['proj_b', 'proj_none']);
    expect(some.get('proj_none')).toEqual(summarize({ costs, usage, scope: 'proj_none' }));
  });
});
