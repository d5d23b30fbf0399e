import { isSafeEntryName, MANIFEST_FILE_NAME } from './entry-names';
import { serializeManifest } from './manifest';
import { clockNow } from '../core/clock';
import { writeZip } from './zip-writer';

export interface ZipEntry {
  /** Name inside the archive; must be safe (see sanitizeEntryName) and listed in the manifest. */
  fileName: string;
  bytes: Uint8Array;
}

/** What the archive check needs of a manifest: the name and size of every file it describes. */
export interface FileListing {
  files: readonly { fileName: string; size: number }[];
}

export interface BuildZipOptions {
  /** DEFLATE (default) shrinks CSV several-fold; either way the extracted bytes are identical. */
  compression?: 'STORE' | 'DEFLATE';
  /** Modification time of every entry (default: now). */
  date?: Date;
}

/** Refuses to write an archive whose manifest does not describe exactly the files in it. */
function checkAgainstManifest(entries: readonly ZipEntry[], manifest: FileListing): void {
  const listed = new Map(manifest.files.map((file) => [file.fileName, file.size]));
  const seen = new Set<string>([MANIFEST_FILE_NAME]);
  for (const { fileName, bytes } of entries) {
    if (!isSafeEntryName(fileName)) throw new Error(`Unsafe entry name: ${JSON.stringify(fileName)}`);
    // Case-insensitive file systems would extract two such entries onto one file.
    if (seen.has(fileName.toLowerCase())) throw new Error(`Duplicate entry name: ${fileName}`);
    seen.add(fileName.toLowerCase());
    const size = listed.get(fileName);
    if (size === undefined) throw new Error(`Entry missing from the manifest: ${fileName}`);
    if (size !== bytes.byteLength) {
      throw new Error(`Manifest gives ${size} bytes for ${fileName}, the entry has ${bytes.byteLength}`);
    }
  }
  if (listed.size !== entries.length) {
    const names = new Set(entries.map((entry) => entry.fileName));
    const absent = [...listed.keys()].filter((name) => !names.has(name));
    throw new Error(`Manifest lists files that are not in the archive: ${absent.join(', ')}`);
  }
}

/**
 * The ZIP: every entry byte-for-byte under its own name, plus manifest.json, all at the top
 * level. Both exports use it: the in-modal one and the accounting export, each with its own manifest.
 */
export async function buildZip(
  entries: readonly ZipEntry[],
  manifest: FileListing,
  options: BuildZipOptions = {},
): Promise<Uint8Array> {
  checkAgainstManifest(entries, manifest);
  const manifestEntry = { fileName: MANIFEST_FILE_NAME, bytes: new TextEncoder().encode(serializeManifest(manifest)) };
  return writeZip([...entries, manifestEntry], { compression: options.compression ?? 'DEFLATE', date: options.date ?? new Date(clockNow()) });
}
