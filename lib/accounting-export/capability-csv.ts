import type { TimeBucket } from '../admin-api/responses';
import { USAGE_CAPABILITIES, type UsageCapability, type UsageRow } from '../admin-api/usage-capabilities';
import type { MonthSpan } from '../archive/month-range';
import { textCell, type CsvRow } from './csv';
import { dailyRows } from './day-buckets';
import { csvFloat } from './numbers';

/** A capability's file header: the four time columns, then the fields its results have, in the order of lib/admin-api/usage-capabilities.ts. */
export function capabilityCsvHeader(capability: UsageCapability): CsvRow {
  return ['start_time', 'end_time', 'start_time_iso', 'end_time_iso', ...USAGE_CAPABILITIES[capability].fields.map((field) => field.name)];
}

/**
 * A month's file of one usage capability, laid out as the dashboard's completions usage file
 * is (one row per result and day, empty days as time-only rows, counts as floats). Text
 * columns go through textCell; counts stay plain numbers.
 */
export function capabilityCsvRows(capability: UsageCapability, buckets: readonly TimeBucket<UsageRow>[], span: MonthSpan): CsvRow[] {
  const { fields } = USAGE_CAPABILITIES[capability];
  return dailyRows(capabilityCsvHeader(capability), buckets, span, (row) =>
    fields.map((field) => {
      const value = row[field.name];
      if (value === null || value === undefined) return '';
      return typeof value === 'number' ? csvFloat(value) : textCell(value);
    }),
  );
}
