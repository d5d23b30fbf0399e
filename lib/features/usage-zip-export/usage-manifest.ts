import { buildManifestCore, incompleteWarning, type ManifestCore, type ManifestFile } from '../../archive/manifest';
import { isMonthKey, toCalendarProxy, type DayRange, type MonthKey } from '../../archive/month-range';
import type { CaptureSource } from './capture-protocol';

/** How a file was matched to the row whose click delivered it (see attribution.ts). */
export type AttributedBy = 'name' | 'click-order';

/** One file as captured from the Export modal (see docs/facts.md §2: delivery is a guess). */
export interface UsageManifestFile extends ManifestFile {
  /** Name the dashboard gave the download. */
  originalFileName: string;
  /** The days the file holds: from its name, else from its row's label; null when neither says. */
  window: DayRange | null;
  /** The month of `window` when it lies in one (as schema 1 had it), else null. */
  month: MonthKey | null;
  /** Position of its row in the Export modal, from 1. */
  row: number;
  attributedBy: AttributedBy;
  source: CaptureSource;
}

export interface UsageManifestFailure {
  /** The month of `window` when it lies in one, else null. */
  month: MonthKey | null;
  /** The row's visible label, so the user can find it in the Export modal ("" when it has none). */
  label: string;
  /** Position of the row in the Export modal, from 1. */
  row: number;
  window: DayRange | null;
  error: string;
  attempts: number;
}

/**
 * What the export covers, as the Usage page's own project selector showed it when the run
 * started: the page's selection, not the top bar's project (docs/facts.md §3).
 */
export interface ExportScope {
  /** "All projects", a project's name, "2 projects"; null when the page's selector was not recognized. */
  shown: string | null;
  allProjects: boolean;
  /** The top bar's project then: recorded so a reader can tell the two apart, never taken for the scope. */
  topBarProject: string | null;
}

/** The manifest's account of the scope: the reading, where it came from, and a sentence for a person. */
export interface ManifestScope extends ExportScope {
  source: 'usage-page-selector' | 'not-recognized';
  note: string;
}

function describeScope(scope: ExportScope): ManifestScope {
  if (scope.shown === null) {
    const topBar = scope.topBarProject ? ` The top bar showed ${scope.topBarProject}, which is not necessarily what the files cover.` : '';
    return {
      ...scope,
      source: 'not-recognized',
      note: `The Usage page's own project selector was not recognized, so which projects these files cover is not known here.${topBar}`,
    };
  }
  return { ...scope, source: 'usage-page-selector', note: `The files cover what the Usage page's own project selector showed: ${scope.shown}.` };
}

/** A row of the Export modal, as the run found it. */
export interface ExportRowPlan {
  label: string;
  window: DayRange | null;
}

/** Each row's label with the files it produced. */
export interface UsageManifestRow {
  row: number;
  label: string;
  window: DayRange | null;
  files: string[];
  failed: boolean;
}

export interface UsageManifestInput {
  organization: string | null;
  scope: ExportScope;
  /** The days the archive covers, UTC 'YYYY-MM-DD'; null when nothing said. */
  range: DayRange | null;
  generatedAt: Date;
  /** Already named safely and uniquely; extra properties (say, the bytes) are left out. */
  entries: readonly UsageManifestFile[];
  failures: readonly UsageManifestFailure[];
  /** The rows the modal listed, in order; a row with neither a file nor a failure is reported missing. */
  rows: readonly ExportRowPlan[];
}

export interface UsageManifest extends ManifestCore<UsageManifestFile, UsageManifestFailure> {
  counts: { files: number; failed: number; missing: number; totalBytes: number };
  rows: UsageManifestRow[];
  scope: ManifestScope;
  /** Labels (or "row N") of rows that produced neither a file nor a failure. */
  missingRows: string[];
}

/** How a row is named to a person: its label, else its position. */
export function rowName(label: string, row: number): string {
  return label || `row ${row}`;
}

// Downloads finish in any order; sorting makes two exports of the same data produce the same manifest.
function byWindowThen<T extends { window: DayRange | null; row: number }>(tieBreak: (item: T) => string) {
  return (a: T, b: T): number => {
    const aStart = a.window?.start ?? '9999';
    const bStart = b.window?.start ?? '9999';
    if (aStart !== bStart) return aStart < bStart ? -1 : 1;
    return a.row - b.row || tieBreak(a).localeCompare(tieBreak(b), 'en');
  };
}

function describeIncomplete(failures: readonly UsageManifestFailure[], missing: readonly string[]): string {
  const sentences = ['this archive does not hold every file of the chosen range.'];
  if (failures.length > 0) {
    const which = failures.map((failure) => failure.month ?? rowName(failure.label, failure.row)).join(', ');
    sentences.push(`${failures.length} download${failures.length === 1 ? '' : 's'} failed (${which}).`);
  }
  if (missing.length > 0) sentences.push(`No file was found for ${missing.join(', ')}.`);
  sentences.push('Download the missing rows again from the Usage page\'s Export.');
  return incompleteWarning(sentences);
}

function checkWindow(window: DayRange | null): void {
  if (!window) return;
  toCalendarProxy(window.start);
  toCalendarProxy(window.endInclusive);
}

/** What each captured file is, which row gave it, where it came from, and whether any row is missing. */
export function buildUsageManifest(input: UsageManifestInput): UsageManifest {
  for (const item of [...input.entries, ...input.failures]) {
    if (item.month !== null && !isMonthKey(item.month)) throw new RangeError(`Invalid month ${JSON.stringify(item.month)}`);
    checkWindow(item.window);
    if (!Number.isInteger(item.row) || item.row < 1 || item.row > input.rows.length) throw new RangeError(`No row ${item.row}`);
  }
  input.rows.forEach((row) => checkWindow(row.window));
  // Fields are copied one by one so that extra properties (say, the bytes) never reach the JSON.
  const files = input.entries
    .map(({ fileName, originalFileName, window, month, row, attributedBy, size, sha256, source }) => ({
      fileName, originalFileName, window, month, row, attributedBy, size, sha256, source,
    }))
    .sort(byWindowThen((entry) => entry.fileName));
  const failures = input.failures
    .map(({ month, label, row, window, error, attempts }) => ({ month, label, row, window, error, attempts }))
    .sort(byWindowThen((failure) => failure.label));
  const rows = input.rows.map(({ label, window }, index): UsageManifestRow => ({
    row: index + 1,
    label,
    window,
    files: files.filter((file) => file.row === index + 1).map((file) => file.fileName),
    failed: failures.some((failure) => failure.row === index + 1),
  }));
  const missingRows = rows.filter((row) => row.files.length === 0 && !row.failed).map((row) => rowName(row.label, row.row));
  const complete = failures.length === 0 && missingRows.length === 0;
  const core = buildManifestCore({
    generatedAt: input.generatedAt,
    organization: input.organization,
    // One project's name; all projects, several or an unknown scope name none (see `scope`).
    project: input.scope.allProjects ? null : input.scope.shown,
    range: input.range,
    files,
    failures,
    warning: complete ? null : describeIncomplete(failures, missingRows),
  });
  return {
    ...core,
    counts: { files: core.counts.files, failed: core.counts.failed, missing: missingRows.length, totalBytes: core.counts.totalBytes },
    rows,
    scope: describeScope(input.scope),
    missingRows,
  };
}
