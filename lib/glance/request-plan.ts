import { spikeCheckQueries } from '../spike-alerts/check-queries';
import { planUsageRefresh } from '../usage/refresh-plan';
import { DAY_SECONDS, utcDayStart } from '../core/utc-days';
import { elapsedSince } from '../core/clock';

/**
 * How many Admin API requests the glance makes, and when the per-project lookups (key
 * names, spend limits) are due. The figures themselves come from organization-wide
 * listings grouped by project (and by api_key_id for "which key"): group_by widens each
 * bucket's results, the pages are counted in buckets, so their number does not grow with
 * the projects. The project listing pages by 100 projects; key lists and limits are one
 * request per project, so they are fetched at most once per UTC day, and only for
 * projects with traffic.
 */

/** Page sizes of the list endpoints (docs/facts.md §1: projects and keys list at most 100 per page). */
const LIST_PAGE_SIZE = 100;
const COSTS_MAX_LIMIT = 180;
const USAGE_DAILY_MAX_LIMIT = 31;
const USAGE_HOURLY_MAX_LIMIT = 168;
const HOUR_SECONDS = 3600;
const MINUTES_PER_DAY = 1440;

export interface GlanceRequestInput {
  /** Projects in the organization (archived included: they are listed for their names). */
  projectCount: number;
  /** Projects with cost or usage this month: only these get key lists and limits. */
  projectsWithTraffic: number;
  refreshMinutes: number;
  spikeAlerts: boolean;
  /** Keys per project, for the key list's pages (default 10). */
  keysPerProject?: number;
  /** Epoch milliseconds; the month-to-date window (and so its pages) depends on the date. */
  now: number;
}

export interface RequestCount {
  what: string;
  requests: number;
}

export interface GlanceRequestCounts {
  perRefresh: {
    /** Costs, usage (grouped by project, model and key) and the project listing. */
    figures: RequestCount[];
    /** Hourly usage for the spike check and its signals (same listing, more group_by keys). */
    spikeCheck: RequestCount[];
    total: number;
  };
  perDay: {
    refreshes: number;
    figures: number;
    spikeCheck: number;
    /** Once per UTC day per project with traffic. */
    keyLists: number;
    projectLimits: number;
    /** Once per UTC day. */
    organizationLimit: number;
    total: number;
  };
}

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
const sum = (counts: readonly RequestCount[]) => counts.reduce((total, count) => total + count.requests, 0);

export function glanceRequests(input: GlanceRequestInput): GlanceRequestCounts {
  const plan = planUsageRefresh(input.now);
  const days = (query: { startTime: number; endTime?: number }) => Math.ceil(((query.endTime ?? 0) - query.startTime) / DAY_SECONDS);
  const figures: RequestCount[] = [
    { what: 'costs (daily, by project and line item)', requests: pages(days(plan.costs), plan.costs.limit ?? COSTS_MAX_LIMIT) },
    {
      what: 'completions usage (daily, by project, model and key)',
      requests: pages(days(plan.completionsUsage), plan.completionsUsage.limit ?? USAGE_DAILY_MAX_LIMIT),
    },
    { what: 'project list (100 a page)', requests: pages(input.projectCount, LIST_PAGE_SIZE) },
  ];
  const hourly = spikeCheckQueries({ now: Math.floor(input.now / 1000) }).usage;
  const spikeCheck: RequestCount[] = input.spikeAlerts
    ? [
        {
          what: 'completions usage (hourly, by project, key and model)',
          requests: pages(((hourly.endTime ?? 0) - hourly.startTime) / HOUR_SECONDS, hourly.limit ?? USAGE_HOURLY_MAX_LIMIT),
        },
      ]
    : [];

  const refreshes = Math.ceil(MINUTES_PER_DAY / input.refreshMinutes);
  const perDay = {
    refreshes,
    figures: refreshes * sum(figures),
    spikeCheck: refreshes * sum(spikeCheck),
    keyLists: input.projectsWithTraffic * pages(input.keysPerProject ?? 10, LIST_PAGE_SIZE),
    projectLimits: input.projectsWithTraffic,
    organizationLimit: 1,
  };
  return {
    perRefresh: { figures, spikeCheck, total: sum(figures) + sum(spikeCheck) },
    perDay: { ...perDay, total: perDay.figures + perDay.spikeCheck + perDay.keyLists + perDay.projectLimits + perDay.organizationLimit },
  };
}

/** What was last fetched when (epoch ms), keyed by lookupKey. Attempts answered 403 count as fetched. */
export type LookupLog = Readonly<Record<string, number>>;

export type Lookup = { kind: 'key-list'; projectId: string } | { kind: 'project-limit'; projectId: string } | { kind: 'organization-limit' };

/**
 * Keys and limits are looked up and kept for this many projects with traffic, biggest
 * spenders first (about 1.6 KiB each in storage.session, which holds 10 MiB in all: an
 * organization of 5,000 busy projects filled it and the details were dropped whole). The
 * rest are counted, and the popup says their keys were not kept rather than that no key
 * carried traffic.
 */
export const MAX_DETAIL_PROJECTS = 1_000;

export function lookupKey(lookup: Lookup): string {
  return lookup.kind === 'organization-limit' ? 'limit:organization' : `${lookup.kind === 'key-list' ? 'keys' : 'limit'}:${lookup.projectId}`;
}

/**
 * The lookups due at `now`: each at most once per UTC day (a fetch earlier today, even a
 * 403, is enough until tomorrow), key lists and project limits only for projects with
 * traffic. The organization's limit is looked up whatever the traffic.
 */
export function dueLookups(input: { now: number; projectsWithTraffic: readonly string[]; log: LookupLog }): Lookup[] {
  const todayMs = utcDayStart(Math.floor(input.now / 1000)) * 1000;
  // A fetch logged in the future (the computer's clock was ahead) is not today's.
  const due = (lookup: Lookup) => {
    const at = input.log[lookupKey(lookup)];
    return elapsedSince(at, input.now) === null || (at as number) < todayMs;
  };
  const lookups: Lookup[] = [{ kind: 'organization-limit' }];
  for (const projectId of new Set(input.projectsWithTraffic)) {
    lookups.push({ kind: 'key-list', projectId }, { kind: 'project-limit', projectId });
  }
  return lookups.filter(due);
}
