import { describe, expect, it } from 'vitest';
import { buildUsageCache } from './cache';
import { packSummary, unpackSummary } from './packed-summary';
import { largeOrganizationSnapshot, projectId } from './testing/large-organization';

const NOW = Date.parse('2025-03-15T10:00:00Z');

describe('packSummary', () => {
  it('gives back the same summary, at a fraction of the size', () => {
    const cache = buildUsageCache(largeOrganizationSnapshot(3, 3, NOW));
    for (const scope of [projectId(0), projectId(2)]) {
      const summary = cache.summaries[scope]!;
      const packed = packSummary(summary);
      expect(unpackSummary(JSON.parse(JSON.stringify(packed)), scope, { fetchedAt: NOW, currency: 'USD' })).toEqual(summary);
      expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(summary).length / 3);
    }
  });

  it('leaves out what is empty', () => {
    const cache = buildUsageCache({ fetchedAt: NOW, costs: [], usage: [], projects: null });
    const packed = packSummary(cache.summaries.organization!);
    expect(packed).toEqual({ p: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], m: 0 });
    expect(unpackSummary(packed, 'organization', { fetchedAt: NOW, currency: 'USD' })).toEqual(cache.summaries.organization);
  });
});
