import { describe, expect, it } from 'vitest';
import { spikeCheckQueries } from './check-queries';

describe('spikeCheckQueries', () => {
  it('reaches back to the baseline of the oldest recent bucket: 4 requests per check', () => {
    const now = Date.UTC(2025, 5, 15, 14, 30) / 1000;
    const { usage, costs } = spikeCheckQueries({ now });
    const hour = Date.UTC(2025, 5, 15, 14) / 1000;
    expect(usage).toEqual({
      startTime: hour - 2 * 3600 - 14 * 86_400,
      endTime: hour + 3600,
      bucketWidth: '1h',
      groupBy: ['project_id', 'api_key_id', 'model'],
      limit: 168,
    });
    const hours = ((usage.endTime ?? 0) - usage.startTime) / 3600;
    expect(hours).toBe(339);
    expect(Math.ceil(hours / 168)).toBe(3);
    expect(costs).toEqual({
      startTime: Date.UTC(2025, 4, 30) / 1000,
      endTime: Date.UTC(2025, 5, 16) / 1000,
      groupBy: ['project_id'],
      limit: 180,
    });
  });

  it('widens the hourly window both ways for a clock it cannot trust, still in 3 pages', () => {
    const now = Date.UTC(2025, 5, 15, 14, 30) / 1000;
    const hour = Date.UTC(2025, 5, 15, 14) / 1000;
    const { usage } = spikeCheckQueries({ now, slackHours: 6 });
    expect(usage.startTime).toBe(hour - 8 * 3600 - 14 * 86_400);
    expect(usage.endTime).toBe(hour + 7 * 3600);
    expect(Math.ceil(((usage.endTime ?? 0) - usage.startTime) / 3600 / 168)).toBe(3);
  });
});
