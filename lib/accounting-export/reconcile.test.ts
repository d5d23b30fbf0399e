import { describe, expect, it } from 'vitest';
import { reconcile } from './reconcile';

const summary = 'month,project_id,project_name,line_item,amount,currency\n2025-01,proj_a,A,x,0.30,usd\n2025-02,,,,0.000001,usd\nTOTAL,,,,0.300001,usd\n';
const cost = (amount: string) =>
  `start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,project_id\n1,2,2025-01-05T00:00:00+00:00,x,0.1,usd,proj_a\n1,2,2025-01-06T00:00:00+00:00,x,${amount},usd,proj_a\n1,2,2025-01-07T00:00:00+00:00,x,,,\n`;
const february = 'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,project_id\n1,2,2025-02-01T00:00:00+00:00,x,0.000001,usd,\n';
const focus = (amount: string) =>
  `BilledCost,BillingCurrency,BillingPeriodStart,SubAccountId\n0.1,USD,2025-01-01T00:00:00Z,proj_a\n${amount},USD,2025-01-01T00:00:00Z,proj_a\n0.000001,USD,2025-02-01T00:00:00Z,\n`;

describe('reconcile', () => {
  it('sums every file per month and project in micro-units: 0.1 + 0.2 is exactly 0.3 everywhere', () => {
    const result = reconcile({ summaryCsv: summary, costCsvs: [cost('0.2'), february], focusCsv: focus('0.2') });
    expect(result.matches).toBe(true);
    expect(result.byMonth).toEqual([
      { month: '2025-01', currency: 'usd', summary: 300_000, costFiles: 300_000, focus: 300_000 },
      { month: '2025-02', currency: 'usd', summary: 1, costFiles: 1, focus: 1 },
    ]);
    expect(result.byProject.map((line) => line.projectId)).toEqual(['', 'proj_a']);
    expect(result.totals).toEqual([{ currency: 'usd', summary: 300_001, costFiles: 300_001, focus: 300_001, summaryTotalRow: 300_001 }]);
  });

  it('finds a micro-unit of difference in any one file', () => {
    expect(reconcile({ summaryCsv: summary, costCsvs: [cost('0.200001'), february], focusCsv: focus('0.2') }).matches).toBe(false);
    expect(reconcile({ summaryCsv: summary, costCsvs: [cost('0.2'), february], focusCsv: focus('0.199999') }).matches).toBe(false);
    expect(reconcile({ summaryCsv: summary.replace('TOTAL,,,,0.300001', 'TOTAL,,,,0.3'), costCsvs: [cost('0.2'), february], focusCsv: focus('0.2') }).matches).toBe(false);
    expect(reconcile({ summaryCsv: summary, costCsvs: [cost('0.2')], focusCsv: focus('0.2') }).matches).toBe(false);
  });
});
