import { describe, expect, it } from 'vitest';
import type { CompletionsUsageBucket } from '../admin-api/responses';
import { seriesFromCosts, seriesFromUsage } from './series';

const H = 3600;
const usage = (start: number, results: { projectId: string | null; requests: number }[]): CompletionsUsageBucket => ({
  startTime: start,
  endTime: start + H,
  results: results.map(({ projectId, requests }) => ({ projectId, requests, model: null, inputTokens: requests * 3, outputTokens: requests })),
});

describe('seriesFromUsage', () => {
  const buckets = [
    usage(0, [{ projectId: 'a', requests: 1 }]),
    usage(H, []),
    // 2H was not fetched.
    usage(3 * H, [{ projectId: 'a', requests: 2 }, { projectId: 'a', requests: 3 }, { projectId: 'b', requests: 4 }, { projectId: null, requests: 5 }]),
    usage(4 * H, []),
  ];

  it('sums a project\'s results per bucket, counts fetched empty buckets as zero and leaves unfetched ones out', () => {
    const series = seriesFromUsage(buckets);
    const a = series.find((item) => item.projectId === 'a' && item.metric === 'requests');
    expect(a).toEqual({
      projectId: 'a',
      metric: 'requests',
      bucketSeconds: H,
      points: [{ start: 0, value: 1 }, { start: H, value: 0 }, { start: 3 * H, value: 5 }, { start: 4 * H, value: 0 }],
    });
    expect(series.find((item) => item.projectId === 'a' && item.metric === 'tokens')?.points.map((point) => point.value)).toEqual([4, 0, 20, 0]);
  });

  it('starts a project at its first appearance, or at its creation when known', () => {
    const series = seriesFromUsage(buckets);
    expect(series.find((item) => item.projectId === 'b' && item.metric === 'requests')?.points.map((point) => point.start)).toEqual([3 * H, 4 * H]);
    expect(series.find((item) => item.projectId === null && item.metric === 'requests')?.points).toHaveLength(2);
    const known = seriesFromUsage(buckets, { projects: [{ id: 'b', createdAt: H + 10 }, { id: 'idle', createdAt: 0 }] });
    expect(known.find((item) => item.projectId === 'b' && item.metric === 'requests')?.points).toEqual([
      { start: H, value: 0 },
      { start: 3 * H, value: 4 },
      { start: 4 * H, value: 0 },
    ]);
    expect(known.find((item) => item.projectId === 'idle')?.points.every((point) => point.value === 0)).toBe(true);
  });

  it('gives nothing for no buckets', () => {
    expect(seriesFromUsage([])).toEqual([]);
  });
});

describe('seriesFromCosts', () => {
  it('adds daily spend per project in micro-units', () => {
    const day = 86_400;
    const series = seriesFromCosts([
      { startTime: 0, endTime: day, results: [{ amountValue: 0.1, currency: 'usd', lineItem: 'x', projectId: 'a' }, { amountValue: 0.2, currency: 'usd', lineItem: 'y', projectId: 'a' }] },
    ]);
    expect(series).toEqual([{ projectId: 'a', metric: 'spend', bucketSeconds: day, points: [{ start: 0, value: 300_000 }] }]);
  });
});

describe('series for many projects', () => {
  it('walks each bucket\'s results once, however many projects there are', () => {
    const walksFor = (projects: number) => {
      let walks = 0;
      const buckets = Array.from({ length: 48 }, (_, i) => {
        const results = Array.from({ length: projects }, (_, k) => ({ projectId: `p${k}`, requests: k, model: null, inputTokens: 1, outputTokens: 1 }));
        const counted = new Proxy(results, {
          get(target, property, receiver) {
            if (property === Symbol.iterator || property === 'filter' || property === 'forEach' || property === 'map') walks += 1;
            return Reflect.get(target, property, receiver) as unknown;
          },
        });
        return { startTime: i * H, endTime: (i + 1) * H, results: counted };
      });
      const series = seriesFromUsage(buckets);
      expect(series).toHaveLength(2 * projects);
      expect(series.find((item) => item.projectId === `p${projects - 1}` && item.metric === 'requests')?.points[0]).toEqual({ start: 0, value: projects - 1 });
      return walks;
    };
    expect(walksFor(2_000)).toBe(walksFor(5));
    expect(walksFor(5)).toBe(48);
  });
});
