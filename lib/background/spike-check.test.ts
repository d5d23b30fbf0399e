import { describe, expect, it } from 'vitest';
import type { CompletionsUsageQuery } from '../admin-api/client';
import { EMPTY_INCIDENT_STATE } from '../spike-alerts/incident-store';
import { CURRENT_HOUR, DAY, dailyCosts, dailyRhythm, HOUR, hourlyUsage, NOW, type ProjectTraffic } from '../spike-alerts/testing/synthetic';
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

/** Answers like the API: only the hours of the window asked for that have begun by NOW (the API's clock). */
function windowedClient(traffic: ProjectTraffic[]) {
  const queries: CompletionsUsageQuery[] = [];
  return {
    queries,
    completionsUsage: async (query: CompletionsUsageQuery) => {
      queries.push(query);
      return hourlyUsage(traffic).filter((bucket) => bucket.startTime >= query.startTime && bucket.startTime < (query.endTime ?? Infinity));
    },
  };
}

const leak: ProjectTraffic = { projectId: 'proj_A', requests: (hour) => steady(hour) * (hour === CURRENT_HOUR ? 12 : 1) };
const HOUR_MS = HOUR * 1000;

describe('checkForSpikes with this computer\'s clock hours off', () => {
  it.each([
    ['3 hours behind', -3],
    ['4 hours behind', -4],
    ['3 hours ahead', 3],
    ['4 hours ahead', 4],
  ])('alerts in the hour of the spike when the clock is %s, by the API\'s Date header', async (_name, hoursOff) => {
    const api = windowedClient([leak]);
    const result = await checkForSpikes({
      client: api,
      snapshot: snapshot(),
      settings,
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000 + hoursOff * HOUR_MS,
      serverNow: NOW * 1000,
    });
    expect(result.notices.map((notice) => notice.title)).toEqual(['Production: unusual requests']);
    expect(result.notices[0]?.message).toContain('since 2025-06-15 14:00 UTC');
    expect(api.queries[0]?.endTime).toBe(CURRENT_HOUR + HOUR);
  });

  it.each([
    ['4 hours behind', -4],
    ['4 hours ahead', 4],
  ])('without a Date header, anchors on the newest hour the API returned (clock %s)', async (_name, hoursOff) => {
    const result = await checkForSpikes({
      client: windowedClient([leak]),
      snapshot: snapshot(),
      settings,
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000 + hoursOff * HOUR_MS,
    });
    expect(result.notices.map((notice) => notice.title)).toEqual(['Production: unusual requests']);
    // The cool-down is counted on the same clock: the same spike stays quiet an hour later.
    const again = await checkForSpikes({
      client: windowedClient([leak]),
      snapshot: snapshot(),
      settings,
      state: result.state,
      now: NOW * 1000 + hoursOff * HOUR_MS + HOUR_MS,
    });
    expect(again.notices).toEqual([]);
  });
});

describe('checkForSpikes for projects with little history', () => {
  const newcomer: ProjectTraffic = {
    projectId: 'proj_New',
    requests: (hour) => (hour < CURRENT_HOUR - DAY ? null : hour === CURRENT_HOUR ? 5_000 : 10),
  };
  const withNewcomer = (projects: UsageSnapshot['projects']): UsageSnapshot => ({ ...snapshot(), projects });

  it('holds a project younger than three days to the new-project limits', async () => {
    const created = [
      { id: 'proj_A', name: 'Production', createdAt: 0, archivedAt: null, status: 'active' },
      { id: 'proj_New', name: 'Fresh', createdAt: CURRENT_HOUR - DAY, archivedAt: null, status: 'active' },
    ];
    const result = await checkForSpikes({
      client: windowedClient([{ projectId: 'proj_A', requests: steady }, newcomer]),
      snapshot: withNewcomer(created),
      settings,
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000,
      serverNow: NOW * 1000,
    });
    expect(result.notices.map((notice) => notice.title)).toEqual(['Fresh: high requests for a new project']);
    expect(result.notices[0]?.message).toContain('new-project limit of 2,000 requests');

    // The user's own limit, as set in options.
    const relaxed = await checkForSpikes({
      client: windowedClient([{ projectId: 'proj_A', requests: steady }, newcomer]),
      snapshot: withNewcomer(created),
      settings: { ...settings, newProjectLimits: { spend: null, requests: 10_000, tokens: null } },
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000,
      serverNow: NOW * 1000,
    });
    expect(relaxed.notices).toEqual([]);
  });

  it('judges a dormant project that wakes up when projects cannot be listed', async () => {
    const dormant: ProjectTraffic = { projectId: 'proj_Dormant', requests: (hour) => (hour === CURRENT_HOUR ? 3_000 : null) };
    const result = await checkForSpikes({
      client: windowedClient([{ projectId: 'proj_A', requests: steady }, dormant]),
      snapshot: withNewcomer(null),
      settings,
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000,
      serverNow: NOW * 1000,
    });
    expect(result.notices.map((notice) => notice.title)).toEqual(['proj_Dormant: high requests for a new project']);
  });
});

describe('checkForSpikes', () => {
  it('stays quiet on steady traffic, with one hourly listing', async () => {
    const api = client(1);
    const result = await checkForSpikes({ client: api, snapshot: snapshot(), settings, state: EMPTY_INCIDENT_STATE, now: NOW * 1000 });
    expect(result.notices).toEqual([]);
    expect(api.queries).toHaveLength(1);
    expect(api.queries[0]).toMatchObject({ bucketWidth: '1h', groupBy: ['project_id', 'api_key_id', 'model'] });
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
