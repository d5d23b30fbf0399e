import { describe, expect, it } from 'vitest';
import { detectSignals, judgeAgainstBaseline, type ProjectKeyList, type SignalSettings } from './signals';
import { CURRENT_HOUR, DAY, HOUR, NOW, dailyRhythm, hourlyStreams as hourly, type Stream } from './testing/synthetic';

const DEFAULT_SIGNAL_SETTINGS: SignalSettings = {
  newModel: true,
  tokensPerRequest: true,
  newBusyKey: true,
  sensitivity: 'medium',
};

const from = (hour: number, value: number) => (start: number) => (start >= hour ? value : null);

/** Ordinary traffic: two keys on two models with a daily rhythm and noise; ~1,000 requests an hour at peak. */
const ORDINARY: Stream[] = [
  { projectId: 'proj_prod', apiKeyId: 'key_app', model: 'gpt-4o-mini', requests: dailyRhythm(1, 1000) },
  { projectId: 'proj_prod', apiKeyId: 'key_batch', model: 'gpt-4o', requests: dailyRhythm(2, 400), tokensPerRequest: () => 900 },
  { projectId: 'proj_other', apiKeyId: 'key_o', model: 'gpt-4o-mini', requests: dailyRhythm(3, 200) },
];

const KEY_LISTS: Record<string, ProjectKeyList> = {
  proj_prod: {
    fetchedAt: NOW - 3 * HOUR,
    keys: [
      { id: 'key_app', createdAt: NOW - 300 * DAY },
      { id: 'key_batch', createdAt: NOW - 100 * DAY },
      { id: 'key_ci', createdAt: NOW - 5 * HOUR },
      { id: 'key_old_quiet', createdAt: NOW - 90 * DAY },
    ],
  },
  proj_other: { fetchedAt: NOW - 3 * HOUR, keys: [{ id: 'key_o', createdAt: NOW - 50 * DAY }] },
};

const run = (streams: readonly Stream[], settings: SignalSettings = DEFAULT_SIGNAL_SETTINGS, keyLists = KEY_LISTS) =>
  detectSignals({ usage: hourly(streams), settings, keyLists, options: { now: NOW } });

describe('detectSignals on ordinary traffic', () => {
  it('stays silent at every sensitivity', () => {
    for (const sensitivity of ['low', 'medium', 'high'] as const) {
      expect(run(ORDINARY, { ...DEFAULT_SIGNAL_SETTINGS, sensitivity })).toEqual([]);
    }
  });

  it('stays silent for a model used once in the last 14 days, and for a new model with little traffic', () => {
    const usedBefore: Stream = { projectId: 'proj_prod', apiKeyId: 'key_app', model: 'o3', requests: (h) => (h === CURRENT_HOUR - 10 * DAY || h >= CURRENT_HOUR - HOUR ? 1000 : null) };
    const trickle: Stream = { projectId: 'proj_prod', apiKeyId: 'key_app', model: 'gpt-4.1', requests: from(CURRENT_HOUR, 20) };
    expect(run([...ORDINARY, usedBefore, trickle], { ...DEFAULT_SIGNAL_SETTINGS, sensitivity: 'high' })).toEqual([]);
  });

  it('does not call a brand-new project\'s models new', () => {
    expect(run([{ projectId: 'proj_new', apiKeyId: 'key_n', model: 'gpt-4.1', requests: from(CURRENT_HOUR - HOUR, 3000) }])).toEqual([]);
  });
});

describe('new model', () => {
  const newModel: Stream = { projectId: 'proj_prod', apiKeyId: 'key_ci', model: 'gpt-4.1', requests: from(CURRENT_HOUR - HOUR, 300), tokensPerRequest: () => 2000 };

  it('fires when a model unused for 14 days suddenly carries traffic, naming the key', () => {
    const incidents = run([...ORDINARY, newModel], { ...DEFAULT_SIGNAL_SETTINGS, newBusyKey: false });
    expect(incidents).toEqual([
      {
        signal: 'new-model',
        projectId: 'proj_prod',
        model: 'gpt-4.1',
        apiKeyId: 'key_ci',
        value: 600_000,
        usual: 0,
        ratio: null,
        threshold: 100_000,
        since: CURRENT_HOUR - HOUR,
        bucketSeconds: HOUR,
      },
    ]);
  });

  it('can be switched off', () => {
    expect(run([...ORDINARY, newModel], { ...DEFAULT_SIGNAL_SETTINGS, newModel: false, newBusyKey: false })).toEqual([]);
  });
});

describe('tokens per request', () => {
  // The app's prompts grow tenfold in the last hour (e.g. a runaway context), at the same request rate.
  const bloated: Stream = {
    ...ORDINARY[0]!,
    tokensPerRequest: (hour) => (hour >= CURRENT_HOUR - HOUR ? 5000 : 250),
  };
  const streams = [bloated, ...ORDINARY.slice(1)];

  it('fires when tokens per request jump, with the usual and the ratio, naming key and model', () => {
    const incidents = run(streams);
    expect(incidents).toHaveLength(1);
    const [jump] = incidents;
    expect(jump).toMatchObject({ signal: 'tokens-per-request', projectId: 'proj_prod', apiKeyId: 'key_app', model: 'gpt-4o-mini', since: CURRENT_HOUR - HOUR });
    expect(jump!.usual).toBeGreaterThan(300);
    expect(jump!.usual).toBeLessThan(600);
    expect(jump!.value).toBeGreaterThan(jump!.threshold);
    expect(jump!.ratio).toBeGreaterThan(5);
  });

  it('ignores a jump carried by too few requests', () => {
    // A quiet project (10 requests an hour) where 5 huge requests arrive: 15 requests is below the 20 judged.
    const quiet: Stream = { projectId: 'proj_quiet', apiKeyId: 'key_q', model: 'gpt-4o-mini', requests: () => 10 };
    const fewLongOnes: Stream = { ...quiet, model: 'gpt-4o', requests: (h) => (h === CURRENT_HOUR ? 5 : null), tokensPerRequest: () => 100_000 };
    expect(run([...ORDINARY, quiet, fewLongOnes], { ...DEFAULT_SIGNAL_SETTINGS, newModel: false })).toEqual([]);
    expect(run([...ORDINARY, quiet, fewLongOnes], { ...DEFAULT_SIGNAL_SETTINGS, newModel: false, minRequestsPerHour: 10 })).toEqual([
      expect.objectContaining({ signal: 'tokens-per-request', projectId: 'proj_quiet', model: 'gpt-4o' }),
    ]);
  });

  it('can be switched off', () => {
    expect(run(streams, { ...DEFAULT_SIGNAL_SETTINGS, tokensPerRequest: false })).toEqual([]);
  });
});

describe('new key among the busiest', () => {
  const newKey: Stream = { projectId: 'proj_prod', apiKeyId: 'key_ci', model: 'gpt-4o-mini', requests: from(CURRENT_HOUR - 2 * HOUR, 2000) };

  it('fires when a key created in the last day is already among the busiest', () => {
    const incidents = run([...ORDINARY, newKey]);
    expect(incidents).toEqual([
      expect.objectContaining({ signal: 'new-busy-key', projectId: 'proj_prod', apiKeyId: 'key_ci', model: 'gpt-4o-mini', value: 500_000, since: CURRENT_HOUR - 2 * HOUR }),
    ]);
  });

  it('counts a key missing from a key list fetched in the last day as new', () => {
    const stranger: Stream = { ...newKey, apiKeyId: 'key_unlisted' };
    expect(run([...ORDINARY, stranger]).map((incident) => incident.apiKeyId)).toEqual(['key_unlisted']);
    const staleList = { ...KEY_LISTS, proj_prod: { ...KEY_LISTS.proj_prod!, fetchedAt: NOW - 2 * DAY } };
    expect(run([...ORDINARY, stranger], DEFAULT_SIGNAL_SETTINGS, staleList)).toEqual([]);
  });

  it('stays silent for an old key waking up, a new key with little traffic, and without a key list', () => {
    const oldKey: Stream = { ...newKey, apiKeyId: 'key_old_quiet' };
    expect(run([...ORDINARY, oldKey])).toEqual([]);
    const smallNewKey: Stream = { ...newKey, requests: from(CURRENT_HOUR - 2 * HOUR, 30) };
    expect(run([...ORDINARY, smallNewKey])).toEqual([]);
    expect(run([...ORDINARY, newKey], DEFAULT_SIGNAL_SETTINGS, {})).toEqual([]);
  });

  it('stays silent when the new key is busy but not among the busiest', () => {
    const sixKeys = Array.from({ length: 3 }, (_, i): Stream => ({ projectId: 'proj_prod', apiKeyId: `key_big${i}`, model: 'gpt-4o-mini', requests: dailyRhythm(10 + i, 20_000) }));
    expect(run([...ORDINARY, ...sixKeys, newKey])).toEqual([]);
  });

  it('can be switched off', () => {
    expect(run([...ORDINARY, newKey], { ...DEFAULT_SIGNAL_SETTINGS, newBusyKey: false })).toEqual([]);
  });
});

describe('judgeAgainstBaseline', () => {
  it('is detect.ts\'s rule: the same hour on previous days, and no verdict without 3 of them', () => {
    const values = new Map([[CURRENT_HOUR, 50], [CURRENT_HOUR - DAY, 10], [CURRENT_HOUR - 2 * DAY, 11]]);
    const rule = { sensitivity: 'medium' as const, minAbsolute: 0, baselineDays: 14, minHistoryDays: 3 };
    expect(judgeAgainstBaseline(values, CURRENT_HOUR, rule)).toBeNull();
    values.set(CURRENT_HOUR - 3 * DAY, 9);
    // An hour earlier on those days would not count.
    values.set(CURRENT_HOUR - HOUR, 1000);
    expect(judgeAgainstBaseline(values, CURRENT_HOUR, rule)).toMatchObject({ unusual: true, usual: 10 });
    expect(judgeAgainstBaseline(values, CURRENT_HOUR, { ...rule, minAbsolute: 51 })?.unusual).toBe(false);
  });
});

describe('an ongoing jump', () => {
  it('keeps the start of its run as `since` from check to check, so it is one incident', () => {
    // Prompts ten times as long since five hours ago, still going.
    const bloated: Stream = { ...ORDINARY[0]!, tokensPerRequest: (hour) => (hour >= CURRENT_HOUR - 5 * HOUR ? 5000 : 250) };
    const streams = [bloated, ...ORDINARY.slice(1)];
    const sinces = [0, 1, 2].map((hoursLater) => {
      const usage = hourly(streams).filter((bucket) => bucket.startTime <= CURRENT_HOUR - hoursLater * HOUR);
      const found = detectSignals({ usage, settings: DEFAULT_SIGNAL_SETTINGS, keyLists: KEY_LISTS, options: { now: NOW - hoursLater * HOUR } });
      return found.map((incident) => [incident.signal, incident.since]);
    });
    expect(sinces).toEqual([0, 1, 2].map(() => [['tokens-per-request', CURRENT_HOUR - 5 * HOUR]]));
  });
});
