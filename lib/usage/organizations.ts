/**
 * Several organizations at a glance: each organization's own figures, read with its own
 * admin key (an admin key belongs to one organization, docs/facts.md "Which organization a
 * key belongs to"), refreshed one after another with the same three requests as the
 * organization's own glance (fetchUsageSnapshot), so the requests and the time of a refresh
 * grow linearly with the number of organizations. One organization failing (401, 429,
 * offline) keeps its last figures and leaves the others' untouched.
 */
import type { AdminClient } from '../admin-api/client';
import { AdminApiError } from '../admin-api/errors';
import { describeError } from '../core/describe-error';
import type { Micros } from '../core/money';
import { utcDayStart } from '../core/utc-days';
import { buildUsageCache, effectiveRetryAt, INITIAL_STATUS, type UsageStatus } from './cache';
import { fetchUsageSnapshot } from './refresh-plan';
import { ORGANIZATION_SCOPE } from '../admin-api/scope';
import type { UsageSummary } from './summarize-usage';

export interface OrganizationFigures {
  organizationId: string;
  name: string;
  /** The organization's own glance (organization scope) from its last good refresh; null before the first. */
  summary: UsageSummary | null;
  /** Epoch milliseconds of that refresh. */
  fetchedAt: number | null;
  /** The last attempt, successful or not: a problem here is said beside the figures kept. */
  status: UsageStatus;
}

export interface OrganizationToRefresh {
  organizationId: string;
  name: string;
  client: Pick<AdminClient, 'costs' | 'completionsUsage' | 'projects'>;
}

/** One organization's refresh: its figures, or its last figures with why they could not be renewed. */
export async function refreshOrganization(
  organization: OrganizationToRefresh,
  previous: OrganizationFigures | undefined,
  now: number,
): Promise<OrganizationFigures> {
  const kept: OrganizationFigures = previous
    ? { ...previous, name: organization.name }
    : { organizationId: organization.organizationId, name: organization.name, summary: null, fetchedAt: null, status: INITIAL_STATUS };
  // Retry-After is the API's request for this organization's key; the others are not held by it.
  if (effectiveRetryAt(kept.status, now) !== null) return kept;
  try {
    const cache = buildUsageCache(await fetchUsageSnapshot(organization.client, now));
    return { ...kept, summary: cache.summaries[ORGANIZATION_SCOPE] ?? null, fetchedAt: now, status: { lastAttemptAt: now, problem: null, retryAt: null } };
  } catch (error) {
    if (error instanceof AdminApiError) {
      const retryAt = error.retryAfterSeconds === null ? null : now + error.retryAfterSeconds * 1000;
      return { ...kept, status: { lastAttemptAt: now, problem: error.toFailure(), retryAt } };
    }
    const userMessage = `The usage figures could not be computed (${describeError(error)}). The extension may need an update.`;
    return { ...kept, status: { lastAttemptAt: now, problem: { kind: 'unexpected', userMessage }, retryAt: null } };
  }
}

/** Every organization in turn (one at a time: a refresh of ten organizations is ten of one, not a burst of thirty requests). */
export async function refreshOrganizations(
  organizations: readonly OrganizationToRefresh[],
  previous: Readonly<Record<string, OrganizationFigures>>,
  now: number,
): Promise<Record<string, OrganizationFigures>> {
  const next: Record<string, OrganizationFigures> = {};
  for (const organization of organizations) {
    next[organization.organizationId] = await refreshOrganization(organization, previous[organization.organizationId], now);
  }
  return next;
}

/**
 * Whether figures read at `fetchedAt` are today's (same UTC day as `now`): only those are
 * added into a total of today and the month, by the popup and the badge alike. A reading
 * from a later instant than now (a clock set back) is not trusted either.
 */
export function isFromToday(fetchedAt: number | null, now: number): boolean {
  return fetchedAt !== null && fetchedAt <= now && utcDayStart(Math.floor(fetchedAt / 1000)) === utcDayStart(Math.floor(now / 1000));
}

export interface OrganizationLine {
  organizationId: string;
  name: string;
  currency: string;
  todayMicros: Micros;
  monthToDateMicros: Micros;
  projectedMonthEndMicros: Micros | null;
  fetchedAt: number;
  /** Read today (isFromToday): counted in the totals. An older line is shown with its date and left out. */
  current: boolean;
}

export interface OrganizationsOverview {
  /** Today's lines added up; null when they bill in different currencies (nothing is converted) or none has today's figures. */
  totals: { currency: string; todayMicros: Micros; monthToDateMicros: Micros; projectedMonthEndMicros: Micros | null } | null;
  /** Organizations with figures, biggest month to date first (then by name). */
  lines: OrganizationLine[];
  /** Organizations whose last refresh failed, with what went wrong; their last figures stay in `lines`. */
  failed: { organizationId: string; name: string; message: string }[];
  /** Organizations with no figures yet (never refreshed successfully). */
  pending: string[];
  /** Organizations whose figures are from an earlier day, so not in the totals. */
  notCounted: string[];
}

export function organizationsOverview(figures: readonly OrganizationFigures[], now: number): OrganizationsOverview {
  const lines: OrganizationLine[] = figures
    .filter((entry): entry is OrganizationFigures & { summary: UsageSummary; fetchedAt: number } => entry.summary !== null && entry.fetchedAt !== null)
    .map(({ organizationId, name, summary, fetchedAt }) => ({
      organizationId,
      name,
      currency: summary.currency,
      todayMicros: summary.today.costMicros,
      monthToDateMicros: summary.monthToDate.costMicros,
      projectedMonthEndMicros: summary.projectedMonthEndMicros,
      fetchedAt,
      current: isFromToday(fetchedAt, now),
    }))
    .sort((a, b) => b.monthToDateMicros - a.monthToDateMicros || a.name.localeCompare(b.name));
  const counted = lines.filter((line) => line.current);
  const currencies = new Set(counted.map((line) => line.currency));
  const totals =
    counted.length > 0 && currencies.size === 1
      ? {
          currency: counted[0]!.currency,
          todayMicros: counted.reduce((sum, line) => sum + line.todayMicros, 0),
          monthToDateMicros: counted.reduce((sum, line) => sum + line.monthToDateMicros, 0),
          // A projection missing for one organization leaves the total's unknown rather than too low.
          projectedMonthEndMicros: counted.every((line) => line.projectedMonthEndMicros !== null)
            ? counted.reduce((sum, line) => sum + (line.projectedMonthEndMicros ?? 0), 0)
            : null,
        }
      : null;
  const failed = figures
    .filter((entry) => entry.status.problem !== null && entry.status.problem.kind !== 'no-key')
    .map((entry) => ({ organizationId: entry.organizationId, name: entry.name, message: (entry.status.problem as { userMessage: string }).userMessage }));
  const pending = figures.filter((entry) => entry.summary === null && entry.status.problem === null).map((entry) => entry.name);
  const notCounted = lines.filter((line) => !line.current).map((line) => line.name);
  return { totals, lines, failed, pending, notCounted };
}
