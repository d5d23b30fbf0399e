import { describe, expect, it } from 'vitest';
import type { CompletionsUsageQuery } from '../admin-api/client';
import { EMPTY_INCIDENT_STATE } from '../spike-alerts/incident-store';
import { CURRENT_HOUR, dailyCosts, dailyRhythm, hourlyUsage, NOW } from '../spike-alerts/testing/synthetic';
import type { UsageSnapshot } from '../usage/refresh-plan';
import { checkForSpikes } from './spike-check';

const settings = { enabled: true, sensitivity: 'medium' as const, dailySpendCapsMicros: {} };
const steady = dailyRhythm(0, 1000);

function snapshot(todayDollars = 10): UsageSnapshot {
  const today = Math.floor(NOW / 86_400) * 86_400;
  return {
    fetchedAt: NOW * 1000,
    costs: dailyCosts('proj_A', (day) => (day === today ? todayDollars : 10)),
    usage: [],
    projects: [{ id: 'proj_A', name: 'Production', createdAt: 0, archivedAt: null, status: 'active' }],
  };
}

function client(spikeFactor: number) {
  const queries: CompletionsUsageQuery[] = [];
  return {
    queries,
    completionsUsage: async (query: CompletionsUsageQuery) => {
      queries.push(query);
      return hourlyUsage([{ projectId: 'proj_A', requests: (hour) => steady(hour) * (hour === CURRENT_HOUR ? spikeFactor : 1) }]);
    },
  };
}

describe('checkForSpikes', () => {
  it('stays quiet on steady traffic, with one hourly listing', async () => {
    const api = client(1);
    const result = await checkForSpikes({ client: api, snapshot: snapshot(), settings, state: EMPTY_INCIDENT_STATE, now: NOW * 1000 });
    expect(result.notices).toEqual([]);
    expect(api.queries).toHaveLength(1);
    expect(api.queries[0]).toMatchObject({ bucketWidth: '1h', groupBy: ['project_id'] });
  });

  it('names the project and how far from the usual a sudden jump is, once', async () => {
    const first = await checkForSpikes({ client: client(12), snapshot: snapshot(), settings, state: EMPTY_INCIDENT_STATE, now: NOW * 1000 });
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatchObject({ projectId: 'proj_A', title: 'Production: unusual requests' });
    expect(first.notices[0]?.message).toMatch(/× the usual/);

    const again = await checkForSpikes({ client: client(12), snapshot: snapshot(), settings, state: first.state, now: NOW * 1000 + 60_000 });
    expect(again.notices).toEqual([]);
  });

  it('alerts on spend from the refresh’s own daily costs, and on a cap the user set', async () => {
    const spend = await checkForSpikes({ client: client(1), snapshot: snapshot(400), settings, state: EMPTY_INCIDENT_STATE, now: NOW * 1000 });
    expect(spend.notices.map((notice) => notice.title)).toEqual(['Production: unusual spend']);

    const capped = await checkForSpikes({
      client: client(1),
      snapshot: snapshot(11),
      settings: { ...settings, dailySpendCapsMicros: { proj_A: 10_500_000 } },
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000,
    });
    expect(capped.notices.map((notice) => notice.title)).toEqual(['Production: daily spend cap reached']);
  });
});
