import { describe, expect, it } from 'vitest';
import type { CompletionsUsageQuery } from '../admin-api/client';
import { EMPTY_INCIDENT_STATE } from '../spike-alerts/incident-store';
import { CURRENT_HOUR, DAY, dailyCosts, dailyRhythm, HOUR, hourlyStreams, hourlyUsage, NOW, type ProjectTraffic, type Stream } from '../spike-alerts/testing/synthetic';
import type { UsageSnapshot } from '../usage/refresh-plan';
import { checkForSpikes } from './spike-alerts';

const ALL_SIGNALS = { newModel: true, tokensPerRequest: true, newBusyKey: true };
const settings = { enabled: true, sensitivity: 'medium' as const, dailySpendCapsMicros: {}, signals: ALL_SIGNALS, flagUnlimitedSpend: true };
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

describe('checkForSpikes: the new signals', () => {
  /** Production's ordinary traffic: an app key on gpt-4o-mini and a batch key on gpt-4o, ~600k tokens an hour at 14:00. */
  const ORDINARY: Stream[] = [
    { projectId: 'proj_A', apiKeyId: 'key_app', model: 'gpt-4o-mini', requests: dailyRhythm(1, 1000) },
    { projectId: 'proj_A', apiKeyId: 'key_batch', model: 'gpt-4o', requests: dailyRhythm(2, 400), tokensPerRequest: () => 900 },
  ];
  const since = (hour: number, requests: number) => (start: number) => (start >= hour ? requests : null);
  const key = (id: string, name: string, createdAt: number) => ({ id, name, createdAt, lastUsedAt: null, owner: { type: 'user', name: 'Ada' } });
  /** The glance's key list for Production, read three hours ago (lib/storage/glance-details.ts). */
  const details = {
    keyLists: {
      proj_A: [key('key_app', 'web-app', NOW - 300 * DAY), key('key_batch', 'nightly', NOW - 100 * DAY), key('key_ci', 'ci-deploy', NOW - 60 * DAY), key('key_fresh', 'fresh-ci', NOW - 5 * HOUR)],
    },
    log: { 'keys:proj_A': (NOW - 3 * HOUR) * 1000 },
  };

  /** Each fixture raises its signal alone: the project's requests and tokens stay under 3× the usual, so no volume spike. */
  const FIXTURES = {
    // 300 requests of 2,000 tokens on a model Production never used.
    newModel: [...ORDINARY, { projectId: 'proj_A', apiKeyId: 'key_ci', model: 'gpt-4.1', requests: since(CURRENT_HOUR - HOUR, 300), tokensPerRequest: () => 2000 }],
    // The app sends a quarter of the requests, each sixteen times as long (a runaway context).
    tokensPerRequest: [
      {
        ...ORDINARY[0]!,
        requests: (hour: number) => Math.round(dailyRhythm(1, 1000)(hour) / (hour >= CURRENT_HOUR - HOUR ? 4 : 1)),
        tokensPerRequest: (hour: number) => (hour >= CURRENT_HOUR - HOUR ? 4000 : 250),
      },
      ORDINARY[1]!,
    ],
    // A key created five hours ago already carries 500,000 tokens an hour.
    newBusyKey: [...ORDINARY, { projectId: 'proj_A', apiKeyId: 'key_fresh', model: 'gpt-4o-mini', requests: since(CURRENT_HOUR - 2 * HOUR, 2000) }],
  } satisfies Record<keyof typeof ALL_SIGNALS, Stream[]>;

  const check = async (streams: Stream[], signals = ALL_SIGNALS) => {
    const queries: unknown[] = [];
    const result = await checkForSpikes({
      client: { completionsUsage: async (query: CompletionsUsageQuery) => (queries.push(query), hourlyStreams(streams)) },
      snapshot: snapshot(),
      settings: { ...settings, signals },
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000,
      serverNow: NOW * 1000,
      details,
    });
    return { notices: result.notices, queries };
  };

  it('stays quiet on ordinary traffic with every signal on', async () => {
    expect((await check(ORDINARY)).notices).toEqual([]);
  });

  it('names the project, the new model and the key that carries it, with no request of its own', async () => {
    const { notices, queries } = await check(FIXTURES.newModel);
    expect(notices).toEqual([
      {
        id: `spike:proj_A:new-model:gpt-4.1:${CURRENT_HOUR - HOUR}`,
        projectId: 'proj_A',
        title: 'Production: new model gpt-4.1',
        message: "600,000 tokens in one hour on a model not used in the previous 14 days, mostly key 'ci-deploy', since 2025-06-15 13:00 UTC.",
      },
    ]);
    expect(queries).toHaveLength(1);
  });

  it('names the project, key and model when tokens per request jump', async () => {
    const { notices } = await check(FIXTURES.tokensPerRequest);
    expect(notices.map((notice) => notice.title)).toEqual(['Production: tokens per request jumped']);
    expect(notices[0]!.message).toMatch(/^[\d,]+ tokens per request \([\d.]+× the usual [\d,]+\), mostly key 'web-app' on gpt-4o-mini, since 2025-06-15 13:00 UTC\.$/);
  });

  it('names a key created in the last day that is already among the busiest', async () => {
    const { notices } = await check(FIXTURES.newBusyKey);
    expect(notices.map((notice) => notice.title)).toEqual(["Production: new key 'fresh-ci' among the busiest"]);
    expect(notices[0]!.message).toContain('on gpt-4o-mini');
  });

  it.each(Object.keys(ALL_SIGNALS) as (keyof typeof ALL_SIGNALS)[])('respects the %s switch', async (signal) => {
    expect((await check(FIXTURES[signal], { ...ALL_SIGNALS, [signal]: false })).notices).toEqual([]);
    // The others left on do not fire on this fixture either: it was the switch that silenced it.
    expect((await check(FIXTURES[signal], { newModel: false, tokensPerRequest: false, newBusyKey: false, [signal]: true })).notices).toHaveLength(1);
  });

  it('judges no key new without a key list, or when the key may not list them (403)', async () => {
    const withoutList = await checkForSpikes({
      client: { completionsUsage: async () => hourlyStreams(FIXTURES.newBusyKey) },
      snapshot: snapshot(),
      settings,
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000,
      serverNow: NOW * 1000,
      details: { keyLists: { proj_A: null }, log: { 'keys:proj_A': (NOW - 3 * HOUR) * 1000 } },
    });
    expect(withoutList.notices).toEqual([]);
  });

  it('notifies a signal once, like a spike', async () => {
    const first = await checkForSpikes({
      client: { completionsUsage: async () => hourlyStreams(FIXTURES.newModel) },
      snapshot: snapshot(),
      settings,
      state: EMPTY_INCIDENT_STATE,
      now: NOW * 1000,
      serverNow: NOW * 1000,
      details,
    });
    expect(first.notices).toHaveLength(1);
    const again = await checkForSpikes({
      client: { completionsUsage: async () => hourlyStreams(FIXTURES.newModel) },
      snapshot: snapshot(),
      settings,
      state: first.state,
      now: NOW * 1000 + 60_000,
      serverNow: NOW * 1000 + 60_000,
      details,
    });
    expect(again.notices).toEqual([]);
  });
});
