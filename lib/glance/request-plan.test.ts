import { describe, expect, it } from 'vitest';
import { dueLookups, glanceRequests, lookupKey, type Lookup } from './request-plan';

const NOW = Date.UTC(2025, 10, 20, 15);

describe('glanceRequests', () => {
  it('makes the same requests per refresh for the figures with 1 and 50 projects', () => {
    const one = glanceRequests({ projectCount: 1, projectsWithTraffic: 1, refreshMinutes: 15, spikeAlerts: true, now: NOW });
    const fifty = glanceRequests({ projectCount: 50, projectsWithTraffic: 50, refreshMinutes: 15, spikeAlerts: true, now: NOW });
    expect(one.perRefresh.figures.map((count) => count.requests)).toEqual([1, 1, 1]);
    expect(fifty.perRefresh).toEqual(one.perRefresh);
    // The hourly listing for the 14-day baseline: 339 buckets, 168 a page.
    expect(one.perRefresh.spikeCheck).toEqual([{ what: 'completions usage (hourly, by project, key and model)', requests: 3 }]);
    expect(one.perRefresh.total).toBe(6);
  });

  it('grows only by the project list pages with 500 projects', () => {
    const counts = glanceRequests({ projectCount: 500, projectsWithTraffic: 500, refreshMinutes: 15, spikeAlerts: true, now: NOW });
    expect(counts.perRefresh.figures.map((count) => count.requests)).toEqual([1, 1, 5]);
  });

  it('adds per-project lookups once a day only for projects with traffic', () => {
    const counts = glanceRequests({ projectCount: 500, projectsWithTraffic: 40, refreshMinutes: 15, spikeAlerts: false, keysPerProject: 150, now: NOW });
    expect(counts.perDay).toEqual({
      refreshes: 96,
      figures: 96 * 7,
      spikeCheck: 0,
      keyLists: 80,
      projectLimits: 40,
      organizationLimit: 1,
      total: 96 * 7 + 80 + 40 + 1,
    });
  });
});

describe('dueLookups', () => {
  const run = (now: number, projects: string[], log: Record<string, number>) => dueLookups({ now, projectsWithTraffic: projects, log }).map(lookupKey);

  it('asks for everything once, then nothing more the same UTC day, then again the next day', () => {
    const log: Record<string, number> = {};
    const fetched: string[] = [];
    // A refresh every 15 minutes for two UTC days.
    for (let minute = 0; minute < 2 * 1440; minute += 15) {
      const now = Date.UTC(2025, 10, 20) + minute * 60_000;
      for (const key of run(now, ['proj_a', 'proj_b', 'proj_a'], log)) {
        fetched.push(`${new Date(now).toISOString().slice(0, 10)} ${key}`);
        log[key] = now;
      }
    }
    expect(fetched).toEqual(
      ['2025-11-20', '2025-11-21'].flatMap((day) =>
        ['limit:organization', 'keys:proj_a', 'limit:proj_a', 'keys:proj_b', 'limit:proj_b'].map((key) => `${day} ${key}`),
      ),
    );
  });

  it('skips projects without traffic, but not the organization limit', () => {
    expect(run(NOW, [], {})).toEqual(['limit:organization']);
  });

  it('a lookup logged in the future (the clock was 6 hours fast) is due again once the clock is put right', () => {
    expect(run(NOW, [], { 'limit:organization': NOW + 6 * 3_600_000 })).toEqual(['limit:organization']);
    expect(run(NOW, [], { 'limit:organization': NOW - 60_000 })).toEqual([]);
  });

  it('names each lookup by kind and project', () => {
    const lookups: Lookup[] = [{ kind: 'key-list', projectId: 'p' }, { kind: 'project-limit', projectId: 'p' }, { kind: 'organization-limit' }];
    expect(lookups.map(lookupKey)).toEqual(['keys:p', 'limit:p', 'limit:organization']);
  });
});
