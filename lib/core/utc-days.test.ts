import { describe, expect, it } from 'vitest';
import { utcDayKey, utcDayStart, utcDaysInMonth, utcMonthStart } from './utc-days';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('UTC day helpers', () => {
  it('cut days at UTC midnight whatever the machine\'s time zone', () => {
    expect(utcDayStart(at('2025-03-15T23:59:59Z'))).toBe(at('2025-03-15T00:00:00Z'));
    expect(utcDayStart(at('2025-03-16T00:00:00Z'))).toBe(at('2025-03-16T00:00:00Z'));
    expect(utcDayKey(at('2025-03-15T23:59:59Z'))).toBe('2025-03-15');
    // A day in which US clocks change is still 24 hours in UTC.
    expect(utcDayStart(at('2025-03-09T12:00:00Z'))).toBe(at('2025-03-09T00:00:00Z'));
  });

  it('find the month start and length, leap years included', () => {
    expect(utcMonthStart(at('2025-03-31T23:00:00Z'))).toBe(at('2025-03-01T00:00:00Z'));
    expect(utcMonthStart(at('2025-03-01T00:00:00Z'))).toBe(at('2025-03-01T00:00:00Z'));
    expect(utcDaysInMonth(at('2024-02-10T00:00:00Z'))).toBe(29);
    expect(utcDaysInMonth(at('2025-02-10T00:00:00Z'))).toBe(28);
    expect(utcDaysInMonth(at('2025-12-31T23:59:59Z'))).toBe(31);
    expect(utcDaysInMonth(at('2025-04-30T23:59:59Z'))).toBe(30);
  });
});
