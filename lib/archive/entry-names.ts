/** The archive's own file; entries must never take its name. */
export const MANIFEST_FILE_NAME = 'manifest.json';

/** Default cap in UTF-8 bytes: well under the 255-byte name limit of common file systems, leaving room for Windows' 260-character paths. */
export const DEFAULT_MAX_ENTRY_NAME_BYTES = 120;
const MIN_MAX_BYTES = 32;
const FALLBACK_STEM = 'file';

const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Controls and invisible format characters (e.g. U+202E RIGHT-TO-LEFT OVERRIDE, which can
// disguise "csv.exe" as "exe.csv") have no place in a file name.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
// Windows refuses these as a name's first dot-separated part, whatever the extension.
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const EXTENSION = /\.[\p{L}\p{N}]{1,16}$/u;
// Longer "extensions" stay part of the stem, so the stem always keeps room within the cap.
const MAX_EXTENSION_BYTES = 17;

const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).length;

/** Cuts whole code points (never half a surrogate pair) until `text` fits `maxBytes` of UTF-8. */
function truncateToBytes(text: string, maxBytes: number): string {
  let result = '';
  let used = 0;
  for (const codePoint of text) {
    const size = byteLength(codePoint);
    if (used + size > maxBytes) break;
    result += codePoint;
    used += size;
  }
  return result;
}

const trimDotsAndSpaces = (text: string): string => text.replace(/^[. ]+|[. ]+$/g, '');

function splitExtension(name: string): { stem: string; extension: string } {
  const extension = EXTENSION.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - extension.length);
  // ".csv" alone is a stem, not an extension without a name.
  return stem && byteLength(extension) <= MAX_EXTENSION_BYTES ? { stem, extension } : { stem: name, extension: '' };
}

function isReservedOnWindows(stem: string): boolean {
  return WINDOWS_RESERVED.test(stem.split('.')[0]?.trimEnd() ?? '');
}

function joinWithinLimit(stem: string, extension: string, maxBytes: number, suffix = ''): string {
  const room = maxBytes - byteLength(extension) - byteLength(suffix);
  // Truncation can expose dots or spaces that Windows would silently drop.
  let cut = trimDotsAndSpaces(truncateToBytes(stem, room)) || FALLBACK_STEM;
  if (isReservedOnWindows(cut)) cut = trimDotsAndSpaces(truncateToBytes(`_${cut}`, room));
  return `${cut}${suffix}${extension}`;
}

export interface EntryNameOptions {
  /** Cap in UTF-8 bytes, extension and any " (n)" suffix included. */
  maxBytes?: number;
}

function resolveMaxBytes(options: EntryNameOptions): number {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ENTRY_NAME_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < MIN_MAX_BYTES) {
    throw new RangeError(`maxBytes must be an integer ≥ ${MIN_MAX_BYTES}, got ${maxBytes}`);
  }
  return maxBytes;
}

/**
 * A flat file name safe to extract on Windows, macOS and Linux: no directories (a path's
 * segments are joined with "_", "." and ".." segments dropped), no control or invisible
 * characters, none of <>:"/\|?*, no runs of dots, no leading or trailing dots/spaces, no
 * reserved Windows device name, at most `maxBytes` with the extension kept. Letters of any
 * script are kept (NFC-normalized, so macOS' decomposed names compare equal). Idempotent.
 */
export function sanitizeEntryName(name: string, options: EntryNameOptions = {}): string {
  const maxBytes = resolveMaxBytes(options);
  const cleaned = name
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .split(/[\\/]/)
    .filter((segment) => trimDotsAndSpaces(segment) !== '')
    .join('_')
    .replace(WINDOWS_FORBIDDEN, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/ {2,}/g, ' ');
  const { stem, extension } = splitExtension(trimDotsAndSpaces(cleaned));
  return joinWithinLimit(stem, extension, maxBytes);
}

/** Whether `name` is already what sanitizeEntryName makes of it, at whatever length. */
export function isSafeEntryName(name: string): boolean {
  const maxBytes = Math.max(DEFAULT_MAX_ENTRY_NAME_BYTES, byteLength(name));
  return sanitizeEntryName(name, { maxBytes }) === name;
}

export interface EntryNamerOptions extends EntryNameOptions {
  /** Names already taken, e.g. the manifest's (taken by default). */
  reserved?: readonly string[];
}

/**
 * Returns a function giving each name its sanitized form, made unique as "a.csv",
 * "a (2).csv", "a (3).csv"… Collisions are found case-insensitively, because Windows and
 * macOS would let one extracted file overwrite another that differs only in case.
 */
export function createEntryNamer(options: EntryNamerOptions = {}): (name: string) => string {
  const maxBytes = resolveMaxBytes(options);
  const taken = new Set((options.reserved ?? [MANIFEST_FILE_NAME]).map((name) => name.toLowerCase()));
  return (name) => {
    let candidate = sanitizeEntryName(name, { maxBytes });
    const { stem, extension } = splitExtension(candidate);
    for (let copy = 2; taken.has(candidate.toLowerCase()); copy += 1) {
      candidate = joinWithinLimit(stem, extension, maxBytes, ` (${copy})`);
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}
