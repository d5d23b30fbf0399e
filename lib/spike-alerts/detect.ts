import { DAY_SECONDS, utcDayStart } from '../core/utc-days';
import { MAD_SCALE, mad, median } from './robust';
import type { Metric, Series } from './series';

export type Sensitivity = 'low' | 'medium' | 'high';

/**
 * k: how many robust standard deviations above the usual a value must be; minRatio: how
 * many times the usual it must reach as well, so a very steady series (MAD near 0) does
 * not alert on a small wobble.
 */
export const SENSITIVITY: Readonly<Record<Sensitivity, { k: number; minRatio: number }>> = {
  high: { k: 3, minRatio: 2 },
  medium: { k: 5, minRatio: 3 },
  low: { k: 8, minRatio: 5 },
};

/** Below these a bucket never counts as a spike, however unusual: per hour for counts, per day for spend. */
export const DEFAULT_MIN_ABSOLUTE: Readonly<Record<Metric, number>> = {
  spend: 5_000_000,
  requests: 300,
  tokens: 500_000,
};

/**
 * For a project with too little history to compare with (new, or dormant and unlisted):
 * a bucket at or above these alerts. Spend per UTC day in micro-units, requests and
 * tokens per hour. The user sees and changes them in options.
 */
export type NewProjectLimits = Record<Metric, number | null>;

export const DEFAULT_NEW_PROJECT_LIMITS: Readonly<NewProjectLimits> = {
  spend: 20_000_000,
  requests: 2_000,
  tokens: 2_000_000,
};

/** The limits in force: the user's, over the defaults (settings saved before the limits existed have none). */
export function newProjectLimitsOf(settings: { newProjectLimits?: Partial<NewProjectLimits> }): NewProjectLimits {
  return { ...DEFAULT_NEW_PROJECT_LIMITS, ...settings.newProjectLimits };
}

export interface SpikeSettings {
  sensitivity: Sensitivity;
  minAbsolute?: Partial<Record<Metric, number>>;
  /** Absolute limits for series with too little history; without them such series get no verdict. null: off for that metric. */
  newProjectLimits?: Partial<NewProjectLimits>;
  /** Per project id: a UTC day's total at or above which to alert, whatever the history (spend in micro-units). */
  dailyCaps?: Readonly<Record<string, Partial<Record<Metric, number>>>>;
}

export interface DetectOptions {
  /** Unix seconds. */
  now: number;
  /** Days of the same hour (hourly series) or of previous days (daily series) forming the baseline. */
  baselineDays?: number;
  /** Fewer baseline values than this (a new project, or gaps in the data): no spike verdict. */
  minHistoryDays?: number;
  /** The latest buckets examined, the current partial one included, so a missed check still catches a spike. */
  recentBuckets?: number;
}

export interface Incident {
  projectId: string | null;
  metric: Metric;
  /** 'new-project': too little history to compare with, so judged by the new-project limit. */
  kind: 'spike' | 'cap' | 'new-project';
  /** The worst bucket's value (spike) or the day's total (cap). */
  value: number;
  /** Median of the baseline; null without any history. */
  usual: number | null;
  /** value ÷ usual ("how many times the usual"); null when the usual is unknown or zero. */
  ratio: number | null;
  /** What value had to reach: the spike threshold, the cap or the new-project limit. */
  threshold: number;
  /** Start of the first bucket of the run of unusual buckets (spike), or of the UTC day (cap). */
  since: number;
  bucketSeconds: number;
}

const DEFAULTS = { baselineDays: 14, minHistoryDays: 3, recentBuckets: 3 };

interface Verdict {
  unusual: boolean;
  usual: number | null;
  threshold: number;
  kind: 'spike' | 'new-project';
}

const ratioOf = (value: number, usual: number | null): number | null => (usual === null || usual === 0 ? null : value / usual);

/**
 * Each series' latest buckets against the same bucket on each of the previous days: robust
 * to a single past spike, to the daily rhythm (09:00 is compared with 09:00) and to slow
 * growth (a few percent a day moves the median along). Silent when a bucket is missing, since
 * no verdict beats a false alarm; a series with too little history (a new project, or a
 * dormant one when projects cannot be listed) is held to the new-project limits instead.
 * Daily caps apply regardless.
 */
export function detectIncidents(series: readonly Series[], settings: SpikeSettings, options: DetectOptions): Incident[] {
  const { baselineDays, minHistoryDays, recentBuckets } = { ...DEFAULTS, ...options };
  const { k, minRatio } = SENSITIVITY[settings.sensitivity];
  const incidents: Incident[] = [];

  for (const { projectId, metric, bucketSeconds, points } of series) {
    const values = new Map(points.map((point) => [point.start, point.value]));
    const minAbsolute = settings.minAbsolute?.[metric] ?? DEFAULT_MIN_ABSOLUTE[metric];
    const newProjectLimit = settings.newProjectLimits?.[metric] ?? null;

    const judge = (start: number): Verdict | null => {
      const value = values.get(start);
      if (value === undefined) return null;
      const baseline: number[] = [];
      for (let day = 1; day <= baselineDays; day += 1) {
        const past = values.get(start - day * DAY_SECONDS);
        if (past !== undefined) baseline.push(past);
      }
      if (baseline.length < minHistoryDays) {
        // Too little history to say what is usual: a plain limit instead of silence.
        if (newProjectLimit === null || newProjectLimit <= 0) return null;
        return {
          unusual: value >= newProjectLimit,
          usual: baseline.length > 0 ? median(baseline) : null,
          threshold: newProjectLimit,
          kind: 'new-project',
        };
      }
      const usual = median(baseline);
      const band = usual + k * MAD_SCALE * mad(baseline);
      return {
        unusual: value > band && value >= minAbsolute && value >= minRatio * usual,
        usual,
        threshold: Math.max(band, minAbsolute, minRatio * usual),
        kind: 'spike',
      };
    };

    const current = Math.floor(options.now / bucketSeconds) * bucketSeconds;
    let latest: number | null = null;
    for (let i = 0; i < recentBuckets && latest === null; i += 1) {
      const start = current - i * bucketSeconds;
      if (judge(start)?.unusual) latest = start;
    }
    if (latest !== null) {
      // Walk back through the whole run, so an ongoing spike keeps one `since` from check to check.
      let since = latest;
      while (judge(since - bucketSeconds)?.unusual) since -= bucketSeconds;
      let worst = { start: latest, value: values.get(latest) ?? 0 };
      for (let start = since; start <= latest; start += bucketSeconds) {
        const value = values.get(start) ?? 0;
        if (value > worst.value) worst = { start, value };
      }
      const verdict = judge(worst.start);
      if (verdict) {
        incidents.push({
          projectId,
          metric,
          kind: verdict.kind,
          value: worst.value,
          usual: verdict.usual,
          ratio: ratioOf(worst.value, verdict.usual),
          threshold: verdict.threshold,
          since,
          bucketSeconds,
        });
      }
    }

    const cap = projectId === null ? undefined : settings.dailyCaps?.[projectId]?.[metric];
    if (cap !== undefined) {
      const dayTotal = (day: number): number | null => {
        const inDay = points.filter((point) => point.start >= day && point.start < day + DAY_SECONDS);
        return inDay.length === 0 ? null : inDay.reduce((sum, point) => sum + point.value, 0);
      };
      const today = utcDayStart(options.now);
      // Yesterday too: costs arrive late, so a day may cross its cap only after it ended.
      for (const day of [today - DAY_SECONDS, today]) {
        const total = dayTotal(day);
        if (total === null || total < cap) continue;
        const history: number[] = [];
        for (let back = 1; back <= baselineDays; back += 1) {
          const past = dayTotal(day - back * DAY_SECONDS);
          if (past !== null) history.push(past);
        }
        const usual = history.length >= minHistoryDays ? median(history) : null;
        incidents.push({
          projectId,
          metric,
          kind: 'cap',
          value: total,
          usual,
          ratio: ratioOf(total, usual),
          threshold: cap,
          since: day,
          bucketSeconds: DAY_SECONDS,
        });
      }
    }
  }
  return incidents;
}
