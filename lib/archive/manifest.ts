import { MANIFEST_FILE_NAME } from './entry-names';
import { toCalendarProxy, type DayRange } from './month-range';
import { sha256Hex } from './sha256';

export const MANIFEST_SCHEMA_VERSION = 1;
export const MANIFEST_GENERATOR = 'refined-openai-platform';

/** What every manifest says of each file it lists; each export adds its own fields. */
export interface ManifestFile {
  /** Name inside the ZIP. */
  fileName: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface ManifestCoreInput<File extends ManifestFile, Failure> {
  generatedAt: Date;
  organization: string | null;
  project: string | null;
  /** Null when no file or row said which days it holds (docs/facts.md §2: labels may name none). */
  range: DayRange | null;
  files: readonly File[];
  failures: readonly Failure[];
  /** Null when nothing is missing; otherwise what is (see incompleteWarning). */
  warning: string | null;
}

/**
 * The part of manifest.json both exports share: who and when, whether the archive is
 * complete and why not, and every file with its size and SHA-256. Each export extends it
 * with its own fields (the usage-page ZIP: missing months; the accounting export: scope,
 * period, capabilities, FOCUS check, reconciliation and the requests made).
 */
export interface ManifestCore<File extends ManifestFile, Failure> {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  generator: typeof MANIFEST_GENERATOR;
  generatedAt: string;
  organization: string | null;
  project: string | null;
  range: DayRange | null;
  complete: boolean;
  /** Null when complete; otherwise says what is missing, for a human opening the ZIP. */
  warning: string | null;
  counts: { files: number; failed: number; totalBytes: number };
  files: File[];
  failures: Failure[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Refuses what would make the manifest lie: an impossible date or range, a name twice, a bad digest or size. */
function validate(input: ManifestCoreInput<ManifestFile, unknown>): void {
  if (Number.isNaN(input.generatedAt.getTime())) throw new RangeError('generatedAt is an Invalid Date');
  if (input.range) {
    toCalendarProxy(input.range.start);
    toCalendarProxy(input.range.endInclusive);
  }
  const names = new Set<string>([MANIFEST_FILE_NAME]);
  for (const file of input.files) {
    const key = file.fileName.toLowerCase();
    if (names.has(key)) throw new Error(`Duplicate or reserved file name in manifest: ${file.fileName}`);
    names.add(key);
    if (!SHA256_HEX.test(file.sha256)) throw new Error(`Not a lower-case SHA-256 hex digest for ${file.fileName}`);
    if (!Number.isSafeInteger(file.size) || file.size < 0) throw new RangeError(`Invalid size for ${file.fileName}`);
  }
}

export function buildManifestCore<File extends ManifestFile, Failure>(
  input: ManifestCoreInput<File, Failure>,
): ManifestCore<File, Failure> {
  validate(input);
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    generator: MANIFEST_GENERATOR,
    generatedAt: input.generatedAt.toISOString(),
    organization: input.organization,
    project: input.project,
    range: input.range && { start: input.range.start, endInclusive: input.range.endInclusive },
    complete: input.warning === null,
    warning: input.warning,
    counts: {
      files: input.files.length,
      failed: input.failures.length,
      totalBytes: input.files.reduce((sum, file) => sum + file.size, 0),
    },
    files: [...input.files],
    failures: [...input.failures],
  };
}

/** The warning of an incomplete archive, in the words of both exports: "INCOMPLETE EXPORT: …". */
export function incompleteWarning(sentences: readonly string[]): string {
  return `INCOMPLETE EXPORT: ${sentences.join(' ')}`;
}

/** A file's manifest fields, computed from its bytes. */
export async function describeFile(fileName: string, bytes: Uint8Array): Promise<ManifestFile> {
  return { fileName, size: bytes.byteLength, sha256: await sha256Hex(bytes) };
}

/** Pretty JSON with a final newline, as stored in the archive. */
export function serializeManifest(manifest: object): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
