/**
 * storage.sync refuses an item over 8 KB (QUOTA_BYTES_PER_ITEM in Chrome), which one map of
 * per-project colours or spend caps passes at about 190 projects. A larger value is written
 * as chunks beside its key: the key holds a marker naming how many, `key.0`, `key.1`… the
 * JSON text in pieces, all in one write (versioned-item.ts), and reads join them
 * (versioned-item.ts, read-only-item.ts). The whole area still holds 100 KB: about 2,000
 * projects' colours, or 2,000 projects' caps; a write past that is refused and said
 * (lib/background/storage-problems.ts). This module imports no storage code.
 */

/** Characters per chunk: the key, quotes and escapes stay under 8,192 bytes. */
export const CHUNK_CHARS = 3_500;

export interface ChunkMarker {
  $chunks: number;
  /** Changes with every write, so watchers of the key see each one. */
  $rev: number;
}

export function isChunkMarker(value: unknown): value is ChunkMarker {
  return typeof (value as ChunkMarker | null)?.$chunks == 'number';
}

export function chunkKeys(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${name}.${index}`);
}

/** The items to write for `value` under `name`, chunked when its JSON is longer than one chunk; null when it fits as it is. */
export function splitValue(name: string, value: unknown, rev: number): Record<string, unknown> | null {
  const text = JSON.stringify(value);
  if (text.length <= CHUNK_CHARS) return null;
  const pieces = Array.from({ length: Math.ceil(text.length / CHUNK_CHARS) }, (_, index) => text.slice(index * CHUNK_CHARS, (index + 1) * CHUNK_CHARS));
  const marker: ChunkMarker = { $chunks: pieces.length, $rev: rev };
  return { [name]: marker, ...Object.fromEntries(chunkKeys(name, pieces.length).map((key, index) => [key, pieces[index]])) };
}

/** The value the chunks hold; undefined when any is missing or they do not parse (a write cut short). */
export function joinChunks(name: string, marker: ChunkMarker, stored: Record<string, unknown>): unknown {
  try {
    let text = '';
    for (let index = 0; index < marker.$chunks; index += 1) text += stored[`${name}.${index}`] as string;
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
