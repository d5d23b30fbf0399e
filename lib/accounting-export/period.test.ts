import { describe, expect, it } from 'vitest';
import { describePeriod, periodCutAt, periodDays, periodLabel, periodMonths, periodProblem, type ExportPeriod } from './period';

describe('export periods', () => {
  it.each<[ExportPeriod, { start: string; endInclusive: string }, string[]]>([
    [{ kind: 'year', year: 2024 }, { start: '2024-01-01', endInclusive: '2024-12-31' }, ['2024']],
    [{ kind: 'fiscal-year', start: '2024-04' }, { start: '2024-04-01', endInclusive: '2025-03-31' }, ['FY2024-04', '2025-03']],
    [{ kind: 'fiscal-year', start: '2023-12' }, { start: '2023-12-01', endInclusive: '2024-11-30' }, ['FY2023-12', '2024-11']],
    [{ kind: 'quarter', year: 2024, quarter: 1 }, { start: '2024-01-01', endInclusive: '2024-03-31' }, ['2024-Q1']],
    [{ kind: 'quarter', year: 2024, quarter: 4 }, { start: '2024-10-01', endInclusive: '2024-12-31' }, ['2024-Q4']],
    [{ kind: 'month', month: '2024-02' }, { start: '2024-02-01', endInclusive: '2024-02-29' }, ['2024-02']],
    [{ kind: 'range', start: '2024-01-15', endInclusive: '2024-02-14' }, { start: '2024-01-15', endInclusive: '2024-02-14' }, ['2024-01-15', '2024-02-14']],
    [{ kind: 'range', start: '2024-03-01', endInclusive: '2024-04-30' }, { start: '2024-03-01', endInclusive: '2024-04-30' }, ['2024-03', '2024-04']],
  ])('%j covers %j and is named %j', (period, days, label) => {
    expect(periodDays(period)).toEqual(days);
    expect(periodLabel(period)).toEqual(label);
  });

  it('splits a period into UTC months clipped to it, and to today', () => {
    const months = periodMonths({ kind: 'range', start: '2024-01-15', endInclusive: '2024-03-10' });
    expect(months.map((m) => [m.firstDay, m.lastDay])).toEqual([
      ['2024-01-15', '2024-01-31'],
      ['2024-02-01', '2024-02-29'],
      ['2024-03-01', '2024-03-10'],
    ]);
    const fiscal = periodMonths({ kind: 'fiscal-year', start: '2025-04' }, Date.UTC(2025, 5, 10, 13) / 1000);
    expect(fiscal.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(fiscal.at(-1)?.lastDay).toBe('2025-06-10');
    expect(() => periodMonths({ kind: 'month', month: '2025-07' }, Date.UTC(2025, 5, 10) / 1000)).toThrow(RangeError);
  });

  it('cuts a period under way at today (UTC) and names it so', () => {
    const dec8 = Date.UTC(2026, 11, 8, 23, 30) / 1000;
    expect(periodCutAt({ kind: 'year', year: 2026 }, dec8)).toBe('2026-12-08');
    expect(periodCutAt({ kind: 'quarter', year: 2026, quarter: 4 }, dec8)).toBe('2026-12-08');
    expect(periodCutAt({ kind: 'month', month: '2026-12' }, dec8)).toBe('2026-12-08');
    expect(periodCutAt({ kind: 'range', start: '2026-11-01', endInclusive: '2027-01-15' }, dec8)).toBe('2026-12-08');
    // Over by today's end, or long past, or without `until`: the whole period.
    expect(periodCutAt({ kind: 'range', start: '2026-11-01', endInclusive: '2026-12-08' }, dec8)).toBeNull();
    expect(periodCutAt({ kind: 'year', year: 2025 }, dec8)).toBeNull();
    expect(periodCutAt({ kind: 'year', year: 2026 })).toBeNull();
    expect(periodLabel({ kind: 'year', year: 2026 }, '2026-12-08')).toEqual(['2026', 'to-2026-12-08']);
    expect(periodLabel({ kind: 'fiscal-year', start: '2026-04' }, '2026-12-08')).toEqual(['FY2026-04', '2027-03', 'to-2026-12-08']);
    expect(periodMonths({ kind: 'year', year: 2026 }, dec8).at(-1)?.lastDay).toBe('2026-12-08');
  });

  it('says what is wrong with a period', () => {
    expect(periodProblem({ kind: 'year', year: 2025 }, '2026-01-01')).toBeNull();
    expect(periodProblem({ kind: 'year', year: 2019 }, '2026-01-01')).toMatch(/nothing before 2020-01-01/);
    expect(periodProblem({ kind: 'month', month: '2026-02' }, '2026-01-31')).toMatch(/not started/);
    expect(periodProblem({ kind: 'range', start: '2025-02-29', endInclusive: '2025-03-01' }, '2026-01-01')).toMatch(/No such day/);
    expect(periodProblem({ kind: 'range', start: '2025-03-02', endInclusive: '2025-03-01' }, '2026-01-01')).toMatch(/starts after/);
  });

  it('describes', () => {
    expect(describePeriod({ kind: 'fiscal-year', start: '2025-04' })).toBe('fiscal year 2025-04 to 2026-03');
    expect(describePeriod({ kind: 'quarter', year: 2025, quarter: 2 })).toBe('2025-Q2');
  });
});
