/**
 * Messages between the page-world download catcher (entrypoints/zip-capture.ts) and the
 * content script. The port is handed over with window.postMessage, so scripts of the page
 * could reach it too: the content script accepts only files for rows it has just clicked,
 * checked field by field. The page, which produces those files anyway, can at worst hand over different bytes; it can make the extension do nothing else.
 */

export const CONNECT_MESSAGE = 'refined-openai-platform:zip-capture-connect';

/**
 * How the page delivered a file: an object URL, a `data:` URL, a link to a file, a
 * navigation of the page (`location.href = …`, a plain link to an attachment) or a new
 * window (`window.open`) to a download URL.
 */
export type CaptureSource = 'blob' | 'link' | 'data-url' | 'navigation' | 'window-open';

/** 'allow': the extension's own download of `url` (the ZIP), to be let through even while armed. */
export type ContentToPage = { type: 'arm' } | { type: 'disarm' } | { type: 'allow'; url: string };

export type PageToContent =
  | { type: 'armed' }
  /** The page will let `url` through once. */
  | { type: 'allowed'; url: string }
  /** The catcher took a download and is reading its bytes: the row's click did something. */
  | { type: 'capture-started'; fileName: string }
  | { type: 'captured'; fileName: string; bytes: ArrayBuffer; source: CaptureSource }
  | { type: 'capture-failed'; fileName: string; reason: string }
  /**
   * A download the catcher stopped but cannot read (a file on another site that does not let
   * the page read it, a navigation the browser would not let the page cancel): `how` names it.
   * Trying again would end the same way, so the row fails at once.
   */
  | { type: 'uncatchable'; fileName: string; how: string };

const SOURCES: readonly string[] = ['blob', 'link', 'data-url', 'navigation', 'window-open'];
const MAX_NAME_LENGTH = 1024;
const MAX_URL_LENGTH = 2048;

/** Everything from the page is checked field by field; anything else is dropped. */
export function parsePageMessage(data: unknown): PageToContent | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message.type === 'armed') return { type: 'armed' };
  if (message.type === 'allowed') return typeof message.url === 'string' && message.url.length <= MAX_URL_LENGTH ? { type: 'allowed', url: message.url } : null;
  if (typeof message.fileName !== 'string' || message.fileName.length > MAX_NAME_LENGTH) return null;
  if (message.type === 'capture-started') return { type: 'capture-started', fileName: message.fileName };
  const bytes = message.type === 'captured' ? ownArrayBuffer(message.bytes) : null;
  if (message.type === 'captured' && bytes && SOURCES.includes(String(message.source))) {
    return { type: 'captured', fileName: message.fileName, bytes, source: message.source as CaptureSource };
  }
  if (message.type === 'capture-failed' && typeof message.reason === 'string') {
    return { type: 'capture-failed', fileName: message.fileName, reason: message.reason.slice(0, 500) };
  }
  if (message.type === 'uncatchable' && typeof message.how === 'string') {
    return { type: 'uncatchable', fileName: message.fileName, how: message.how.slice(0, 500) };
  }
  return null;
}

/**
 * In Firefox the content script sees the page's ArrayBuffer through a wrapper of the page's
 * realm, so `instanceof ArrayBuffer` is false there: recognize it by its class and copy the
 * bytes into our own realm, where the ZIP writer and crypto.subtle take them as they are.
 */
function ownArrayBuffer(value: unknown): ArrayBuffer | null {
  if (value instanceof ArrayBuffer) return value;
  if (Object.prototype.toString.call(value) !== '[object ArrayBuffer]') return null;
  // Not .slice(): on the other realm's view it would look up a constructor Firefox hides.
  const foreign = new Uint8Array(value as ArrayBuffer);
  const copy = new Uint8Array(foreign.length);
  copy.set(foreign);
  return copy.buffer;
}
