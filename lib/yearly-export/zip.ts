import type { JSZipLoader } from '../zip-export/build-zip';
import { isSafeEntryName, MANIFEST_FILE_NAME } from '../zip-export/entry-names';
import type { YearlyExport } from './build-export';

const loadBundledJSZip: JSZipLoader = async () => (await import('jszip')).default;

export function serializeYearlyManifest(manifest: YearlyExport['manifest']): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The archive: the CSV files and manifest.json at the top level, every entry dated at the
 * export time, so the same data gives the same archive. zip-export's buildZip is not used
 * because its manifest type describes files caught from the dashboard's downloads.
 */
export async function zipYearlyExport(
  exported: YearlyExport,
  options: { loadJSZip?: JSZipLoader } = {},
): Promise<Uint8Array> {
  const listed = new Map(exported.manifest.files.map((file) => [file.fileName, file.size]));
  for (const { fileName, bytes } of exported.files) {
    if (!isSafeEntryName(fileName) || fileName === MANIFEST_FILE_NAME) throw new Error(`Unusable entry name: ${fileName}`);
    if (listed.get(fileName) !== bytes.byteLength) throw new Error(`The manifest does not describe ${fileName} as it is`);
  }
  if (listed.size !== exported.files.length) throw new Error('The manifest lists files that are not in the archive');

  const JSZipClass = await (options.loadJSZip ?? loadBundledJSZip)();
  const zip = new JSZipClass();
  const fileOptions = { compression: 'DEFLATE', date: new Date(exported.manifest.generatedAt), createFolders: false } as const;
  for (const { fileName, bytes } of exported.files) zip.file(fileName, bytes, { ...fileOptions, binary: true });
  zip.file(MANIFEST_FILE_NAME, serializeYearlyManifest(exported.manifest), fileOptions);
  return zip.generateAsync({ type: 'uint8array', compressionOptions: { level: 6 } });
}
