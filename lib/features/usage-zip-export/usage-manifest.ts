import { buildManifestCore, incompleteWarning, type ManifestCore, type ManifestFile } from '../../archive/manifest';
import { isMonthKey, type DayRange, type MonthKey } from '../../archive/month-range';
import type { CaptureSource } from './capture-protocol';

/** One month's file as captured from the Export modal (see docs/facts.md §2: delivery is a guess). */
export interface UsageManifestFile extends ManifestFile {
  /** Name the dashboard gave the download. */
  originalFileName: string;
  month: MonthKey | null;
  source: CaptureSource;
}

export interface UsageManifestFailure {
  month: MonthKey | null;
  /** The row's visible label, so the user can find it in the Export modal. */
  label: string;
  error: string;
  attempts: number;
}

export interface UsageManifestInput {
  organization: string | null;
  project: string | null;
  /** The chosen range, UTC days 'YYYY-MM-DD'. */
  range: DayRange;
  generatedAt: Date;
  /** Already named safely and uniquely; extra properties (say, the bytes) are left out. */
  entries: readonly UsageManifestFile[];
  failures: readonly UsageManifestFailure[];
  /** Months the export should hold (e.g. one per Export row); any without an entry or failure is reported missing. */
  expectedMonths?: readonly MonthKey[];
}

/** The usage-page ZIP's manifest: the shared core plus the months that are missing. */
export interface UsageManifest extends ManifestCore<UsageManifestFile, UsageManifestFailure> {
  counts: { files: number; failed: number; missing: number; totalBytes: number };
  missingMonths: MonthKey[];
}

// Downloads finish in any order; sorting makes two exports of the same data produce the same manifest.
function byMonthThen<T extends { month: MonthKey | null }>(tieBreak: (item: T) => string) {
  return (a: T, b: T): number => {
    if (a.month !== b.month) {
      if (a.month === null) return 1;
      if (b.month === null) return -1;
      return a.month < b.month ? -1 : 1;
    }
    return tieBreak(a).localeCompare(tieBreak(b), 'en');
  };
}

function describeIncomplete(failures: readonly UsageManifestFailure[], missingMonths: readonly MonthKey[]): string {
  const sentences = ['this archive does not hold every month of the chosen range.'];
  if (failures.length > 0) {
    const which = failures.map((failure) => failure.month ?? failure.label).join(', ');
    sentences.push(`${failures.length} download${failures.length === 1 ? '' : 's'} failed (${which}).`);
  }
  if (missingMonths.length > 0) {
    sentences.push(`No file was found for ${missingMonths.join(', ')}.`);
  }
  sentences.push('Download the missing months again from the Usage page\'s Export.');
  return incompleteWarning(sentences);
}

/** What each captured file is, where it came from, and whether any month is missing. */
export function buildUsageManifest(input: UsageManifestInput): UsageManifest {
  const months = [...input.entries, ...input.failures].map((item) => item.month);
  for (const month of [...months, ...(input.expectedMonths ?? [])]) {
    if (month !== null && !isMonthKey(month)) throw new RangeError(`Invalid month ${JSON.stringify(month)}`);
  }
  // Fields are copied one by one so that extra properties (say, the bytes) never reach the JSON.
  const files = input.entries
    .map(({ fileName, originalFileName, month, size, sha256, source }) => ({
      fileName, originalFileName, month, size, sha256, source,
    }))
    .sort(byMonthThen((entry) => entry.fileName));
  const failures = input.failures
    .map(({ month, label, error, attempts }) => ({ month, label, error, attempts }))
    .sort(byMonthThen((failure) => failure.label));
  const accounted = new Set([...files, ...failures].map((item) => item.month));
  const missingMonths = [...new Set(input.expectedMonths)].filter((month) => !accounted.has(month)).sort();
  const complete = failures.length === 0 && missingMonths.length === 0;
  const core = buildManifestCore({
    generatedAt: input.generatedAt,
    organization: input.organization,
    project: input.project,
    range: input.range,
    files,
    failures,
    warning: complete ? null : describeIncomplete(failures, missingMonths),
  });
  return {
    ...core,
    counts: { files: core.counts.files, failed: core.counts.failed, missing: missingMonths.length, totalBytes: core.counts.totalBytes },
    missingMonths,
  };
}
