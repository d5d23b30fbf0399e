/**
 * Calendar arithmetic in UTC on Unix seconds, matching the API's day buckets. date-fns'
 * calendar helpers (startOfDay, addDays, getDaysInMonth…) work in the machine's time
 * zone, and its UTC add-on is not a dependency, so these few use Date's UTC methods.
 */
export const DAY_SECONDS = 86_400;

export function utcDayStart(epochSeconds: number): number {
  return Math.floor(epochSeconds / DAY_SECONDS) * DAY_SECONDS;
}

export function utcMonthStart(epochSeconds: number): number {
  const date = new Date(epochSeconds * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
}

export function utcDaysInMonth(epochSeconds: number): number {
  const date = new Date(epochSeconds * 1000);
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** "YYYY-MM-DD" of the UTC day containing the instant. */
export function utcDayKey(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}
