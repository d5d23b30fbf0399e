import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ZIP_ENGINE_GLOBAL, zipEngine } from '../lib/features/usage-zip-export/zip-engine';

/**
 * Loaded by the content script with import() only when a ZIP is asked for, so dashboard
 * pages pay nothing for JSZip. It runs in the content script's isolated world.
 */
export default defineUnlistedScript(() => {
  // JSZip's setImmediate polyfill relies on window messages, which have hung generateAsync
  // in sandboxed worlds (Stuk/jszip #909). A private MessageChannel yields as fast without
  // the 4 ms clamp of nested timers, which would slow a 50 MB archive to a crawl.
  const scope = globalThis as { setImmediate?: (callback: () => void) => void } & Record<string, unknown>;
  if (!scope.setImmediate) {
    const queue: (() => void)[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => queue.shift()?.();
    scope.setImmediate = (callback) => {
      queue.push(callback);
      channel.port2.postMessage(null);
    };
  }
  scope[ZIP_ENGINE_GLOBAL] = zipEngine;
});
