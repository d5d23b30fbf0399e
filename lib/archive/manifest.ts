import { MANIFEST_FILE_NAME } from './entry-names';
import { isMonthKey, toCalendarProxy, type MonthKey } from './month-range';

export const MANIFEST_SCHEMA_VERSION = 1;

/** How a month's file was captured from the dashboard (see docs/facts.md §2: delivery is a guess). */
export type DownloadSource = 'blob' | 'link' | 'data-url';

export interface ManifestEntryInput {
  /** Name inside the ZIP (already made safe and unique). */
  fileName: string;
  /** Name the dashboard gave the download. */
  originalFileName: string;
  month: MonthKey | null;
  size: number;
  sha256: string;
  source: DownloadSource;
}

export interface ManifestFailureInput {
  month: MonthKey | null;
  /** The row's visible label, so the user can find it in the Export modal. */
  label: string;
  error: string;
  attempts: number;
}

export interface ManifestInput {
  organization: string | null;
  project: string | null;
  /** The chosen range, UTC days 'YYYY-MM-DD'. */
  range: { start: string; endInclusive: string };
  generatedAt: Date;
  entries: readonly ManifestEntryInput[];
  failures: readonly ManifestFailureInput[];
  /** Months the export should hold (e.g. one per Export row); any without an entry or failure is reported missing. */
  expectedMonths?: readonly MonthKey[];
}

export interface Manifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  generator: 'refined-openai-platform';
  generatedAt: string;
  organization: string | null;
  project: string | null;
  range: { start: string; endInclusive: string };
  complete: boolean;
  /** Null when complete; otherwise says what is missing, for a human opening the ZIP. */
  warning: string | null;
  counts: { files: number; failed: number; missing: number; totalBytes: number };
  files: ManifestEntryInput[];
  failures: ManifestFailureInput[];
  missingMonths: MonthKey[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

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

function validate(input: ManifestInput): void {
  if (Number.isNaN(input.generatedAt.getTime())) throw new RangeError('generatedAt is an Invalid Date');
  toCalendarProxy(input.range.start);
  toCalendarProxy(input.range.endInclusive);
  const names = new Set<string>([MANIFEST_FILE_NAME]);
  for (const entry of input.entries) {
    const key = entry.fileName.toLowerCase();
    if (names.has(key)) throw new Error(`Duplicate or reserved file name in manifest: ${entry.fileName}`);
    names.add(key);
    if (!SHA256_HEX.test(entry.sha256)) throw new Error(`Not a lower-case SHA-256 hex digest for ${entry.fileName}`);
    if (!Number.isSafeInteger(entry.size) || entry.size < 0) throw new RangeError(`Invalid size for ${entry.fileName}`);
  }
  const months = [...input.entries, ...input.failures].map((item) => item.month);
  for (const month of [...months, ...(input.expectedMonths ?? [])]) {
    if (month !== null && !isMonthKey(month)) throw new RangeError(`Invalid month ${JSON.stringify(month)}`);
  }
}

function describeIncomplete(failures: readonly ManifestFailureInput[], missingMonths: readonly MonthKey[]): string {
  const sentences = ['INCOMPLETE EXPORT: this archive does not hold every month of the chosen range.'];
  if (failures.length > 0) {
    const which = failures.map((failure) => failure.month ?? failure.label).join(', ');
    sentences.push(`${failures.length} download${failures.length === 1 ? '' : 's'} failed (${which}).`);
  }
  if (missingMonths.length > 0) {
    sentences.push(`No file was found for ${missingMonths.join(', ')}.`);
  }
  sentences.push('Download the missing months again from the Usage page\'s Export.');
  return sentences.join(' ');
}

/** The archive's manifest: what each file is, where it came from, and whether anything is missing. */
export function buildManifest(input: ManifestInput): Manifest {
  validate(input);
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
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    generator: 'refined-openai-platform',
    generatedAt: input.generatedAt.toISOString(),
    organization: input.organization,
    project: input.project,
    range: { start: input.range.start, endInclusive: input.range.endInclusive },
    complete,
    warning: complete ? null : describeIncomplete(failures, missingMonths),
    counts: {
      files: files.length,
      failed: failures.length,
      missing: missingMonths.length,
      totalBytes: files.reduce((sum, entry) => sum + entry.size, 0),
    },
    files,
    failures,
    missingMonths,
  };
}

/** Pretty JSON with a final newline, as stored in the archive. */
export function serializeManifest(manifest: object): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A message for a failure record from whatever a worker threw. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
