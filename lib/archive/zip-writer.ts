/**
 * The ZIP container (PKWARE APPNOTE 6.3: local headers, central directory, end record; UTF-8
 * names) around entries deflated by the browser's own CompressionStream. JSZip's DEFLATE and
 * CRC-32 in JavaScript held a 60 MB archive to about 70 MB/s (`npm run bench`); the browser's
 * zlib does both natively (deflateWithCrc). The CRC-32 in JavaScript is kept for STORE.
 * Archives stay below 4 GiB and 65,535 entries (no ZIP64): checked, never assumed.
 */

export interface ZipWriterEntry {
  fileName: string;
  bytes: Uint8Array;
}

export interface ZipWriterOptions {
  compression: 'STORE' | 'DEFLATE';
  /** Modification time of every entry, written as UTC (as JSZip did). */
  date: Date;
}

/** CRC-32 (IEEE 802.3) tables for slicing by 8 bytes. */
const TABLES: Uint32Array[] = (() => {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const [first] = tables as [Uint32Array];
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    first[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n += 1) {
    for (let t = 1; t < 8; t += 1) {
      const previous = (tables[t - 1] as Uint32Array)[n] as number;
      (tables[t] as Uint32Array)[n] = (previous >>> 8) ^ (first[previous & 0xff] as number);
    }
  }
  return tables;
})();

export function crc32(bytes: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let crc = 0xffffffff;
  let i = 0;
  const whole = bytes.length - (bytes.length % 8);
  for (; i < whole; i += 8) {
    const one = crc ^ ((bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24));
    crc =
      (t7[one & 0xff] as number) ^
      (t6[(one >>> 8) & 0xff] as number) ^
      (t5[(one >>> 16) & 0xff] as number) ^
      (t4[one >>> 24] as number) ^
      (t3[bytes[i + 4] as number] as number) ^
      (t2[bytes[i + 5] as number] as number) ^
      (t1[bytes[i + 6] as number] as number) ^
      (t0[bytes[i + 7] as number] as number);
  }
  for (; i < bytes.length; i += 1) crc = (t0[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Firefox refuses a content script's stream source to the page's stream implementation (the
 * pipe fails); a Blob's own stream works there, but Chromium streams a Blob back from its blob
 * store at about half the speed (`npm run bench`). The first refusal switches to Blobs.
 */
let jsSourceRefused = false;

function jsSource(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

function blobSource(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
}

async function gzipChunks(source: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const reader = source.pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/**
 * DEFLATE by the browser's native zlib, as gzip: its trailer carries the CRC-32 of the input,
 * computed natively too, which a CRC in JavaScript would take longer than the DEFLATE itself.
 * The raw DEFLATE data ZIP stores (method 8) is the gzip member without header and trailer
 * (RFC 1952).
 */
async function deflateWithCrc(bytes: Uint8Array): Promise<{ deflated: Uint8Array; crc: number }> {
  let chunks: Uint8Array[];
  try {
    chunks = await gzipChunks(jsSourceRefused ? blobSource(bytes) : jsSource(bytes));
  } catch (error) {
    if (jsSourceRefused) throw error;
    jsSourceRefused = true;
    chunks = await gzipChunks(blobSource(bytes));
  }
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const gzip = concat(chunks, length);
  const trailer = new DataView(gzip.buffer, gzip.byteOffset + gzip.length - 8, 8);
  if (gzip[0] !== 0x1f || gzip[1] !== 0x8b || gzip[2] !== 8 || trailer.getUint32(4, true) !== bytes.length % 2 ** 32) {
    throw new Error('The browser’s compression gave an unexpected gzip stream');
  }
  const flags = gzip[3] as number;
  let start = 10;
  if (flags & 0x04) start += 2 + ((gzip[start] as number) | ((gzip[start + 1] as number) << 8));
  for (const bit of [0x08, 0x10]) {
    if (flags & bit) start = gzip.indexOf(0, start) + 1;
  }
  if (flags & 0x02) start += 2;
  return { deflated: gzip.subarray(start, gzip.length - 8), crc: trailer.getUint32(0, true) };
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

const UTF8_NAMES = 0x0800;
const VERSION = 20;
const LIMIT = 0xffffffff;

/** The archive's bytes: every entry under its name, deflated where that makes it smaller. */
export async function writeZip(entries: readonly ZipWriterEntry[], { compression, date }: ZipWriterOptions): Promise<Uint8Array> {
  if (entries.length > 0xffff) throw new Error(`Too many entries for a ZIP without ZIP64: ${entries.length}`);
  const stamp = dosDateTime(date);
  const encoder = new TextEncoder();
  // All at once: the browser's compression streams run side by side.
  const prepared = await Promise.all(
    entries.map(async ({ fileName, bytes }) => {
      if (bytes.length >= LIMIT) throw new Error(`${fileName} is too large for a ZIP without ZIP64`);
      const name = encoder.encode(fileName);
      if (compression === 'STORE' || bytes.length === 0) return { name, crc: crc32(bytes), size: bytes.length, data: bytes, method: 0 };
      const { deflated, crc } = await deflateWithCrc(bytes);
      // Incompressible data is stored as it is, as zip tools do.
      const stored = deflated.length >= bytes.length;
      return { name, crc, size: bytes.length, data: stored ? bytes : deflated, method: stored ? 0 : 8 };
    }),
  );
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of prepared) {
    const local = new Uint8Array(30 + entry.name.length);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, VERSION, true);
    view.setUint16(6, UTF8_NAMES, true);
    view.setUint16(8, entry.method, true);
    view.setUint16(10, stamp.time, true);
    view.setUint16(12, stamp.date, true);
    view.setUint32(14, entry.crc, true);
    view.setUint32(18, entry.data.length, true);
    view.setUint32(22, entry.size, true);
    view.setUint16(26, entry.name.length, true);
    local.set(entry.name, 30);

    const header = new Uint8Array(46 + entry.name.length);
    const record = new DataView(header.buffer);
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, VERSION, true);
    record.setUint16(6, VERSION, true);
    record.setUint16(8, UTF8_NAMES, true);
    record.setUint16(10, entry.method, true);
    record.setUint16(12, stamp.time, true);
    record.setUint16(14, stamp.date, true);
    record.setUint32(16, entry.crc, true);
    record.setUint32(20, entry.data.length, true);
    record.setUint32(24, entry.size, true);
    record.setUint16(28, entry.name.length, true);
    record.setUint32(42, offset, true);
    header.set(entry.name, 46);

    parts.push(local, entry.data);
    central.push(header);
    offset += local.length + entry.data.length;
    if (offset >= LIMIT) throw new Error('The archive is too large for a ZIP without ZIP64');
  }
  const centralSize = central.reduce((sum, header) => sum + header.length, 0);
  const end = new Uint8Array(22);
  const tail = new DataView(end.buffer);
  tail.setUint32(0, 0x06054b50, true);
  tail.setUint16(8, prepared.length, true);
  tail.setUint16(10, prepared.length, true);
  tail.setUint32(12, centralSize, true);
  tail.setUint32(16, offset, true);
  return concat([...parts, ...central, end], offset + centralSize + end.length);
}
