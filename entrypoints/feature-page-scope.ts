import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { provideFeature } from '../lib/features/lazy';
import { pageScope } from '../lib/features/page-scope/feature';

/** The page-scope notes' page code: imported by the content script only where it applies (lib/features/registry.ts). */
export default defineUnlistedScript(() => provideFeature(pageScope));
