import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { provideFeature } from '../lib/features/lazy';
import { usageZipExport } from '../lib/features/usage-zip-export/feature';

/** The ZIP export's page code: imported by the content script only where it applies (lib/features/registry.ts). */
export default defineUnlistedScript(() => provideFeature(usageZipExport));
