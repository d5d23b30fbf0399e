import { archiveFileName, dayPeriod } from '../../archive/archive-name';
import type { ZipEntry } from '../../archive/build-zip';
import { createEntryNamer } from '../../archive/entry-names';
import { describeFile } from '../../archive/manifest';
import { monthOfRange, spanOf, type DayRange } from '../../archive/month-range';
import type { CaptureSource } from './capture-protocol';
import {
  buildUsageManifest,
  type AttributedBy,
  type ExportRowPlan,
  type ExportScope,
  type UsageManifest,
  type UsageManifestFailure,
} from './usage-manifest';
import { windowFromFileName } from './window-recognition';

/** One file as captured from the Export modal, with the row whose click delivered it. */
export interface CapturedFile {
  /** Position of the row in the Export modal, from 1. */
  row: number;
  attributedBy: AttributedBy;
  originalFileName: string;
  bytes: Uint8Array;
  source: CaptureSource;
}

export interface ArchiveRequest {
  organization: string | null;
  /** The Usage page's own selection: the archive is named after it, never after the top bar's project. */
  scope: ExportScope;
  generatedAt: Date;
  rows: readonly ExportRowPlan[];
  captured: readonly CapturedFile[];
  /** Without `month` and `window`: they are read from the row. */
  failures: readonly Omit<UsageManifestFailure, 'month' | 'window'>[];
}

export interface PreparedArchive {
  /** Ends in "_INCOMPLETE.zip" when the manifest says the archive is not complete. */
  archiveName: string;
  manifest: UsageManifest;
  entries: ZipEntry[];
}

export interface UsageArchiveNameParts {
  organization?: string | null;
  project?: string | null;
  /** The days the archive covers; null leaves the period out. */
  range: DayRange | null;
  complete: boolean;
}

/**
 * `openai-usage_<org>_<project>_<first>_<last>.zip`, named from the first and last date:
 * `openai-usage_acme_my-project_2024-01_2024-12.zip` for whole months,
 * `openai-usage_acme_my-project_2026-05-01_2026-08-21.zip` for any other range. Organization
 * and project are slugified and left out, with their "_", when unknown or empty after
 * slugifying; a single month or day is written once; an incomplete archive ends in
 * `_INCOMPLETE.zip`.
 */
export function usageArchiveName({ organization, project, range, complete }: UsageArchiveNameParts): string {
  return archiveFileName({ prefix: 'openai-usage', owners: [organization, project], period: dayPeriod(range), complete });
}

/**
 * Names, hashes and describes captured files in one place, so the names inside the ZIP and
 * those in its manifest cannot drift apart. Feed the result to buildZip.
 */
export async function prepareArchive(request: ArchiveRequest): Promise<PreparedArchive> {
  const rowWindow = (row: number) => request.rows[row - 1]?.window ?? null;
  const withWindows = request.captured.map((file) => ({
    ...file,
    window: windowFromFileName(file.originalFileName)?.range ?? rowWindow(file.row),
  }));
  // Named in window order so that which duplicate becomes "(2)" does not depend on download timing.
  withWindows.sort(
    (a, b) =>
      (a.window?.start ?? '9999').localeCompare(b.window?.start ?? '9999') ||
      a.row - b.row ||
      a.originalFileName.localeCompare(b.originalFileName, 'en'),
  );
  const nameEntry = createEntryNamer();
  const described = await Promise.all(
    withWindows.map(async (file) => ({
      ...(await describeFile(nameEntry(file.originalFileName), file.bytes)),
      originalFileName: file.originalFileName,
      window: file.window,
      month: file.window && monthOfRange(file.window),
      row: file.row,
      attributedBy: file.attributedBy,
      source: file.source,
      bytes: file.bytes,
    })),
  );
  const failures = request.failures.map((failure) => {
    const window = rowWindow(failure.row);
    return { ...failure, window, month: window && monthOfRange(window) };
  });
  const known = [...request.rows.map((row) => row.window), ...described.map((file) => file.window)];
  const range = spanOf(known.filter((window): window is DayRange => window !== null));
  const manifest = buildUsageManifest({ ...request, range, failures, entries: described });
  return {
    archiveName: usageArchiveName({ organization: request.organization, project: request.scope.shown, range, complete: manifest.complete }),
    manifest,
    entries: described.map(({ fileName, bytes }) => ({ fileName, bytes })),
  };
}
