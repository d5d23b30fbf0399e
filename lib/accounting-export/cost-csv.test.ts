import { describe, expect, it } from 'vitest';
import type { CostBucket } from '../admin-api/responses';
import type { MonthSpan } from '../archive/month-range';
import { COST_CSV_HEADER, costCsvRows } from './cost-csv';
import { toCsv } from './csv';

const DAY = 86_400;
const OCT_5 = 1759622400; // 2025-10-05T00:00:00Z
/** Three days of a (clipped) month keep the expected text short. */
const span: MonthSpan = { month: '2025-10', start: OCT_5, end: OCT_5 + 3 * DAY, firstDay: '2025-10-05', lastDay: '2025-10-07' };
const context = {
  projectNames: new Map([['proj_a', 'Prod, "EU"']]),
  organizationId: 'org-Hp9m',
  organizationName: 'Personal',
};

describe('costCsvRows', () => {
  it('writes the dashboard columns, API amounts as given and empty days as bare times', () => {
    const buckets: CostBucket[] = [
      {
        startTime: OCT_5,
        endTime: OCT_5 + DAY,
        results: [
          { amountValue: 0.895874, currency: 'usd', lineItem: null, projectId: null },
          { amountValue: 1.5e-7, currency: 'usd', lineItem: 'gpt-5-nano, input_tokens', projectId: 'proj_a' },
        ],
      },
      { startTime: OCT_5 + DAY, endTime: OCT_5 + 2 * DAY, results: [] },
      // Outside the span: belongs to another file.
      { startTime: OCT_5 + 5 * DAY, endTime: OCT_5 + 6 * DAY, results: [{ amountValue: 9, currency: 'usd', lineItem: null, projectId: null }] },
    ];
    expect(toCsv(costCsvRows(buckets, span, context))).toBe(
      [
        COST_CSV_HEADER.join(','),
        '1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00,0.895874,usd,,,,,,,org-Hp9m,,Personal,,',
        '1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00,0.00000015,usd,,,"gpt-5-nano, input_tokens",,,proj_a,org-Hp9m,"Prod, ""EU""",Personal,,',
        '1759708800,1759795200,2025-10-06T00:00:00+00:00,2025-10-07T00:00:00+00:00,,,,,,,,,,,,,',
        '1759795200,1759881600,2025-10-07T00:00:00+00:00,2025-10-08T00:00:00+00:00,,,,,,,,,,,,,',
        '',
      ].join('\n'),
    );
  });

  it('fills quantity, unit, user, API key and source when the API sent them', () => {
    const buckets: CostBucket[] = [
      {
        startTime: OCT_5,
        endTime: OCT_5 + DAY,
        results: [
          { amountValue: 0.5, currency: 'usd', lineItem: 'gpt-4o, input', projectId: 'proj_a', quantity: 2e-7, quantityUnit: '1000_tokens', userId: 'user-1', apiKeyId: 'key_1', apiSource: 'api' },
        ],
      },
    ];
    expect(toCsv(costCsvRows(buckets, span, context)).split('\n')[1]).toBe(
      '1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00,0.5,usd,0.0000002,1000_tokens,"gpt-4o, input",user-1,key_1,proj_a,org-Hp9m,"Prod, ""EU""",Personal,,api',
    );
  });

  it('has the newer 17-column header', () => {
    expect(COST_CSV_HEADER.join(',')).toBe(
      'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,quantity,quantity_unit,line_item,user_id,api_key_id,project_id,organization_id,project_name,organization_name,user_email,api_source',
    );
  });
});

describe('costCsvRows with keys from usage', () => {
  it('fills api_key_id from the lookup only where the API gave none', () => {
    const buckets: CostBucket[] = [
      {
        startTime: OCT_5,
        endTime: OCT_5 + DAY,
        results: [
          { amountValue: 1, currency: 'usd', lineItem: 'gpt-4o, input', projectId: 'proj_a' },
          { amountValue: 2, currency: 'usd', lineItem: 'gpt-4o, output', projectId: 'proj_a', apiKeyId: 'key_from_costs' },
          { amountValue: 3, currency: 'usd', lineItem: 'web search', projectId: 'proj_a' },
        ],
      },
    ];
    const asked: unknown[][] = [];
    const apiKeyFor = (dayStart: number, projectId: string | null, lineItem: string | null) => {
      asked.push([dayStart, projectId, lineItem]);
      return lineItem === 'web search' ? null : '=key_from_usage';
    };
    const column = COST_CSV_HEADER.indexOf('api_key_id');
    const keys = costCsvRows(buckets, span, { ...context, apiKeyFor }).slice(1, 4).map((row) => row[column]);
    expect(keys).toEqual(["'=key_from_usage", 'key_from_costs', '']);
    expect(asked).toEqual([
      [OCT_5, 'proj_a', 'gpt-4o, input'],
      [OCT_5, 'proj_a', 'web search'],
    ]);
  });
});

describe('costCsvRows against formula injection', () => {
  const hostile = {
    projectNames: new Map([['proj_a', '=HYPERLINK("http://x.example","click")']]),
    organizationId: '@org',
    organizationName: '+Evil Corp',
  };

  it('neutralizes text cells that a spreadsheet would run, and leaves every number byte for byte', () => {
    const buckets: CostBucket[] = [
      {
        startTime: OCT_5,
        endTime: OCT_5 + DAY,
        results: [
          { amountValue: -0.5, currency: 'usd', lineItem: '-cmd|\'/C calc\'!A0', projectId: 'proj_a', quantity: -2, quantityUnit: '\ttokens', apiKeyId: '\rkey', userId: '=1+1', apiSource: '@api' },
        ],
      },
    ];
    expect(toCsv(costCsvRows(buckets, span, hostile)).split('\n')[1]).toBe(
      '1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00,-0.5,usd,-2,\'\ttokens,\'-cmd|\'/C calc\'!A0,\'=1+1,"\'\rkey",proj_a,\'@org,"\'=HYPERLINK(""http://x.example"",""click"")",\'+Evil Corp,,\'@api',
    );
  });

  it('changes nothing in a file without such text', () => {
    const buckets: CostBucket[] = [
      { startTime: OCT_5, endTime: OCT_5 + DAY, results: [{ amountValue: -1.25, currency: 'usd', lineItem: 'gpt-4o, input', projectId: 'proj_a' }] },
    ];
    expect(toCsv(costCsvRows(buckets, span, context)).split('\n')[1]).toBe(
      '1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00,-1.25,usd,,,"gpt-4o, input",,,proj_a,org-Hp9m,"Prod, ""EU""",Personal,,',
    );
  });
});
