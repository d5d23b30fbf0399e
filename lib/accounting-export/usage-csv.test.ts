import { describe, expect, it } from 'vitest';
import type { CompletionsUsageBucket } from '../admin-api/responses';
import type { MonthSpan } from '../archive/month-range';
import { toCsv } from './csv';
import { USAGE_CSV_HEADER, usageCsvRows } from './usage-csv';

const DAY = 86_400;
const OCT_5 = 1759622400; // 2025-10-05T00:00:00Z
/** Three days of a (clipped) month keep the expected text short. */
const span: MonthSpan = { month: '2025-10', start: OCT_5, end: OCT_5 + 3 * DAY, firstDay: '2025-10-05', lastDay: '2025-10-07' };

describe('usageCsvRows', () => {
  it('writes numbers as floats, leaves what the API did not give empty', () => {
    const buckets: CompletionsUsageBucket[] = [
      {
        startTime: OCT_5 + 2 * DAY,
        endTime: OCT_5 + 3 * DAY,
        results: [{ inputTokens: 1000, outputTokens: 500, requests: 10, projectId: 'proj_a', model: 'gpt-4o-mini-2024-07-18' }],
      },
    ];
    const lines = toCsv(usageCsvRows(buckets, span)).split('\n');
    expect(lines[0]).toBe(USAGE_CSV_HEADER.join(','));
    expect(lines[1]).toBe('1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00' + ','.repeat(20));
    expect(lines[3]).toBe(
      '1759795200,1759881600,2025-10-07T00:00:00+00:00,2025-10-08T00:00:00+00:00,proj_a,10.0,,,gpt-4o-mini-2024-07-18,,,1000.0,500.0,,,,,,,,,,,',
    );
    expect(lines).toHaveLength(5);
  });

  it('writes batch as TRUE/FALSE and the token splits once results carry them', () => {
    const buckets: CompletionsUsageBucket[] = [
      {
        startTime: OCT_5,
        endTime: OCT_5 + DAY,
        results: [
          { inputTokens: 7, outputTokens: 3, requests: 1, projectId: null, model: null, batch: true, serviceTier: 'default', inputCachedTokens: 4, outputImageTokens: 2, userId: 'user-1', apiKeyId: 'key_1' },
          { inputTokens: 0, outputTokens: 0, requests: 0, projectId: null, model: null, batch: false },
        ],
      },
    ];
    const lines = toCsv(usageCsvRows(buckets, span)).split('\n');
    const times = '1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00';
    expect(lines[1]).toBe(`${times},,1.0,user-1,key_1,,TRUE,default,7.0,3.0,4.0,,,,,,,,,,2.0`);
    expect(lines[2]).toBe(`${times},,0.0,,,,FALSE,,0.0,0.0,,,,,,,,,,,`);
  });

  it('has the dashboard\'s 24-column header', () => {
    expect(USAGE_CSV_HEADER).toHaveLength(24);
    expect(USAGE_CSV_HEADER.slice(0, 6).join(',')).toBe('start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests');
  });
});

describe('usageCsvRows against formula injection', () => {
  it('neutralizes text cells a spreadsheet would run, and leaves the counts byte for byte', () => {
    const buckets: CompletionsUsageBucket[] = [
      {
        startTime: OCT_5,
        endTime: OCT_5 + DAY,
        results: [{ inputTokens: 5, outputTokens: 6, requests: 2, projectId: '@proj', model: '=cmd()', userId: '+user', apiKeyId: '-key', serviceTier: '\tflex' }],
      },
    ];
    expect(toCsv(usageCsvRows(buckets, span)).split('\n')[1]).toBe(
      "1759622400,1759708800,2025-10-05T00:00:00+00:00,2025-10-06T00:00:00+00:00,'@proj,2.0,'+user,'-key,'=cmd(),,'\tflex,5.0,6.0,,,,,,,,,,,",
    );
  });
});
