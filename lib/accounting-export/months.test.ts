import { describe, expect, it } from 'vitest';
import { monthFileName } from './months';
import { periodMonths } from './period';

const yearMonths = (year: number, until?: number) => periodMonths({ kind: 'year', year }, until);

const utc = (iso: string): number => Date.parse(iso) / 1000;

describe('periodMonths of a calendar year', () => {
  it('splits a year into its 12 UTC months', () => {
    const months = yearMonths(2025);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({
      month: '2025-01',
      start: utc('2025-01-01T00:00:00Z'),
      end: utc('2025-02-01T00:00:00Z'),
      firstDay: '2025-01-01',
      lastDay: '2025-01-31',
    });
    expect(months.map((span) => span.lastDay)).toEqual([
      '2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30',
      '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31',
    ]);
    for (let i = 1; i < months.length; i += 1) expect(months[i]?.start).toBe(months[i - 1]?.end);
    expect(months.at(-1)?.end).toBe(utc('2026-01-01T00:00:00Z'));
  });

  it('knows leap years', () => {
    expect(yearMonths(2024)[1]?.lastDay).toBe('2024-02-29');
  });

  it('stops at the end of the UTC day of "until"', () => {
    const months = yearMonths(2025, utc('2025-03-14T23:59:59Z'));
    expect(months.map((span) => span.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(months[2]).toMatchObject({ lastDay: '2025-03-14', end: utc('2025-03-15T00:00:00Z') });
    expect(yearMonths(2025, utc('2025-01-01T00:00:00Z')).map((span) => span.lastDay)).toEqual(['2025-01-01']);
    expect(yearMonths(2024, utc('2025-06-01T00:00:00Z'))).toHaveLength(12);
  });

  it('refuses a year not yet started or not a year', () => {
    expect(() => yearMonths(2026, utc('2025-12-31T12:00:00Z'))).toThrow(RangeError);
    expect(() => yearMonths(2025.5)).toThrow(RangeError);
  });
});

describe('monthFileName', () => {
  it('names files as the dashboard does', () => {
    const [january] = yearMonths(2025);
    if (!january) throw new Error('no January');
    expect(monthFileName('costs', january)).toBe('cost_2025-01-01_2025-01-31.csv');
    expect(monthFileName('completions_usage', january)).toBe('completions_usage_2025-01-01_2025-01-31.csv');
    expect(monthFileName('web_search_calls_usage', january)).toBe('web_search_calls_usage_2025-01-01_2025-01-31.csv');
  });
});
