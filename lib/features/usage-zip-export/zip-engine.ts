import { buildZip } from '../../archive/build-zip';
import { monthFromLabel } from './month-recognition';
import { prepareArchive } from './usage-archive';
import { windowFromFileName, windowFromLabel } from './window-recognition';

/**
 * The heavy half of the ZIP export (the ZIP writer, date parsing): bundled into zip-builder.js and
 * imported by the content script only when the user asks for a ZIP.
 */
export const zipEngine = { buildZip, prepareArchive, monthFromLabel, windowFromFileName, windowFromLabel };

export type ZipEngine = typeof zipEngine;

export const ZIP_ENGINE_GLOBAL = '__refinedOpenAIPlatformZip';
