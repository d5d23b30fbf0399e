import { archiveFileName } from './archive-name';
import type { ZipEntry } from './build-zip';
import { createEntryNamer } from './entry-names';
import { buildManifest, type DownloadSource, type Manifest, type ManifestFailureInput } from './manifest';
import { monthFromFileName } from '../features/usage-zip-export/month-recognition';
import { monthsInRange, type MonthKey } from './month-range';
import { sha256Hex } from './sha256';

/** One month's download as captured from the Export modal. */
export interface CapturedFile {
  /** From the row's label; when null, read from the file name if it is a dashboard one. */
  month: MonthKey | null;
  originalFileName: string;
  bytes: Uint8Array;
  source: DownloadSource;
}

export interface ArchiveRequest {
  organization: string | null;
  project: string | null;
  range: { start: string; endInclusive: string };
  generatedAt: Date;
  captured: readonly CapturedFile[];
  failures: readonly ManifestFailureInput[];
  expectedMonths?: readonly MonthKey[];
}

export interface PreparedArchive {
  archiveName: string;
  manifest: Manifest;
  entries: ZipEntry[];
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
      fileName: nameEntry(file.originalFileName),
      originalFileName: file.originalFileName,
      month: file.month,
      size: file.bytes.byteLength,
      sha256: await sha256Hex(file.bytes),
      source: file.source,
      bytes: file.bytes,
    })),
  );
  return {
    archiveName: archiveFileName({
      organization: request.organization,
      project: request.project,
      firstMonth: months[0]?.month ?? '',
      lastMonth: months.at(-1)?.month ?? '',
    }),
    manifest: buildManifest({ ...request, entries: described }),
    entries: described.map(({ fileName, bytes }) => ({ fileName, bytes })),
  };
}
