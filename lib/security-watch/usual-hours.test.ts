import { describe, expect, it } from 'vitest';
import { describeUsualHours, hourAndWeekday, isWithinUsualHours } from './usual-hours';

const at = (iso: string) => Date.parse(iso) / 1000;
const office = { startHour: 8, endHour: 20, weekends: false };

describe('usual hours', () => {
  it('reads the hour and weekday in the given time zone', () => {
    // 2025-03-14 is a Friday; 23:30 UTC is already Saturday 00:30 in Berlin.
    expect(hourAndWeekday(at('2025-03-14T23:30:00Z'), 'UTC')).toEqual({ hour: 23, weekday: 5 });
    expect(hourAndWeekday(at('2025-03-14T23:30:00Z'), 'Europe/Berlin')).toEqual({ hour: 0, weekday: 6 });
  });

  it('is within 08:00–20:00 on a weekday and outside at night or on weekends', () => {
    expect(isWithinUsualHours(at('2025-03-14T09:00:00Z'), office, 'UTC')).toBe(true);
    expect(isWithinUsualHours(at('2025-03-14T20:00:00Z'), office, 'UTC')).toBe(false);
    expect(isWithinUsualHours(at('2025-03-14T03:00:00Z'), office, 'UTC')).toBe(false);
    expect(isWithinUsualHours(at('2025-03-15T10:00:00Z'), office, 'UTC')).toBe(false);
    expect(isWithinUsualHours(at('2025-03-15T10:00:00Z'), { ...office, weekends: true }, 'UTC')).toBe(true);
    // 19:30 UTC is 20:30 in Berlin: outside there.
    expect(isWithinUsualHours(at('2025-03-14T19:30:00Z'), office, 'Europe/Berlin')).toBe(false);
  });

  it('wraps past midnight and treats equal start and end as all day', () => {
    const night = { startHour: 22, endHour: 6, weekends: true };
    expect(isWithinUsualHours(at('2025-03-14T23:00:00Z'), night, 'UTC')).toBe(true);
    expect(isWithinUsualHours(at('2025-03-14T05:00:00Z'), night, 'UTC')).toBe(true);
    expect(isWithinUsualHours(at('2025-03-14T12:00:00Z'), night, 'UTC')).toBe(false);
    expect(isWithinUsualHours(at('2025-03-14T03:00:00Z'), { startHour: 0, endHour: 0, weekends: true }, 'UTC')).toBe(true);
  });

  it('says the rule in words', () => {
    expect(describeUsualHours(office, 'Europe/Berlin')).toBe('08:00–20:00, Monday to Friday, Europe/Berlin time');
    expect(describeUsualHours({ startHour: 0, endHour: 0, weekends: true }, 'UTC')).toBe('any time of day, every day, UTC time');
  });
});
