import { describe, expect, it } from 'vitest';
import type { Incident } from './detect';
import { applyIncidents, EMPTY_INCIDENT_STATE, parseIncidentState, type IncidentState } from './incident-store';

const HOUR = 3600;
const T0 = 1_750_000_000;

const spike = (overrides: Partial<Incident> = {}): Incident => ({
  projectId: 'proj_a',
  metric: 'requests',
  kind: 'spike',
  value: 10_000,
  usual: 1000,
  ratio: 10,
  threshold: 3000,
  since: T0 - HOUR,
  bucketSeconds: HOUR,
  ...overrides,
});

/** Runs checks in sequence, as the worker would, carrying the state through JSON like storage does. */
function run(checks: { at: number; incidents: Incident[] }[]): Incident[][] {
  let state: IncidentState = EMPTY_INCIDENT_STATE;
  return checks.map(({ at, incidents }) => {
    const result = applyIncidents(state, incidents, { now: at });
    state = parseIncidentState(JSON.parse(JSON.stringify(result.state)));
    return result.notify;
  });
}

describe('applyIncidents', () => {
  it('notifies an incident once however many checks see it', () => {
    const notified = run([
      { at: T0, incidents: [spike()] },
      { at: T0 + HOUR, incidents: [spike({ value: 12_000 })] },
      { at: T0 + 10 * HOUR, incidents: [spike({ value: 15_000 })] },
    ]);
    expect(notified.map((list) => list.length)).toEqual([1, 0, 0]);
  });

  it('notifies again when the same incident gets much worse (2×)', () => {
    const notified = run([
      { at: T0, incidents: [spike()] },
      { at: T0 + HOUR, incidents: [spike({ value: 19_999 })] },
      { at: T0 + 2 * HOUR, incidents: [spike({ value: 20_000 })] },
      { at: T0 + 3 * HOUR, incidents: [spike({ value: 30_000 })] },
      { at: T0 + 4 * HOUR, incidents: [spike({ value: 40_000 })] },
    ]);
    expect(notified.map((list) => list.map((incident) => incident.value))).toEqual([[10_000], [], [20_000], [], [40_000]]);
  });

  it('keeps a project quiet during the cool-down, then lets a new incident through', () => {
    const later = spike({ since: T0 + 2 * HOUR, value: 12_000 });
    const notified = run([
      { at: T0, incidents: [spike()] },
      { at: T0 + 3 * HOUR, incidents: [later] },
      { at: T0 + 5 * HOUR, incidents: [later, spike({ projectId: 'proj_b' })] },
      { at: T0 + 6 * HOUR + 1, incidents: [later] },
    ]);
    expect(notified.map((list) => list.map((incident) => `${incident.projectId}@${incident.since - T0}`))).toEqual([
      ['proj_a@-3600'],
      [],
      ['proj_b@-3600'],
      ['proj_a@7200'],
    ]);
  });

  it('breaks the cool-down for a much worse new spike of the same metric only', () => {
    const notified = run([
      { at: T0, incidents: [spike()] },
      { at: T0 + 2 * HOUR, incidents: [spike({ since: T0 + HOUR, metric: 'tokens', value: 10_000_000 })] },
      { at: T0 + 3 * HOUR, incidents: [spike({ since: T0 + 2 * HOUR, value: 25_000 })] },
    ]);
    expect(notified.map((list) => list.map((incident) => incident.metric))).toEqual([['requests'], [], ['requests']]);
  });

  it('sends one notification when one event shows in several metrics, preferring caps and spend', () => {
    const incidents = [
      spike({ metric: 'tokens', value: 5_000_000 }),
      spike({ metric: 'requests' }),
      spike({ metric: 'spend', value: 90_000_000, bucketSeconds: 86_400 }),
    ];
    const [first] = run([{ at: T0, incidents }]);
    expect(first?.map((incident) => incident.metric)).toEqual(['spend']);
    const cap = spike({ kind: 'cap', metric: 'requests', since: T0 - (T0 % 86_400), value: 50_000, threshold: 40_000 });
    const [withCap] = run([{ at: T0, incidents: [...incidents, cap] }]);
    expect(withCap?.map((incident) => `${incident.metric} ${incident.kind}`)).toEqual(['requests cap']);
  });

  it('notifies a cap breach despite a cool-down, once per day', () => {
    const day = T0 - (T0 % 86_400);
    const cap = (since: number, value = 50_000) => spike({ kind: 'cap', since, value, threshold: 40_000, bucketSeconds: 86_400 });
    const notified = run([
      { at: T0, incidents: [spike()] },
      { at: T0 + HOUR, incidents: [cap(day)] },
      { at: T0 + 2 * HOUR, incidents: [cap(day, 60_000)] },
      { at: T0 + 3 * HOUR, incidents: [cap(day + 86_400)] },
    ]);
    expect(notified.map((list) => list.map((incident) => incident.kind))).toEqual([['spike'], ['cap'], [], ['cap']]);
  });

  it('forgets records after the retention period', () => {
    const first = applyIncidents(EMPTY_INCIDENT_STATE, [spike()], { now: T0 });
    expect(applyIncidents(first.state, [spike()], { now: T0 + 14 * 86_400 }).notify).toHaveLength(0);
    const expired = applyIncidents(first.state, [], { now: T0 + 16 * 86_400 });
    expect(expired.state.notified).toEqual([]);
  });

  it('a notification recorded in the future (a clock that was ahead) does not keep the project quiet', () => {
    const ahead = applyIncidents(EMPTY_INCIDENT_STATE, [spike()], { now: T0 + 6 * HOUR });
    const later = applyIncidents(ahead.state, [spike({ metric: 'spend', since: T0 - HOUR })], { now: T0 });
    expect(later.notify).toHaveLength(1);
  });

  it('does not change the state it was given', () => {
    const first = applyIncidents(EMPTY_INCIDENT_STATE, [spike()], { now: T0 });
    const snapshot = JSON.stringify(first.state);
    applyIncidents(first.state, [spike({ value: 50_000 })], { now: T0 + HOUR });
    expect(JSON.stringify(first.state)).toBe(snapshot);
    expect(EMPTY_INCIDENT_STATE.notified).toEqual([]);
  });
});

describe('parseIncidentState', () => {
  it('reads back what was stored', () => {
    const { state } = applyIncidents(EMPTY_INCIDENT_STATE, [spike(), spike({ projectId: null, metric: 'spend' })], { now: T0 });
    expect(parseIncidentState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(state.notified).toHaveLength(2);
  });

  it('drops what it cannot read instead of throwing', () => {
    expect(parseIncidentState(undefined)).toEqual(EMPTY_INCIDENT_STATE);
    expect(parseIncidentState({ version: 2, notified: [] })).toEqual(EMPTY_INCIDENT_STATE);
    expect(parseIncidentState({ version: 1, notified: 'x' })).toEqual(EMPTY_INCIDENT_STATE);
    const good = { projectId: 'p', metric: 'tokens', kind: 'cap', since: 1, value: 2, notifiedAt: 3 };
    const parsed = parseIncidentState({
      version: 1,
      notified: [good, { ...good, metric: 'cost' }, { ...good, value: null }, { ...good, kind: 'other' }, null, { ...good, extra: true }],
    });
    expect(parsed.notified).toEqual([good, good]);
    const young = { ...good, kind: 'new-project' };
    expect(parseIncidentState({ version: 1, notified: [young, { ...good, kind: 'toString' }] }).notified).toEqual([young]);
  });

  it('keeps a new-project alert to one notification per incident, like a spike', () => {
    const fresh = spike({ kind: 'new-project' });
    const first = applyIncidents(EMPTY_INCIDENT_STATE, [fresh], { now: T0 });
    expect(first.notify).toEqual([fresh]);
    expect(applyIncidents(first.state, [fresh], { now: T0 + 3600 }).notify).toEqual([]);
  });
});

describe('signals in the incident store', () => {
  const signal = (kind: 'new-model' | 'new-busy-key' | 'tokens-per-request', subject: string | null, overrides: { projectId?: string; value?: number } = {}) => ({
    projectId: 'proj_a',
    metric: 'tokens' as const,
    kind,
    subject,
    since: T0 - HOUR,
    value: 600_000,
    ...overrides,
  });

  it('tells two new models of one project apart, and stores and reads back what a signal is about', () => {
    const first = applyIncidents(EMPTY_INCIDENT_STATE, [signal('new-model', 'gpt-4.1')], { now: T0 });
    expect(first.notify).toHaveLength(1);
    const stored = parseIncidentState(JSON.parse(JSON.stringify(first.state)));
    expect(stored.notified).toEqual([{ projectId: 'proj_a', metric: 'tokens', kind: 'new-model', subject: 'gpt-4.1', since: T0 - HOUR, value: 600_000, notifiedAt: T0 }]);
    // The same model again: quiet. Another new model after the cool-down: a new incident.
    expect(applyIncidents(stored, [signal('new-model', 'gpt-4.1')], { now: T0 + 7 * HOUR }).notify).toEqual([]);
    expect(applyIncidents(stored, [signal('new-model', 'o3')], { now: T0 + 7 * HOUR }).notify).toHaveLength(1);
  });

  it('gives one event one notification: a volume spike before a signal of the same project', () => {
    const { notify } = applyIncidents(EMPTY_INCIDENT_STATE, [signal('new-busy-key', 'key_new'), signal('new-model', 'gpt-4.1'), spike({ metric: 'tokens' })], { now: T0 });
    expect(notify.map((incident) => incident.kind)).toEqual(['spike']);
    const signalsOnly = applyIncidents(EMPTY_INCIDENT_STATE, [signal('tokens-per-request', null), signal('new-busy-key', 'key_new'), signal('new-model', 'gpt-4.1')], { now: T0 });
    expect(signalsOnly.notify.map((incident) => incident.kind)).toEqual(['new-model']);
  });

  it('reads records stored before signals existed (no subject) as before', () => {
    const old = { projectId: 'p', metric: 'tokens', kind: 'spike', since: 1, value: 2, notifiedAt: 3 };
    expect(parseIncidentState({ version: 1, notified: [old, { ...old, kind: 'new-model', subject: 7 }] }).notified).toEqual([old]);
  });
});
