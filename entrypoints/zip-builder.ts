import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ZIP_ENGINE_GLOBAL, zipEngine } from '../lib/features/usage-zip-export/zip-engine';

/**
 * Loaded by the content script with import() only when a ZIP is asked for, so dashboard
 * pages pay nothing for the ZIP writer and date parsing. It runs in the content script's
 * isolated world.
 */
export default defineUnlistedScript(() => {
  const scope = globalThis as Record<string, unknown>;
  scope[ZIP_ENGINE_GLOBAL] = zipEngine;
});
