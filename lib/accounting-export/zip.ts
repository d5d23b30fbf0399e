import { buildZip } from '../archive/build-zip';
import type { AccountingExport } from './build-export';

/** The archive, every entry dated at the export time, so the same data gives the same archive. */
export function zipAccountingExport(exported: AccountingExport): Promise<Uint8Array> {
  return buildZip(exported.files, exported.manifest, { date: new Date(exported.manifest.generatedAt) });
}
