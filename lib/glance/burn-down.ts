import type { SpendLimit, SpendLimitResult } from '../admin-api/spend-limits';
import { type Micros } from '../core/money';
import { displayLocale, formatMoney, formatUtcDay } from '../core/format';
import type { UsageScope, UsageSummary } from '../usage/summarize-usage';
import { DAY_SECONDS, utcDayStart, utcDaysInMonth, utcMonthStart } from '../core/utc-days';

export type BurnDownStatus =
  /** Month to date is at or above the limit: requests fail with 429 (enforcement is not instantaneous). */
  | 'exceeded'
  /** At this pace the limit is reached before the month ends. */
  | 'will-exceed'
  /** At this pace the month ends below the limit. */
  | 'within'
  /** Nothing spent this month. */
  | 'no-spend'
  /** The first UTC day of the month: no complete day to take a pace from. */
  | 'too-early';

export interface BurnDown {
  scope: UsageScope;
  /** Exact (integer micro-units). */
  limitMicros: Micros;
  monthToDateMicros: Micros;
  /** limit − month to date; negative once exceeded. */
  remainingMicros: Micros;
  /** Month to date as a whole percentage of the limit, rounded down (so 100 means reached). */
  usedPercent: number;
  status: BurnDownStatus;
  /** false when the API says the limit is inactive: nothing is refused at it. */
  enforcing: boolean;
  /** The fields below are ESTIMATES (a projection); `projectionIsEstimate` says so to the UI. */
  projectionIsEstimate: true;
  /** Average spend of this month's complete UTC days; null on the month's first day. */
  dailyPaceMicros: Micros | null;
  /** The end of today (the pace, or today's spend if more) plus the pace for each day left in the month. */
  projectedMonthEndMicros: Micros | null;
  /** Unix seconds of the UTC day the limit is reached at this pace; only for `will-exceed`. */
  reachedOn: number | null;
}

/**
 * Month to date against a monthly limit. The pace is the usage summary's
 * (lib/usage/summarize-usage.ts): the average of the month's complete UTC days, today left
 * out because its bucket is still filling; but today counts in full once it has already
 * spent more than the pace, so a spike brings the date forward. Months are UTC calendar
 * months, like the API's buckets; the limit resets with the month, so nothing is projected
 * past its end.
 */
export function burnDown(input: {
  scope: UsageScope;
  monthToDateMicros: Micros;
  /** Today's (partial) spend, part of the month to date. */
  todayMicros: Micros;
  limit: Pick<SpendLimit, 'thresholdMicros' | 'enforcing'>;
  /** Epoch milliseconds. */
  now: number;
}): BurnDown {
  const nowSeconds = Math.floor(input.now / 1000);
  const monthStart = utcMonthStart(nowSeconds);
  const completeDays = (utcDayStart(nowSeconds) - monthStart) / DAY_SECONDS;
  const daysInMonth = utcDaysInMonth(nowSeconds);
  const limitMicros = input.limit.thresholdMicros;
  const spent = input.monthToDateMicros;
  const completeDaysMicros = spent - input.todayMicros;

  const base = {
    scope: input.scope,
    limitMicros,
    monthToDateMicros: spent,
    remainingMicros: limitMicros - spent,
    usedPercent: limitMicros > 0 ? Math.floor((spent * 100) / limitMicros) : 100,
    enforcing: input.limit.enforcing,
    projectionIsEstimate: true as const,
  };
  if (spent >= limitMicros) return { ...base, status: 'exceeded', ...projection(completeDays, completeDaysMicros, spent, daysInMonth), reachedOn: null };
  if (completeDays === 0) {
    return { ...base, status: spent <= 0 ? 'no-spend' : 'too-early', dailyPaceMicros: null, projectedMonthEndMicros: null, reachedOn: null };
  }
  const pace = projection(completeDays, completeDaysMicros, spent, daysInMonth);
  if (spent <= 0) return { ...base, status: 'no-spend', ...pace, reachedOn: null };
  if (completeDaysMicros <= 0) return { ...base, status: 'within', ...pace, reachedOn: null };

  // Days after today until the limit, from the end of today (its estimate: the pace, or what
  // it already spent if more) at `completeDaysMicros / completeDays` a day. Scaled by
  // completeDays so it is integer arithmetic, exact.
  const endOfTodayScaled = Math.max(spent * completeDays, completeDaysMicros * (completeDays + 1));
  const daysAfterToday = Math.max(0, Math.ceil((limitMicros * completeDays - endOfTodayScaled) / completeDaysMicros));
  const day = completeDays + 1 + daysAfterToday;
  if (day > daysInMonth) return { ...base, status: 'within', ...pace, reachedOn: null };
  return { ...base, status: 'will-exceed', ...pace, reachedOn: monthStart + (day - 1) * DAY_SECONDS };
}

/** The pace of the complete days and the month end it leads to (today counted in full if already above the pace). */
function projection(completeDays: number, completeDaysMicros: Micros, spent: Micros, daysInMonth: number) {
  if (completeDays === 0) return { dailyPaceMicros: null, projectedMonthEndMicros: null };
  const pace = completeDaysMicros / completeDays;
  const endOfToday = Math.max(spent, completeDaysMicros + pace);
  return {
    dailyPaceMicros: Math.round(pace),
    projectedMonthEndMicros: Math.round(endOfToday + pace * (daysInMonth - completeDays - 1)),
  };
}

/**
 * One line for the glance: "$412.00 of $500.00; at this pace reached around 23 Nov, then
 * requests fail with 429". The date is the UTC day, in the given locale.
 */
export function describeBurnDown(burn: BurnDown, currency: string, locale = displayLocale()): string {
  const money = (micros: Micros) => formatMoney(micros, currency, locale);
  const head = `${money(burn.monthToDateMicros)} of ${money(burn.limitMicros)}`;
  const consequence = burn.enforcing ? 'then requests fail with 429' : 'but the limit is not enforced';
  switch (burn.status) {
    case 'exceeded':
      return burn.enforcing
        ? `${head}: limit reached, requests fail with 429`
        : `${head}: limit reached, but it is not enforced`;
    case 'will-exceed':
      return `${head}; at this pace reached around ${formatUtcDay(burn.reachedOn ?? 0, locale)}, ${consequence}`;
    case 'within':
      return `${head}; at this pace about ${money(burn.projectedMonthEndMicros ?? burn.monthToDateMicros)} by month end`;
    case 'no-spend':
      return `${head}; nothing spent this month`;
    case 'too-early':
      return `${head}; too early in the month to project`;
  }
}

type SpendSummary = Pick<UsageSummary, 'monthToDate' | 'today'>;

/**
 * A burn-down for the organization and for each project that has a limit, most used first.
 * Scopes without a limit, or whose limit could not be read (403), get none.
 */
export function burnDowns(input: {
  summaries: Readonly<Partial<Record<UsageScope, SpendSummary>>>;
  limits: Readonly<Partial<Record<UsageScope, SpendLimitResult>>>;
  now: number;
}): BurnDown[] {
  const rows: BurnDown[] = [];
  for (const [scope, result] of Object.entries(input.limits)) {
    if (result?.state !== 'limit') continue;
    const summary = input.summaries[scope];
    rows.push(
      burnDown({
        scope,
        monthToDateMicros: summary?.monthToDate.costMicros ?? 0,
        todayMicros: summary?.today.costMicros ?? 0,
        limit: result.limit,
        now: input.now,
      }),
    );
  }
  return rows.sort(
    (a, b) =>
      Number(b.scope === 'organization') - Number(a.scope === 'organization') ||
      b.monthToDateMicros / b.limitMicros - a.monthToDateMicros / a.limitMicros ||
      (a.scope < b.scope ? -1 : 1),
  );
}

export type LimitFlag =
  /** Spent this month with no project limit set. */
  | { kind: 'spend-without-limit'; projectId: string; monthToDateMicros: Micros }
  /** Spent in the Default project, which cannot be given a limit (docs/facts.md §1). */
  | { kind: 'default-project-spend'; projectId: string; monthToDateMicros: Micros };

/**
 * Optional warnings. A project whose limit is unknown (403, not fetched) is not flagged:
 * only a confirmed "no limit" is.
 */
export function limitFlags(input: {
  projects: readonly { projectId: string; monthToDateMicros: Micros }[];
  limits: Readonly<Partial<Record<UsageScope, SpendLimitResult>>>;
  defaultProjectId: string | null;
}): LimitFlag[] {
  const flags: LimitFlag[] = [];
  for (const { projectId, monthToDateMicros } of input.projects) {
    if (monthToDateMicros <= 0) continue;
    if (projectId === input.defaultProjectId) flags.push({ kind: 'default-project-spend', projectId, monthToDateMicros });
    else if (input.limits[projectId]?.state === 'no-limit') flags.push({ kind: 'spend-without-limit', projectId, monthToDateMicros });
  }
  return flags;
}

