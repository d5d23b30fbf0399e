import { describe, expect, it } from 'vitest';
import type { CostBucket } from '../admin-api/responses';
import { toCsv } from './csv';
import { periodMonths } from './period';
import { summaryCsvRows } from './summary';

const DAY = 86_400;
const JAN_1 = Date.UTC(2025, 0, 1) / 1000;
const FEB_1 = Date.UTC(2025, 1, 1) / 1000;
const months = periodMonths({ kind: 'year', year: 2025 });
const names = new Map([['proj_a', 'Alpha']]);

const bucket = (start: number, results: CostBucket['results']): CostBucket => ({ startTime: start, endTime: start + DAY, results });

describe('summaryCsvRows', () => {
  it('sums per month, project and line item exactly, then totals per currency', () => {
    const buckets = [
      bucket(JAN_1, [
        { amountValue: 0.1, currency: 'usd', lineItem: 'gpt-4o, input', projectId: 'proj_a' },
        { amountValue: 0.000001, currency: 'usd', lineItem: null, projectId: null },
      ]),
      bucket(JAN_1 + DAY, [{ amountValue: 0.2, currency: 'usd', lineItem: 'gpt-4o, input', projectId: 'proj_a' }]),
      bucket(FEB_1, [{ amountValue: 3, currency: 'usd', lineItem: 'web search', projectId: 'proj_b' }]),
      bucket(FEB_1 + DAY, []),
    ];
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toCsv(summaryCsvRows(buckets, months, names, []))).toBe(
      [
        'month,project_id,project_name,line_item,amount,currency',
        '2025-01,,,,0.000001,usd',
        '2025-01,proj_a,Alpha,"gpt-4o, input",0.30,usd',
        '2025-02,proj_b,,web search,3.00,usd',
        'TOTAL,,,,3.300001,usd',
        '',
      ].join('\n'),
    );
  });

  it('rounds each amount to the micro-unit before adding', () => {
    const buckets = [
      bucket(JAN_1, [{ amountValue: 1.0000004, currency: 'usd', lineItem: null, projectId: null }]),
      bucket(JAN_1 + DAY, [{ amountValue: 1.0000004, currency: 'usd', lineItem: null, projectId: null }]),
    ];
    expect(summaryCsvRows(buckets, months, names, []).slice(1)).toEqual([
      ['2025-01', '', '', '', '2.00', 'usd'],
      ['TOTAL', '', '', '', '2.00', 'usd'],
    ]);
  });

  it('keeps currencies apart and says which months a total leaves out', () => {
    const buckets = [
      bucket(JAN_1, [{ amountValue: 1, currency: 'usd', lineItem: null, projectId: null }]),
      bucket(JAN_1, [{ amountValue: 2, currency: 'eur', lineItem: null, projectId: null }]),
    ];
    const rows = summaryCsvRows(buckets, months, names, ['2025-03', '2025-04']);
    expect(rows.slice(-2)).toEqual([
      ['TOTAL (incomplete: costs missing for 2025-03, 2025-04)', '', '', '', '2.00', 'eur'],
      ['TOTAL (incomplete: costs missing for 2025-03, 2025-04)', '', '', '', '1.00', 'usd'],
    ]);
  });

  it('states a zero total when nothing was charged, and ignores buckets outside the year', () => {
    const outside = bucket(Date.UTC(2026, 0, 1) / 1000, [{ amountValue: 5, currency: 'usd', lineItem: null, projectId: null }]);
    expect(summaryCsvRows([outside], months, names, [])).toEqual([
      ['month', 'project_id', 'project_name', 'line_item', 'amount', 'currency'],
      ['TOTAL', '', '', '', '0.00', 'usd'],
    ]);
  });

  it('names the last day of a period under way in the TOTAL label, beside missing months', () => {
    const rows = summaryCsvRows([bucket(JAN_1, [{ amountValue: 2, currency: 'usd', lineItem: null, projectId: null }])], months, names, [], '2025-01-20');
    expect(rows.at(-1)).toEqual(['TOTAL so far (to 2025-01-20)', '', '', '', '2.00', 'usd']);
    expect(summaryCsvRows([], months, names, ['2025-01'], '2025-01-20').at(-1)?.[0]).toBe('TOTAL so far (to 2025-01-20) (incomplete: costs missing for 2025-01)');
  });

  it('neutralizes names, ids and line items a spreadsheet would run, never the amounts', () => {
    const buckets = [
      bucket(JAN_1, [{ amountValue: -0.5, currency: 'usd', lineItem: '@SUM(1,2)', projectId: '+proj' }]),
      bucket(JAN_1, [{ amountValue: 2, currency: 'usd', lineItem: 'gpt-4o, input', projectId: 'proj_a' }]),
    ];
    const hostileNames = new Map([['+proj', '=HYPERLINK("http://x.example")'], ['proj_a', 'Alpha']]);
    expect(toCsv(summaryCsvRows(buckets, months, hostileNames, []))).toBe(
      [
        'month,project_id,project_name,line_item,amount,currency',
        '2025-01,\'+proj,"\'=HYPERLINK(""http://x.example"")","\'@SUM(1,2)",-0.50,usd',
        '2025-01,proj_a,Alpha,"gpt-4o, input",2.00,usd',
        'TOTAL,,,,1.50,usd',
        '',
      ].join('\n'),
    );
  });
});
