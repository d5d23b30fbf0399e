import { buildZip } from '../../archive/build-zip';
import { wholeMonths } from '../../archive/month-range';
import { monthFromFileName, monthFromLabel } from './month-recognition';
import { prepareArchive } from './usage-archive';

/**
 * The heavy half of the ZIP export (JSZip, date parsing): bundled into zip-builder.js and
 * imported by the content script only when the user asks for a ZIP.
 */
export const zipEngine = { buildZip, prepareArchive, monthFromFileName, monthFromLabel, wholeMonths };

export type ZipEngine = typeof zipEngine;

export const ZIP_ENGINE_GLOBAL = '__refinedOpenAIPlatformZip';
