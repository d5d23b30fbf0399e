import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { provideFeature } from '../lib/features/lazy';
import { loggingReminder } from '../lib/features/logging-reminder/feature';

/** The logging banner's page code: imported by the content script only where it applies (lib/features/registry.ts). */
export default defineUnlistedScript(() => provideFeature(loggingReminder));
