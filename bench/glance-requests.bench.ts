import { test } from '@playwright/test';
import { glanceRequests } from '../lib/glance/request-plan';

// Request counts of the usage glance, computed from the same plans the worker uses
// (lib/glance/request-plan.ts). Figures are printed, never asserted; no browser is needed.

const REFRESH_MINUTES = 15;

test('Admin API requests per refresh and per day for 1, 50 and 500 projects', () => {
  const now = Date.now();
  const rows = [1, 50, 500].map((projects) => {
    const counts = glanceRequests({ projectCount: projects, projectsWithTraffic: projects, refreshMinutes: REFRESH_MINUTES, spikeAlerts: true, now });
    const figures = counts.perRefresh.figures.reduce((sum, count) => sum + count.requests, 0);
    return { projects, counts, figures };
  });
  const [one, fifty] = rows;
  const lines = rows.map(
    ({ projects, counts, figures }) =>
      `${String(projects).padStart(4)} project(s): per refresh ${counts.perRefresh.total} (figures ${figures}: ` +
      `${counts.perRefresh.figures.map((count) => `${count.requests} ${count.what}`).join(', ')}; spike check ${counts.perRefresh.total - figures}); ` +
      `per day ${counts.perDay.total} (${counts.perDay.refreshes} refreshes: ${counts.perDay.figures + counts.perDay.spikeCheck}, ` +
      `key lists ${counts.perDay.keyLists}, project limits ${counts.perDay.projectLimits}, organization limit ${counts.perDay.organizationLimit})`,
  );
  console.log(
    `usage glance, refresh every ${REFRESH_MINUTES} min, every project with traffic:\n${lines.join('\n')}\n` +
      `figures per refresh, 50 projects ÷ 1 project: ${(fifty!.figures / one!.figures).toFixed(2)} (goal: 1.00)`,
  );
});
