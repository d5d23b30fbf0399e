import { describe, expect, it } from 'vitest';
import {
  isMonthKey,
  isWholeMonths,
  monthOfRange,
  monthsInRange,
  rangeContains,
  rangesOverlap,
  shiftDay,
  spanOf,
  toCalendarProxy,
  wholeMonths,
  type MonthSpan,
} from './month-range';

/** The spans' days, for comparing with what the dashboard's file names say. */
const days = (spans: readonly MonthSpan[]) => spans.map(({ month, firstDay, lastDay }) => ({ month, firstDay, lastDay }));
const utc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;

// Run also with TZ=America/Los_Angeles and TZ=Pacific/Auckland: the results must not move.
describe('monthsInRange', () => {
  it('gives one whole month for a range covering exactly that month', () => {
    expect(days(monthsInRange('2024-03-01', '2024-03-31'))).toEqual([
      { month: '2024-03', firstDay: '2024-03-01', lastDay: '2024-03-31' },
    ]);
  });

  it('knows February of leap and common years', () => {
    expect(days(monthsInRange('2024-02-01', '2024-02-29'))).toEqual([
      { month: '2024-02', firstDay: '2024-02-01', lastDay: '2024-02-29' },
    ]);
    expect(days(monthsInRange('2023-01-01', '2023-03-31'))[1]).toEqual({
      month: '2023-02',
      firstDay: '2023-02-01',
      lastDay: '2023-02-28',
    });
    // 1900 is not a leap year, 2000 is.
    expect(monthsInRange('1900-02-01', '1900-02-28')[0]?.lastDay).toBe('1900-02-28');
    expect(monthsInRange('2000-02-01', '2000-02-29')[0]?.lastDay).toBe('2000-02-29');
  });

  it('covers a calendar year with 12 months of the right lengths', () => {
    const months = monthsInRange('2024-01-01', '2024-12-31');
    expect(months.map((m) => m.month)).toEqual([
      '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06',
      '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12',
    ]);
    expect(months.map((m) => m.lastDay.slice(8))).toEqual([
      '31', '29', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31',
    ]);
    expect(months.every((m) => m.firstDay === `${m.month}-01`)).toBe(true);
  });

  it('crosses year boundaries over 36 months', () => {
    const months = monthsInRange('2023-11-01', '2026-10-31');
    expect(months).toHaveLength(36);
    expect(months[0]?.month).toBe('2023-11');
    expect(days(months)[2]).toEqual({ month: '2024-01', firstDay: '2024-01-01', lastDay: '2024-01-31' });
    expect(days(months)[35]).toEqual({ month: '2026-10', firstDay: '2026-10-01', lastDay: '2026-10-31' });
    expect(new Set(months.map((m) => m.month)).size).toBe(36);
  });

  it('covers DST switch months unchanged (March/October/November/April)', () => {
    const months = monthsInRange('2024-03-01', '2024-11-30');
    expect(months.find((m) => m.month === '2024-03')?.lastDay).toBe('2024-03-31');
    expect(months.find((m) => m.month === '2024-04')?.firstDay).toBe('2024-04-01');
    expect(months.find((m) => m.month === '2024-10')?.lastDay).toBe('2024-10-31');
    expect(months.find((m) => m.month === '2024-11')?.firstDay).toBe('2024-11-01');
  });

  it('clips the first and last month to the range', () => {
    expect(days(monthsInRange('2025-11-15', '2026-01-10'))).toEqual([
      { month: '2025-11', firstDay: '2025-11-15', lastDay: '2025-11-30' },
      { month: '2025-12', firstDay: '2025-12-01', lastDay: '2025-12-31' },
      { month: '2026-01', firstDay: '2026-01-01', lastDay: '2026-01-10' },
    ]);
    expect(days(monthsInRange('2025-12-22', '2025-12-22'))).toEqual([
      { month: '2025-12', firstDay: '2025-12-22', lastDay: '2025-12-22' },
    ]);
  });

  it('reads Date inputs by their UTC day, whatever the local zone', () => {
    // Local time is already February in Auckland and still January 31st in Los Angeles.
    const months = monthsInRange(new Date('2024-01-31T23:30:00Z'), new Date('2024-02-01T00:30:00Z'));
    expect(days(months)).toEqual([
      { month: '2024-01', firstDay: '2024-01-31', lastDay: '2024-01-31' },
      { month: '2024-02', firstDay: '2024-02-01', lastDay: '2024-02-01' },
    ]);
  });

  it('rejects reversed ranges and malformed or impossible days', () => {
    expect(() => monthsInRange('2024-02-01', '2024-01-31')).toThrow(RangeError);
    expect(() => monthsInRange('2023-02-29', '2023-03-31')).toThrow(/No such day/);
    expect(() => monthsInRange('2024-1-01', '2024-03-31')).toThrow(RangeError);
    expect(() => monthsInRange(new Date(Number.NaN), '2024-03-31')).toThrow(RangeError);
  });
});

describe('monthsInRange in Unix seconds', () => {
  it('gives each span the Admin API\'s bounds: 00:00 UTC of its first day to that of the day after its last', () => {
    expect(monthsInRange('2025-11-15', '2026-01-10')).toEqual([
      { month: '2025-11', firstDay: '2025-11-15', lastDay: '2025-11-30', start: utc('2025-11-15'), end: utc('2025-12-01') },
      { month: '2025-12', firstDay: '2025-12-01', lastDay: '2025-12-31', start: utc('2025-12-01'), end: utc('2026-01-01') },
      { month: '2026-01', firstDay: '2026-01-01', lastDay: '2026-01-10', start: utc('2026-01-01'), end: utc('2026-01-11') },
    ]);
    const year = monthsInRange('2024-01-01', '2024-12-31');
    for (let i = 1; i < year.length; i += 1) expect(year[i]?.start).toBe(year[i - 1]?.end);
    // Years below 100 stay literal here too (Date.UTC would read 24 as 1924).
    expect(monthsInRange('0024-01-15', '0024-01-15')[0]?.start).toBe(new Date(0).setUTCFullYear(24, 0, 15) / 1000);
  });
});

describe('wholeMonths', () => {
  it('runs from the first day of the first month to the last day of the last', () => {
    expect(wholeMonths('2024-01', '2024-02')).toEqual({ start: '2024-01-01', endInclusive: '2024-02-29' });
    expect(wholeMonths('2023-12', '2023-12')).toEqual({ start: '2023-12-01', endInclusive: '2023-12-31' });
    expect(() => wholeMonths('2024-1', '2024-02')).toThrow(RangeError);
  });
});

describe('toCalendarProxy', () => {
  it('keeps years below 100 literal', () => {
    expect(toCalendarProxy('0024-01-15').getFullYear()).toBe(24);
  });
});

describe('isMonthKey', () => {
  it('accepts YYYY-MM with a real month only', () => {
    expect(isMonthKey('2024-01')).toBe(true);
    expect(isMonthKey('2024-12')).toBe(true);
    expect(isMonthKey('2024-13')).toBe(false);
    expect(isMonthKey('2024-00')).toBe(false);
    expect(isMonthKey('2024-1')).toBe(false);
    expect(isMonthKey('2024-01-01')).toBe(false);
  });
});

describe('day ranges', () => {
  const range = (start: string, endInclusive: string) => ({ start, endInclusive });

  it('tells whole months from other ranges, 31-day windows across months among them', () => {
    expect(isWholeMonths(range('2024-01-01', '2024-02-29'))).toBe(true);
    expect(isWholeMonths(range('2026-06-01', '2026-07-01'))).toBe(false);
    expect(isWholeMonths(range('2026-05-02', '2026-05-31'))).toBe(false);
  });

  it('compares, spans and shifts ranges of days', () => {
    expect(rangeContains(range('2026-06-01', '2026-07-01'), range('2026-06-01', '2026-07-01'))).toBe(true);
    expect(rangeContains(range('2026-06-01', '2026-06-30'), range('2026-06-01', '2026-07-01'))).toBe(false);
    expect(rangesOverlap(range('2026-06-01', '2026-06-30'), range('2026-06-30', '2026-07-30'))).toBe(true);
    expect(rangesOverlap(range('2026-06-01', '2026-06-30'), range('2026-07-01', '2026-07-30'))).toBe(false);
    expect(spanOf([range('2026-07-02', '2026-08-01'), range('2026-05-01', '2026-05-31')])).toEqual(range('2026-05-01', '2026-08-01'));
    expect(spanOf([])).toBeNull();
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(monthOfRange(range('2024-02-01', '2024-02-29'))).toBe('2024-02');
    expect(monthOfRange(range('2026-06-01', '2026-07-01'))).toBeNull();
  });
});
