/**
 * The content script's way to capture a page outline: the capture's code is a script of its
 * own (entrypoints/page-outline.ts, web-accessible), imported only when a feature reports
 * "not recognized", so pages where everything is recognized never carry it.
 */

// The extension's own packaged script, never a URL from the page; spelled with the global
// `chrome` for the reason lib/features/lazy.ts gives.
declare const chrome: { runtime: { getURL(path: string): string } };

/** Where the capture script leaves its function, in the content script's isolated world. */
export const OUTLINE_CAPTURE_GLOBAL = '__refinedOpenAIPlatformOutline';

type Capture = (featureId: string, document: Document) => Promise<void>;

export async function capturePageOutlineLazily(featureId: string, document: Document): Promise<void> {
  const scope = globalThis as Record<string, unknown>;
  // eslint-disable-next-line no-unsanitized/method
  if (!scope[OUTLINE_CAPTURE_GLOBAL]) await import(/* @vite-ignore */ chrome.runtime.getURL('/page-outline.js'));
  const capture = scope[OUTLINE_CAPTURE_GLOBAL] as Capture | undefined;
  await capture?.(featureId, document);
}
