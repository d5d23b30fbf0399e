import { describe, expect, it } from 'vitest';
import { DEFAULT_NEW_PROJECT_LIMITS, detectIncidents, type Incident, type SpikeSettings } from './detect';
import { seriesFromCosts, seriesFromUsage } from './series';
import { CURRENT_HOUR, DAY, HOUR, NOW, dailyCosts, dailyRhythm, hourlyUsage, type ProjectTraffic } from './testing/synthetic';

const medium: SpikeSettings = { sensitivity: 'medium' };
const detect = (traffic: ProjectTraffic[], settings = medium, fetched?: (hour: number) => boolean, projects?: { id: string; createdAt: number }[]) =>
  detectIncidents(seriesFromUsage(hourlyUsage(traffic, { fetched }), { projects }), settings, { now: NOW });

const steady: ProjectTraffic = { projectId: 'proj_steady', requests: dailyRhythm(1) };
const spiking: ProjectTraffic = {
  projectId: 'proj_leak',
  requests: (() => {
    const base = dailyRhythm(2);
    return (hour: number) => base(hour) * (hour >= CURRENT_HOUR - HOUR ? 10 : 1);
  })(),
};
const growing: ProjectTraffic = {
  projectId: 'proj_growing',
  // +6 % a day, compounding: 2.3× in two weeks.
  requests: (() => {
    const base = dailyRhythm(3, 400);
    return (hour: number) => Math.round(base(hour) * 1.06 ** ((hour - (CURRENT_HOUR - 15 * DAY)) / DAY));
  })(),
};
const newcomer: ProjectTraffic = {
  projectId: 'proj_new',
  requests: (hour) => (hour < CURRENT_HOUR - 30 * HOUR ? null : hour >= CURRENT_HOUR - HOUR ? 20_000 : 500),
};

describe('detectIncidents', () => {
  it('stays quiet on steady traffic with a daily rhythm, at every sensitivity', () => {
    for (const sensitivity of ['low', 'medium', 'high'] as const) {
      expect(detect([steady], { sensitivity })).toEqual([]);
    }
  });

  it('flags a sudden spike once per metric, from its first hour, with the usual and the ratio', () => {
    const incidents = detect([steady, spiking]);
    expect(incidents.map((incident) => `${incident.projectId} ${incident.metric} ${incident.kind}`)).toEqual([
      'proj_leak requests spike',
      'proj_leak tokens spike',
    ]);
    const requests = incidents[0] as Incident;
    expect(requests.since).toBe(CURRENT_HOUR - HOUR);
    expect(requests.bucketSeconds).toBe(HOUR);
    expect(requests.ratio).toBeGreaterThan(8);
    expect(requests.ratio).toBeLessThan(12);
    expect(requests.value).toBeGreaterThan(requests.threshold);
    expect(requests.usual).toBeGreaterThan(0);
    expect(requests.ratio).toBeCloseTo(requests.value / (requests.usual ?? 1), 10);
  });

  it('does not mistake slow organic growth for a spike', () => {
    expect(detect([growing], { sensitivity: 'high' })).toEqual([]);
  });

  it('judges no spike for a project with under 3 days of history; only its cap applies', () => {
    expect(detect([newcomer])).toEqual([]);
    const capped = detect([newcomer], { sensitivity: 'high', dailyCaps: { proj_new: { requests: 30_000 } } });
    expect(capped).toEqual([
      {
        projectId: 'proj_new',
        metric: 'requests',
        kind: 'cap',
        value: 13 * 500 + 2 * 20_000,
        usual: null,
        ratio: null,
        threshold: 30_000,
        since: Math.floor(NOW / DAY) * DAY,
        bucketSeconds: DAY,
      },
    ]);
  });

  it('holds a project with under 3 days of history to the new-project limits instead of saying nothing', () => {
    const limits = { sensitivity: 'medium' as const, newProjectLimits: { requests: 10_000, tokens: null } };
    const incidents = detect([newcomer], limits);
    expect(incidents).toEqual([
      {
        projectId: 'proj_new',
        metric: 'requests',
        kind: 'new-project',
        value: 20_000,
        usual: 500,
        ratio: 40,
        threshold: 10_000,
        since: CURRENT_HOUR - HOUR,
        bucketSeconds: HOUR,
      },
    ]);
    // Below the limit, or with the limit off: no verdict, as before.
    expect(detect([newcomer], { sensitivity: 'medium', newProjectLimits: { requests: 25_000, tokens: null } })).toEqual([]);
    expect(detect([newcomer], { sensitivity: 'medium', newProjectLimits: { requests: null } })).toEqual([]);
    // Projects with history are still judged against it, not by the limit.
    expect(detect([steady], { sensitivity: 'medium', newProjectLimits: { requests: 1, tokens: 1 } })).toEqual([]);
  });

  it('treats a known but long-idle project\'s history as zeros, so its sudden use is a spike', () => {
    const dormant: ProjectTraffic = { projectId: 'proj_dormant', requests: (hour) => (hour >= CURRENT_HOUR ? 2000 : null) };
    expect(detect([dormant])).toEqual([]);
    const incidents = detect([dormant], medium, undefined, [{ id: 'proj_dormant', createdAt: NOW - 90 * DAY }]);
    expect(incidents[0]).toMatchObject({ projectId: 'proj_dormant', metric: 'requests', kind: 'spike', value: 2000, usual: 0, ratio: null, since: CURRENT_HOUR });
  });

  it('stays quiet where data is missing: the hour itself, or most of its history', () => {
    const thisHourMissing = (hour: number) => hour < CURRENT_HOUR - HOUR;
    expect(detect([spiking], medium, thisHourMissing).filter((incident) => incident.since >= CURRENT_HOUR - HOUR)).toEqual([]);
    // Only the last day and a half was fetched: two baseline values per hour, fewer than three.
    const recentOnly = (hour: number) => hour > CURRENT_HOUR - 2 * DAY;
    expect(detect([spiking], medium, recentOnly)).toEqual([]);
    // With three days fetched the same spike is judged.
    expect(detect([spiking], medium, (hour) => hour > CURRENT_HOUR - 4 * DAY)).not.toEqual([]);
  });

  it('needs the minimum absolute amount and the ratio, not only the deviation', () => {
    const small: ProjectTraffic = {
      projectId: 'proj_small',
      requests: (() => {
        const base = dailyRhythm(5, 10);
        return (hour: number) => base(hour) * (hour === CURRENT_HOUR ? 10 : 1);
      })(),
    };
    expect(detect([small])).toEqual([]);
    expect(detect([small], { sensitivity: 'medium', minAbsolute: { requests: 10 } }).map((incident) => incident.metric)).toEqual(['requests']);
    // 1.8× the usual is far outside a ±10 % band yet below 3× (medium) and 2× (high).
    const modest: ProjectTraffic = {
      projectId: 'proj_modest',
      requests: (() => {
        const base = dailyRhythm(6, 5000);
        return (hour: number) => Math.round(base(hour) * (hour === CURRENT_HOUR ? 1.8 : 1));
      })(),
    };
    expect(detect([modest], { sensitivity: 'high', minAbsolute: { tokens: Infinity } })).toEqual([]);
  });

  it('does not flag a value within an erratic project\'s usual spread', () => {
    // Some days 100 requests at this hour, some days 2000: 4000 is 4× the median but well inside the spread.
    const erratic: ProjectTraffic = {
      projectId: 'proj_erratic',
      requests: (hour) => (hour === CURRENT_HOUR ? 4000 : Math.floor(hour / DAY) % 2 === 0 ? 100 : 2000),
    };
    expect(detect([erratic], { sensitivity: 'medium', minAbsolute: { tokens: Infinity } })).toEqual([]);
    const wayOut: ProjectTraffic = { ...erratic, requests: (hour) => (hour === CURRENT_HOUR ? 20_000 : erratic.requests(hour)) };
    expect(detect([wayOut], { sensitivity: 'medium', minAbsolute: { tokens: Infinity } })).toMatchObject([{ kind: 'spike', value: 20_000, usual: 1050 }]);
  });

  it('keeps the same `since` while a spike goes on, and looks back over the last buckets', () => {
    const ongoing: ProjectTraffic = {
      projectId: 'proj_ongoing',
      requests: (() => {
        const base = dailyRhythm(8);
        return (hour: number) => base(hour) * (hour >= CURRENT_HOUR - 5 * HOUR ? 10 : 1);
      })(),
    };
    const incident = detect([ongoing])[0];
    expect(incident?.since).toBe(CURRENT_HOUR - 5 * HOUR);
    const ended: ProjectTraffic = {
      projectId: 'proj_ended',
      requests: (() => {
        const base = dailyRhythm(9);
        return (hour: number) => base(hour) * (hour === CURRENT_HOUR - 2 * HOUR ? 10 : 1);
      })(),
    };
    expect(detect([ended])[0]).toMatchObject({ kind: 'spike', since: CURRENT_HOUR - 2 * HOUR });
    expect(detectIncidents(seriesFromUsage(hourlyUsage([ended])), medium, { now: NOW, recentBuckets: 2 })).toEqual([]);
  });

  it('judges daily spend against the previous days, in micro-units, and applies spend caps', () => {
    const today = Math.floor(NOW / DAY) * DAY;
    const buckets = dailyCosts('proj_a', (day) => (day === today ? 60 : 4 + ((day / DAY) % 3)));
    const series = seriesFromCosts(buckets);
    const incidents = detectIncidents(series, { sensitivity: 'medium', dailyCaps: { proj_a: { spend: 50_000_000 } } }, { now: NOW });
    expect(incidents).toEqual([
      expect.objectContaining({ metric: 'spend', kind: 'spike', value: 60_000_000, usual: 5_000_000, ratio: 12, since: today, bucketSeconds: DAY }),
      expect.objectContaining({ metric: 'spend', kind: 'cap', value: 60_000_000, usual: 5_000_000, ratio: 12, threshold: 50_000_000, since: today }),
    ]);
  });
});

describe('what the detector flags, scenario by scenario', () => {
  it('prints a table', () => {
    const dormant: ProjectTraffic = { projectId: 'proj_dormant', requests: (hour) => (hour >= CURRENT_HOUR ? 2000 : null) };
    const scenarios: { scenario: string; run: () => Incident[]; expected: string }[] = [
      { scenario: 'steady traffic', run: () => detect([steady]), expected: '—' },
      { scenario: 'sudden spike (×10, 2 h)', run: () => detect([spiking]), expected: 'requests spike, tokens spike' },
      { scenario: 'organic growth (+6 %/day)', run: () => detect([growing]), expected: '—' },
      { scenario: 'new project, no cap', run: () => detect([newcomer]), expected: '—' },
      {
        scenario: 'new project, cap 30k req/day',
        run: () => detect([newcomer], { sensitivity: 'medium', dailyCaps: { proj_new: { requests: 30_000 } } }),
        expected: 'requests cap',
      },
      {
        scenario: 'new project, new-project limits',
        run: () => detect([newcomer], { sensitivity: 'medium', newProjectLimits: DEFAULT_NEW_PROJECT_LIMITS }),
        expected: 'requests new-project, tokens new-project',
      },
      {
        scenario: 'idle unlisted project wakes up',
        run: () => detect([dormant], { sensitivity: 'medium', newProjectLimits: DEFAULT_NEW_PROJECT_LIMITS }),
        expected: 'requests new-project',
      },
      {
        scenario: 'idle project wakes up',
        run: () => detect([dormant], medium, undefined, [{ id: 'proj_dormant', createdAt: NOW - 90 * DAY }]),
        expected: 'requests spike, tokens spike',
      },
      { scenario: 'spike, history missing', run: () => detect([spiking], medium, (hour) => hour > CURRENT_HOUR - 2 * DAY), expected: '—' },
    ];
    const table = scenarios.map(({ scenario, run, expected }) => {
      const incidents = run();
      const flagged = incidents.map((incident) => `${incident.metric} ${incident.kind}`).join(', ') || '—';
      const first = incidents[0];
      return {
        scenario,
        flagged,
        value: first ? first.value : '',
        usual: first?.usual ?? '',
        ratio: first?.ratio === null || first === undefined ? '' : `${first.ratio.toFixed(1)}×`,
        since: first ? new Date(first.since * 1000).toISOString().slice(0, 16) : '',
        expected,
      };
    });
    console.log('Spike detection (sensitivity medium unless noted, now 2025-06-15 14:30 UTC)');
    console.table(table);
    for (const row of table) expect(row.flagged, row.scenario).toBe(row.expected);
  });
});
