import type { CostBucket } from '../admin-api/responses';
import { toMicros, type Micros } from '../core/money';
import type { MonthKey, MonthSpan } from '../archive/month-range';
import { textCell, type CsvRow } from './csv';
import { microsToDecimal } from '../core/money';

export const SUMMARY_FILE_NAME = 'summary.csv';
export const SUMMARY_CSV_HEADER: CsvRow = ['month', 'project_id', 'project_name', 'line_item', 'amount', 'currency'];

interface SummaryLine {
  month: MonthKey;
  projectId: string;
  lineItem: string;
  currency: string;
  micros: Micros;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Cost per month, project and line item, then one TOTAL row per currency. Amounts are
 * summed as integer micro-units, so the totals are exact to the micro-unit, however many
 * rows go in. Months whose costs could not be fetched are named in the TOTAL label, and so
 * is the last day of a period still under way (`cutAt`), so a total is never mistaken for
 * the whole period's.
 */
export function summaryCsvRows(
  costBuckets: readonly CostBucket[],
  months: readonly MonthSpan[],
  projectNames: ReadonlyMap<string, string>,
  missingMonths: readonly MonthKey[],
  cutAt: string | null = null,
): CsvRow[] {
  const lines = new Map<string, SummaryLine>();
  for (const bucket of costBuckets) {
    const month = months.find((span) => bucket.startTime >= span.start && bucket.startTime < span.end)?.month;
    if (month === undefined) continue;
    for (const result of bucket.results) {
      const line = { month, projectId: result.projectId ?? '', lineItem: result.lineItem ?? '', currency: result.currency };
      const key = JSON.stringify([line.month, line.projectId, line.lineItem, line.currency]);
      const existing = lines.get(key) ?? { ...line, micros: 0 };
      existing.micros += toMicros(result.amountValue);
      lines.set(key, existing);
    }
  }

  const sorted = [...lines.values()].sort(
    (a, b) =>
      compare(a.month, b.month) ||
      compare(a.projectId, b.projectId) ||
      compare(a.lineItem, b.lineItem) ||
      compare(a.currency, b.currency),
  );
  const totals = new Map<string, Micros>();
  for (const line of sorted) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.micros);
  // An export without any cost still states its (zero) total, in the API's usual currency.
  if (totals.size === 0) totals.set('usd', 0);

  const soFar = cutAt === null ? 'TOTAL' : `TOTAL so far (to ${cutAt})`;
  const label = missingMonths.length === 0 ? soFar : `${soFar} (incomplete: costs missing for ${missingMonths.join(', ')})`;
  return [
    SUMMARY_CSV_HEADER,
    // Names, ids, line items and currencies go through textCell; amounts stay plain numbers.
    ...sorted.map((line) => [
      line.month,
      textCell(line.projectId),
      textCell(projectNames.get(line.projectId)),
      textCell(line.lineItem),
      microsToDecimal(line.micros),
      textCell(line.currency),
    ]),
    ...[...totals]
      .sort(([a], [b]) => compare(a, b))
      .map(([currency, micros]) => [label, '', '', '', microsToDecimal(micros), textCell(currency)]),
  ];
}
