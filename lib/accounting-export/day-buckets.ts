import type { TimeBucket } from '../admin-api/responses';
import { DAY_SECONDS } from '../core/utc-days';
import type { CsvRow } from './csv';
import type { MonthSpan } from '../archive/month-range';
import { isoUtc } from './numbers';

/**
 * The rows of a month's file, after `header`: for each UTC day of the span, one row per
 * result in the API's order, or, for a day without results (or without a bucket), one row
 * holding only the day's times, as the dashboard writes days without a charge.
 */
export function dailyRows<Result>(
  header: CsvRow,
  buckets: readonly TimeBucket<Result>[],
  span: Pick<MonthSpan, 'start' | 'end'>,
  /** The cells after the four time columns; `dayStart` is the bucket's UTC day (Unix seconds). */
  resultFields: (result: Result, dayStart: number) => string[],
): CsvRow[] {
  const days = new Map<number, { endTime: number; results: Result[] }>();
  for (const bucket of buckets) {
    if (bucket.startTime < span.start || bucket.startTime >= span.end) continue;
    const day = days.get(bucket.startTime) ?? { endTime: bucket.endTime, results: [] };
    day.results.push(...bucket.results);
    days.set(bucket.startTime, day);
  }

  const rows: CsvRow[] = [header];
  for (let start = span.start; start < span.end; start += DAY_SECONDS) {
    const day = days.get(start);
    const end = day?.endTime ?? start + DAY_SECONDS;
    const times = [String(start), String(end), isoUtc(start), isoUtc(end)];
    if (!day || day.results.length === 0) {
      rows.push([...times, ...Array<string>(header.length - times.length).fill('')]);
    } else {
      for (const result of day.results) rows.push([...times, ...resultFields(result, start)]);
    }
  }
  return rows;
}
