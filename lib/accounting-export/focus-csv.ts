import type { CostBucket } from '../admin-api/responses';
import type { MonthSpan } from '../archive/month-range';
import { normalizeCurrency } from '../core/money';
import { DAY_SECONDS } from '../core/utc-days';
import { textCell, type CsvRow } from './csv';
import { FOCUS_COLUMN_RULES } from './focus-rules';
import { plainDecimal } from './numbers';

export const FOCUS_FILE_NAME = 'focus-1.2_costs.csv';

/** OpenAI's own fields, kept next to FOCUS's (FOCUS custom columns start with "x_"). */
const CUSTOM_COLUMNS = ['x_OrganizationId', 'x_ApiKeyId', 'x_UserId', 'x_ApiSource', 'x_QuantityFromApi'] as const;

export const FOCUS_CSV_HEADER: CsvRow = [...FOCUS_COLUMN_RULES.map((rule) => rule.name), ...CUSTOM_COLUMNS];

/** What a charge needs besides the API's result: who is billed, and the project names. */
export interface FocusContext {
  projectNames: ReadonlyMap<string, string>;
  organizationId: string | null;
  organizationName: string | null;
  /** Where the API key comes from when the costs were not grouped by key (see apiKeyFromUsage). */
  apiKeyFor?: (dayStart: number, projectId: string | null, lineItem: string | null) => string | null;
}

/** BillingAccountId must not be null: the organization's id, else its name, else this placeholder. */
export const UNKNOWN_BILLING_ACCOUNT = 'openai-organization';

/** FOCUS's Date/Time format: '2025-03-01T00:00:00Z'. */
const focusTime = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The UTC calendar month holding a day: FOCUS's billing period (OpenAI invoices monthly). */
function billingPeriod(dayStart: number): [number, number] {
  const day = new Date(dayStart * 1000);
  return [Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1) / 1000, Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1) / 1000];
}

/**
 * The costs as a FOCUS 1.2 file: one row per cost result, its daily ChargePeriod inside its
 * monthly BillingPeriod. The API gives no list or contracted price and no discounts, so the
 * four cost columns carry the same amount, written exactly as in the cost files (so every
 * file sums to the same micro-units). The project is the SubAccount, the line item the
 * ChargeDescription; a result without a quantity counts as one day of the charge (FOCUS
 * wants a quantity on every Usage row), which x_QuantityFromApi = false marks. Text goes
 * through textCell; numbers stay plain.
 */
export function focusCsvRows(buckets: readonly CostBucket[], months: readonly MonthSpan[], context: FocusContext): CsvRow[] {
  const rows: CsvRow[] = [FOCUS_CSV_HEADER];
  const billingAccountId = context.organizationId ?? context.organizationName ?? UNKNOWN_BILLING_ACCOUNT;
  for (const bucket of buckets) {
    if (!months.some((span) => bucket.startTime >= span.start && bucket.startTime < span.end)) continue;
    const [periodStart, periodEnd] = billingPeriod(bucket.startTime);
    const chargeEnd = Math.min(bucket.endTime > bucket.startTime ? bucket.endTime : bucket.startTime + DAY_SECONDS, periodEnd);
    for (const result of bucket.results) {
      const amount = plainDecimal(result.amountValue);
      const hasQuantity = result.quantity !== undefined;
      const quantity = hasQuantity ? plainDecimal(result.quantity as number) : '1';
      const unit = hasQuantity ? (result.quantityUnit ?? 'Units') : 'Days';
      const projectName = result.projectId === null ? null : (context.projectNames.get(result.projectId) ?? result.projectId);
      const byName: Record<string, string> = {
        BilledCost: amount,
        BillingAccountId: textCell(billingAccountId),
        BillingAccountName: textCell(context.organizationName),
        BillingCurrency: textCell(normalizeCurrency(result.currency)),
        BillingPeriodEnd: focusTime(periodEnd),
        BillingPeriodStart: focusTime(periodStart),
        ChargeCategory: 'Usage',
        ChargeClass: '',
        ChargeDescription: textCell(result.lineItem),
        ChargePeriodEnd: focusTime(chargeEnd),
        ChargePeriodStart: focusTime(bucket.startTime),
        ContractedCost: amount,
        EffectiveCost: amount,
        InvoiceIssuerName: 'OpenAI',
        ListCost: amount,
        PricingQuantity: quantity,
        PricingUnit: textCell(unit),
        ProviderName: 'OpenAI',
        PublisherName: 'OpenAI',
        ServiceCategory: 'AI and Machine Learning',
        ServiceName: 'OpenAI API',
        ChargeFrequency: 'Usage-Based',
        ServiceSubcategory: 'Generative AI',
        SubAccountId: textCell(result.projectId),
        SubAccountName: textCell(projectName),
        ConsumedQuantity: quantity,
        ConsumedUnit: textCell(unit),
        x_OrganizationId: textCell(context.organizationId),
        x_ApiKeyId: textCell(result.apiKeyId ?? context.apiKeyFor?.(bucket.startTime, result.projectId, result.lineItem)),
        x_UserId: textCell(result.userId),
        x_ApiSource: textCell(result.apiSource),
        x_QuantityFromApi: hasQuantity ? 'true' : 'false',
      };
      rows.push(FOCUS_CSV_HEADER.map((name) => byName[name] ?? ''));
    }
  }
  return rows;
}
