import type { MonthSpan } from '../archive/month-range';
import { DAY_SECONDS } from '../core/utc-days';
import type { UsageDataset } from './capabilities';

export type Dataset = 'costs' | UsageDataset;

/** The dashboard's name for a month's file: `cost_2025-01-01_2025-01-31.csv`, `embeddings_usage_…`. */
export function monthFileName(dataset: Dataset, span: MonthSpan): string {
  return `${dataset === 'costs' ? 'cost' : dataset}_${span.firstDay}_${span.lastDay}.csv`;
}

export function spanDays(span: Pick<MonthSpan, 'start' | 'end'>): number {
  return (span.end - span.start) / DAY_SECONDS;
}
