import { buildZip } from '../archive/build-zip';
import type { YearlyExport } from './build-export';

/** The archive, every entry dated at the export time, so the same data gives the same archive. */
export function zipYearlyExport(exported: YearlyExport): Promise<Uint8Array> {
  return buildZip(exported.files, exported.manifest, { date: new Date(exported.manifest.generatedAt) });
}
