import type { CostBucket, CostResult } from '../admin-api/responses';
import { textCell, type CsvRow } from './csv';
import { dailyRows } from './day-buckets';
import type { ApiKeyLookup } from './key-from-usage';
import type { MonthSpan } from '../archive/month-range';
import { plainDecimal } from './numbers';

/** The dashboard's newer cost export header (docs/facts.md §2). */
export const COST_CSV_HEADER: CsvRow = [
  'start_time', 'end_time', 'start_time_iso', 'end_time_iso', 'amount_value', 'amount_currency',
  'quantity', 'quantity_unit', 'line_item', 'user_id', 'api_key_id', 'project_id', 'organization_id',
  'project_name', 'organization_name', 'user_email', 'api_source',
];

export interface CsvContext {
  /** Project id → name, archived projects included. */
  projectNames: ReadonlyMap<string, string>;
  organizationId: string | null;
  organizationName: string | null;
  /** Where the API key comes from when the costs were not grouped by key (see apiKeyFromUsage). */
  apiKeyFor?: ApiKeyLookup;
}

/**
 * A month's cost file. Quantity, user, key and source are filled when the API sent them
 * (it does not send user_email; the key may come from usage instead, see CsvContext); the amount is written as plainDecimal explains. Every
 * text column goes through textCell; the amount and quantity stay plain numbers.
 */
export function costCsvRows(buckets: readonly CostBucket[], span: MonthSpan, context: CsvContext): CsvRow[] {
  return dailyRows(COST_CSV_HEADER, buckets, span, (result: CostResult, dayStart) => [
    plainDecimal(result.amountValue),
    textCell(result.currency),
    result.quantity === undefined ? '' : plainDecimal(result.quantity),
    textCell(result.quantityUnit),
    textCell(result.lineItem),
    textCell(result.userId),
    textCell(result.apiKeyId ?? context.apiKeyFor?.(dayStart, result.projectId, result.lineItem)),
    textCell(result.projectId),
    textCell(context.organizationId),
    textCell(result.projectId === null ? undefined : context.projectNames.get(result.projectId)),
    textCell(context.organizationName),
    '',
    textCell(result.apiSource),
  ]);
}
