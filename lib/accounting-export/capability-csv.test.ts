import { describe, expect, it } from 'vitest';
import { monthsInRange } from '../archive/month-range';
import { toCsv } from './csv';
import { capabilityCsvHeader, capabilityCsvRows } from './capability-csv';

const [march] = monthsInRange('2025-03-01', '2025-03-02');
const DAY = 86_400;

describe('a capability file', () => {
  it('has the time columns and the fields of its results, and writes counts as floats and text safe from formulas', () => {
    if (!march) throw new Error('no span');
    expect(capabilityCsvHeader('file_search_calls')).toEqual([
      'start_time', 'end_time', 'start_time_iso', 'end_time_iso', 'project_id', 'num_requests', 'user_id', 'api_key_id', 'vector_store_id',
    ]);
    const rows = capabilityCsvRows(
      'audio_speeches',
      [{ startTime: march.start, endTime: march.start + DAY, results: [{ project_id: 'proj_a', num_model_requests: 2, user_id: null, api_key_id: 'key_1', model: '=cmd|calc', characters: 1200 }] }],
      march,
    );
    expect(toCsv(rows)).toBe(
      'start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,characters\n' +
        `${march.start},${march.start + DAY},2025-03-01T00:00:00+00:00,2025-03-02T00:00:00+00:00,proj_a,2.0,,key_1,'=cmd|calc,1200.0\n` +
        // A day without results is a row of times only, as the dashboard writes it.
        `${march.start + DAY},${march.start + 2 * DAY},2025-03-02T00:00:00+00:00,2025-03-03T00:00:00+00:00,,,,,,\n`,
    );
  });
});
