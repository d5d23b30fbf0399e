import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { capturePageOutline } from '../lib/features/outline-capture';
import { OUTLINE_CAPTURE_GLOBAL } from '../lib/platform/outline/load';

/** The page-outline capture: imported by the content script only when a feature is not recognized (lib/platform/outline/load.ts). */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[OUTLINE_CAPTURE_GLOBAL] = capturePageOutline;
});
