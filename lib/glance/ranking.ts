import { normalizeCurrency, type Micros } from '../core/money';
import type { DailyCost, UsageScope, UsageSummary } from '../usage/summarize-usage';

/** Days in a project's sparkline: two weeks shows the weekly rhythm without crowding the row. */
export const SPARKLINE_DAYS = 14;

/** The parts of a usage summary the ranking reads (the usage cache stores one per active project). */
export type RankingSummary = Pick<UsageSummary, 'scope' | 'currency' | 'today' | 'last7Days' | 'monthToDate' | 'daily'>;

/** The parts of a project listing entry the ranking reads (lib/usage/seen-projects.ts). */
export interface RankingProject {
  id: string;
  name: string | null;
  archived: boolean;
}

export interface RankedProject {
  projectId: string;
  /** null when the project list did not name it; show the id instead. */
  name: string | null;
  /** Archived projects still rank: spend made before archiving is still billed this month. */
  archived: boolean;
  /** All in integer micro-units of the ranking's currency: exact sums, no float drift. */
  monthToDateMicros: Micros;
  todayMicros: Micros;
  last7DaysMicros: Micros;
  /** The last SPARKLINE_DAYS UTC days, oldest first, today (partial) last; every day present. */
  sparkline: DailyCost[];
}

export interface ProjectRanking {
  /** Uppercase ISO 4217, as the API reports the costs ("USD"). */
  currency: string;
  /** Largest month-to-date spend first. */
  projects: RankedProject[];
  /** Month-to-date spend of the whole organization, including spend attributed to no project. */
  organizationMonthToDateMicros: Micros;
  /** Month-to-date spend the API attributed to no project (so the rows may not add up to the total). */
  unattributedMonthToDateMicros: Micros;
}

/**
 * Ranks the projects that have spend this month or in the sparkline's days, from the usage
 * summaries the refresh already computed (no new request, no second way of adding costs up).
 * Ties: last 7 days, then name, then id, so the order never flickers between refreshes.
 */
export function rankProjects(input: {
  /** The organization's summary and one per project; projects without one had no cost or usage. */
  summaries: Readonly<Record<UsageScope, RankingSummary>>;
  projects: readonly RankingProject[];
}): ProjectRanking {
  const organization = input.summaries.organization;
  const listed = new Map(input.projects.map((project) => [project.id, project]));
  const ranked: RankedProject[] = [];
  let projectsMonthToDate = 0;

  for (const [scope, summary] of Object.entries(input.summaries)) {
    if (scope === 'organization') continue;
    const sparkline = summary.daily.slice(-SPARKLINE_DAYS);
    const row: RankedProject = {
      projectId: scope,
      name: listed.get(scope)?.name ?? null,
      archived: listed.get(scope)?.archived ?? false,
      monthToDateMicros: summary.monthToDate.costMicros,
      todayMicros: summary.today.costMicros,
      last7DaysMicros: summary.last7Days.costMicros,
      sparkline,
    };
    projectsMonthToDate += row.monthToDateMicros;
    // A project with usage but no cost in the window (e.g. only free-tier traffic) has nothing to rank.
    if (row.monthToDateMicros === 0 && sparkline.every((day) => day.costMicros === 0)) continue;
    ranked.push(row);
  }

  ranked.sort(
    (a, b) =>
      b.monthToDateMicros - a.monthToDateMicros ||
      b.last7DaysMicros - a.last7DaysMicros ||
      (a.name ?? a.projectId).localeCompare(b.name ?? b.projectId, 'en', { sensitivity: 'base' }) ||
      (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0),
  );

  const organizationMonthToDateMicros = organization?.monthToDate.costMicros ?? projectsMonthToDate;
  return {
    currency: normalizeCurrency(organization?.currency ?? Object.values(input.summaries)[0]?.currency ?? 'USD'),
    projects: ranked,
    organizationMonthToDateMicros,
    unattributedMonthToDateMicros: organizationMonthToDateMicros - projectsMonthToDate,
  };
}

