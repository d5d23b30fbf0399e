import type { UsualHours } from './settings';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The hour (0–23) and weekday (0 = Sunday) of an instant in a time zone. */
export function hourAndWeekday(epochSeconds: number, timeZone: string): { hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(
    new Date(epochSeconds * 1000),
  );
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0) % 24;
  const weekday = WEEKDAYS.indexOf(parts.find((part) => part.type === 'weekday')?.value ?? 'Mon');
  return { hour, weekday };
}

/**
 * Whether an instant falls in the user's usual hours. `startHour === endHour` means all
 * day; `startHour > endHour` wraps past midnight (a night shift: 22 to 6).
 */
export function isWithinUsualHours(epochSeconds: number, hours: UsualHours, timeZone: string): boolean {
  const { hour, weekday } = hourAndWeekday(epochSeconds, timeZone);
  if (!hours.weekends && (weekday === 0 || weekday === 6)) return false;
  if (hours.startHour === hours.endHour) return true;
  return hours.startHour < hours.endHour
    ? hour >= hours.startHour && hour < hours.endHour
    : hour >= hours.startHour || hour < hours.endHour;
}

const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** "08:00–20:00, Monday to Friday, Europe/Berlin time" */
export function describeUsualHours(hours: UsualHours, timeZone: string): string {
  const span = hours.startHour === hours.endHour ? 'any time of day' : `${pad(hours.startHour)}–${pad(hours.endHour)}`;
  return `${span}, ${hours.weekends ? 'every day' : 'Monday to Friday'}, ${timeZone} time`;
}

/** The browser's time zone; UTC when it cannot say. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
