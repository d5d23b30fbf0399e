import { archiveFileName, monthPeriod } from '../../archive/archive-name';
import type { ZipEntry } from '../../archive/build-zip';
import { createEntryNamer } from '../../archive/entry-names';
import { describeFile } from '../../archive/manifest';
import { monthsInRange, type DayRange, type MonthKey } from '../../archive/month-range';
import type { CaptureSource } from './capture-protocol';
import { monthFromFileName } from './month-recognition';
import { buildUsageManifest, type UsageManifest, type UsageManifestFailure } from './usage-manifest';

/** One month's download as captured from the Export modal. */
export interface CapturedFile {
  /** From the row's label; when null, read from the file name if it is a dashboard one. */
  month: MonthKey | null;
  originalFileName: string;
  bytes: Uint8Array;
  source: CaptureSource;
}

export interface ArchiveRequest {
  organization: string | null;
  project: string | null;
  range: DayRange;
  generatedAt: Date;
  captured: readonly CapturedFile[];
  failures: readonly UsageManifestFailure[];
  expectedMonths?: readonly MonthKey[];
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
  firstMonth: MonthKey;
  lastMonth: MonthKey;
  complete: boolean;
}

/**
 * `openai-usage_<org>_<project>_<firstMonth>_<lastMonth>.zip`, e.g.
 * `openai-usage_acme_my-project_2024-01_2024-12.zip`. Organization and project are slugified
 * and left out, with their "_", when unknown or empty after slugifying; a single month is
 * written once (`openai-usage_acme_my-project_2024-03.zip`); an incomplete archive ends in
 * `_INCOMPLETE.zip`.
 */
export function usageArchiveName({ organization, project, firstMonth, lastMonth, complete }: UsageArchiveNameParts): string {
  return archiveFileName({ prefix: 'openai-usage', owners: [organization, project], period: monthPeriod(firstMonth, lastMonth), complete });
}

/**
 * Names, hashes and describes captured files in one place, so the names inside the ZIP and
 * those in its manifest cannot drift apart. Feed the result to buildZip.
 */
export async function prepareArchive(request: ArchiveRequest): Promise<PreparedArchive> {
  const months = monthsInRange(request.range.start, request.range.endInclusive);
  const withMonths = request.captured.map((file) => ({
    ...file,
    month: file.month ?? monthFromFileName(file.originalFileName),
  }));
  // Named in month order so that which duplicate becomes "(2)" does not depend on download timing.
  withMonths.sort(
    (a, b) =>
      (a.month ?? '9999-99').localeCompare(b.month ?? '9999-99') || a.originalFileName.localeCompare(b.originalFileName, 'en'),
  );
  const nameEntry = createEntryNamer();
  const described = await Promise.all(
    withMonths.map(async (file) => ({
      ...(await describeFile(nameEntry(file.originalFileName), file.bytes)),
      originalFileName: file.originalFileName,
      month: file.month,
      source: file.source,
      bytes: file.bytes,
    })),
  );
  const manifest = buildUsageManifest({ ...request, entries: described });
  return {
    archiveName: usageArchiveName({
      organization: request.organization,
      project: request.project,
      firstMonth: months[0]?.month ?? '',
      lastMonth: months.at(-1)?.month ?? '',
      complete: manifest.complete,
    }),
    manifest,
    entries: described.map(({ fileName, bytes }) => ({ fileName, bytes })),
  };
}
