import { describe, expect, it } from 'vitest';
import type { CostBucket } from '../admin-api/responses';
import { summarizeUsage, type UsageScope, type UsageSummary } from '../usage/summarize-usage';
import { rankProjects, SPARKLINE_DAYS } from './ranking';

const DAY = 86_400;
/** 2025-11-20T15:00Z: the 20th, so the month to date is longer than the last 7 days. */
const NOW_MS = Date.UTC(2025, 10, 20, 15);
const TODAY = Date.UTC(2025, 10, 20) / 1000;

/** One daily cost bucket per entry: [days before today, project, dollars]. */
function costs(entries: [number, string | null, number][]): CostBucket[] {
  const byDay = new Map<number, CostBucket>();
  for (const [daysAgo, projectId, dollars] of entries) {
    const start = TODAY - daysAgo * DAY;
    const bucket = byDay.get(start) ?? { startTime: start, endTime: start + DAY, results: [] };
    bucket.results.push({ amountValue: dollars, currency: 'usd', lineItem: null, projectId });
    byDay.set(start, bucket);
  }
  return [...byDay.values()];
}

function summaries(buckets: CostBucket[]): Record<UsageScope, UsageSummary> {
  const projectIds = new Set(buckets.flatMap((bucket) => bucket.results.map((result) => result.projectId)));
  const out: Record<UsageScope, UsageSummary> = {
    organization: summarizeUsage({ costs: buckets, usage: [], now: NOW_MS, scope: 'organization' }),
  };
  for (const id of projectIds) if (id !== null) out[id] = summarizeUsage({ costs: buckets, usage: [], now: NOW_MS, scope: id });
  return out;
}

describe('rankProjects', () => {
  it('ranks by month-to-date spend with today, the last 7 days and a 14-day sparkline', () => {
    const buckets = costs([
      [0, 'proj_small', 1],
      [0, 'proj_big', 10],
      [3, 'proj_big', 20],
      // Before the last 7 days but this month: counts for the month only.
      [12, 'proj_mid', 25],
      [1, 'proj_mid', 2],
    ]);
    const ranking = rankProjects({
      summaries: summaries(buckets),
      projects: [
        { id: 'proj_big', name: 'Production', archived: false },
        { id: 'proj_mid', name: 'Staging', archived: false },
        { id: 'proj_small', name: 'Sandbox', archived: false },
      ],
    });
    expect(ranking.projects.map((row) => row.name)).toEqual(['Production', 'Staging', 'Sandbox']);
    const [big, mid] = ranking.projects;
    expect(big).toMatchObject({ projectId: 'proj_big', monthToDateMicros: 30_000_000, todayMicros: 10_000_000, last7DaysMicros: 30_000_000 });
    expect(mid).toMatchObject({ monthToDateMicros: 27_000_000, todayMicros: 0, last7DaysMicros: 2_000_000 });
    expect(big?.sparkline).toHaveLength(SPARKLINE_DAYS);
    expect(big?.sparkline.at(-1)).toEqual({ day: '2025-11-20', startTime: TODAY, costMicros: 10_000_000 });
    expect(big?.sparkline[0]?.day).toBe('2025-11-07');
    expect(big?.sparkline.find((day) => day.day === '2025-11-17')?.costMicros).toBe(20_000_000);
    expect(mid?.sparkline.find((day) => day.day === '2025-11-08')?.costMicros).toBe(25_000_000);
    expect(ranking.currency).toBe('USD');
    expect(ranking.organizationMonthToDateMicros).toBe(58_000_000);
    expect(ranking.unattributedMonthToDateMicros).toBe(0);
  });

  it('keeps archived projects that spent, and projects missing from the list under their id', () => {
    const buckets = costs([
      [2, 'proj_archived', 40],
      [2, 'proj_unlisted', 5],
      [2, 'proj_live', 1],
    ]);
    const ranking = rankProjects({
      summaries: summaries(buckets),
      projects: [
        { id: 'proj_archived', name: 'Old pipeline', archived: true },
        { id: 'proj_live', name: 'Live', archived: false },
      ],
    });
    expect(ranking.projects.map((row) => [row.projectId, row.name, row.archived])).toEqual([
      ['proj_archived', 'Old pipeline', true],
      ['proj_unlisted', null, false],
      ['proj_live', 'Live', false],
    ]);
  });

  it('adds dollar floats exactly, to the cent, and formats them in the API currency', () => {
    // Ten charges of $0.10 and one of $0.20: float addition would give 1.2000000000000002.
    const buckets = costs([...Array.from({ length: 10 }, (): [number, string, number] => [1, 'proj_a', 0.1]), [2, 'proj_a', 0.2]]);
    const ranking = rankProjects({ summaries: summaries(buckets), projects: [] });
    expect(ranking.projects[0]?.monthToDateMicros).toBe(1_200_000);
  });

  it('reports spend attributed to no project apart, so the rows need not add up to the total', () => {
    const buckets = costs([
      [1, 'proj_a', 3],
      [1, null, 2],
    ]);
    const ranking = rankProjects({ summaries: summaries(buckets), projects: [] });
    expect(ranking.organizationMonthToDateMicros).toBe(5_000_000);
    expect(ranking.unattributedMonthToDateMicros).toBe(2_000_000);
  });

  it('leaves out projects with usage but no cost, and breaks ties by the last 7 days, then name', () => {
    const buckets = costs([
      [15, 'proj_b', 5],
      [1, 'proj_a', 5],
      [1, 'proj_c', 5],
    ]);
    const all = summaries(buckets);
    all.proj_free = summarizeUsage({ costs: [], usage: [], now: NOW_MS, scope: 'proj_free' });
    const ranking = rankProjects({
      summaries: all,
      projects: [
        { id: 'proj_a', name: 'beta', archived: false },
        { id: 'proj_b', name: 'alpha', archived: false },
        { id: 'proj_c', name: 'Alpha 2', archived: false },
        { id: 'proj_free', name: 'Free', archived: false },
      ],
    });
    expect(ranking.projects.map((row) => row.projectId)).toEqual(['proj_c', 'proj_a', 'proj_b']);
  });

  it('is empty with no spend, and shares are 0 rather than NaN', () => {
    const ranking = rankProjects({ summaries: summaries([]), projects: [{ id: 'proj_a', name: 'A', archived: false }] });
    expect(ranking.projects).toEqual([]);
    expect(ranking.organizationMonthToDateMicros).toBe(0);
  });
});
