import { toMicros, type Micros } from '../core/money';
import { csvRecords } from './csv';

/** One figure as each file states it, in integer micro-units of the currency. */
export interface ReconciledAmount {
  currency: string;
  summary: Micros;
  costFiles: Micros;
  focus: Micros;
}

export interface Reconciliation {
  /** True when every month, every project and the totals agree to the micro-unit in all three. */
  matches: boolean;
  unit: 'micro-units (millionths of the currency unit)';
  byMonth: (ReconciledAmount & { month: string })[];
  /** project_id as the files write it; "" for costs the API gave no project. */
  byProject: (ReconciledAmount & { projectId: string })[];
  /** summary.csv's TOTAL rows against the sums of the three files. */
  totals: (ReconciledAmount & { summaryTotalRow: Micros | null })[];
}

/** The files to reconcile, as written into the archive. */
export interface ReconcileInput {
  summaryCsv: string;
  costCsvs: readonly string[];
  focusCsv: string;
}

type Source = 'summary' | 'costFiles' | 'focus';
// Files write amounts as exact decimals of the API's value (plainDecimal) or of micro-units;
// Number() gives back that value, and toMicros rounds it as summary.csv's sum does.
const micros = (text: string): Micros => toMicros(Number(text));

/**
 * Reads summary.csv, the cost files and the FOCUS file back and sums each per month, per
 * project and in all, in integer micro-units: the archive is consistent only when all
 * three agree everywhere (and summary.csv's TOTAL rows state the same sums).
 */
export function reconcile({ summaryCsv, costCsvs, focusCsv }: ReconcileInput): Reconciliation {
  const byMonth = new Map<string, ReconciledAmount & { month: string }>();
  const byProject = new Map<string, ReconciledAmount & { projectId: string }>();
  const totals = new Map<string, ReconciledAmount & { summaryTotalRow: Micros | null }>();
  const zero = (currency: string) => ({ currency, summary: 0, costFiles: 0, focus: 0 });
  const add = (source: Source, month: string, projectId: string, currencyText: string, amount: Micros) => {
    const currency = currencyText.toLowerCase();
    const monthLine = byMonth.get(`${month} ${currency}`) ?? { month, ...zero(currency) };
    monthLine[source] += amount;
    byMonth.set(`${month} ${currency}`, monthLine);
    const projectLine = byProject.get(`${projectId} ${currency}`) ?? { projectId, ...zero(currency) };
    projectLine[source] += amount;
    byProject.set(`${projectId} ${currency}`, projectLine);
    const total = totals.get(currency) ?? { ...zero(currency), summaryTotalRow: null };
    total[source] += amount;
    totals.set(currency, total);
  };

  for (const row of csvRecords(summaryCsv)) {
    const month = row.month ?? '';
    if (month.startsWith('TOTAL')) {
      const currency = (row.currency ?? '').toLowerCase();
      const total = totals.get(currency) ?? { ...zero(currency), summaryTotalRow: null };
      total.summaryTotalRow = micros(row.amount ?? '');
      totals.set(currency, total);
    } else add('summary', month, row.project_id ?? '', row.currency ?? '', micros(row.amount ?? ''));
  }
  for (const text of costCsvs) {
    for (const row of csvRecords(text)) {
      // A day without charges is a row of times only.
      if ((row.amount_value ?? '') === '') continue;
      add('costFiles', (row.start_time_iso ?? '').slice(0, 7), row.project_id ?? '', row.amount_currency ?? '', micros(row.amount_value ?? ''));
    }
  }
  for (const row of csvRecords(focusCsv)) {
    add('focus', (row.BillingPeriodStart ?? '').slice(0, 7), row.SubAccountId ?? '', row.BillingCurrency ?? '', micros(row.BilledCost ?? ''));
  }

  const agree = (line: ReconciledAmount) => line.summary === line.costFiles && line.costFiles === line.focus;
  const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  const result = {
    unit: 'micro-units (millionths of the currency unit)' as const,
    byMonth: sorted(byMonth),
    byProject: sorted(byProject),
    totals: sorted(totals),
  };
  const matches =
    result.byMonth.every(agree) &&
    result.byProject.every(agree) &&
    result.totals.every((total) => agree(total) && (total.summaryTotalRow ?? 0) === total.summary);
  return { matches, ...result };
}
