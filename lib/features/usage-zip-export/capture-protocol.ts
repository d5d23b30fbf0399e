/**
 * Messages between the page-world download catcher (entrypoints/zip-capture.ts) and the
 * content script. The port is handed over with window.postMessage, so scripts of the page
 * could reach it too: the content script accepts only "a file for a month whose row it has
 * just clicked", one per click, checked field by field. The page, which produces those files
 * anyway, can at worst hand over different bytes; it can make the extension do nothing else.
 */

export const CONNECT_MESSAGE = 'refined-openai-platform:zip-capture-connect';

export type CaptureSource = 'blob' | 'link' | 'data-url';

export type ContentToPage = { type: 'arm' } | { type: 'disarm' };

export type PageToContent =
  | { type: 'armed' }
  | { type: 'captured'; fileName: string; bytes: ArrayBuffer; source: CaptureSource }
  | { type: 'capture-failed'; fileName: string; reason: string };

const SOURCES: readonly string[] = ['blob', 'link', 'data-url'];
const MAX_NAME_LENGTH = 1024;

/** Everything from the page is checked field by field; anything else is dropped. */
export function parsePageMessage(data: unknown): PageToContent | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message.type === 'armed') return { type: 'armed' };
  if (typeof message.fileName !== 'string' || message.fileName.length > MAX_NAME_LENGTH) return null;
  if (message.type === 'captured' && message.bytes instanceof ArrayBuffer && SOURCES.includes(String(message.source))) {
    return { type: 'captured', fileName: message.fileName, bytes: message.bytes, source: message.source as CaptureSource };
  }
  if (message.type === 'capture-failed' && typeof message.reason === 'string') {
    return { type: 'capture-failed', fileName: message.fileName, reason: message.reason.slice(0, 500) };
  }
  return null;
}
