import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildZip, type ZipEntry } from './build-zip';
import { buildManifestCore, describeFile, serializeManifest, type ManifestCore, type ManifestFile } from './manifest';
import { sha256Hex } from './sha256';
import { crc32 } from './zip-writer';

/** Deterministic incompressible bytes (xorshift32), so DEFLATE cannot hide a lost or altered byte. */
function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

type Manifest = ManifestCore<ManifestFile, never>;

async function manifestFor(entries: readonly ZipEntry[]): Promise<Manifest> {
  return buildManifestCore({
    organization: 'Acme',
    project: 'My Project',
    range: { start: '2024-01-01', endInclusive: '2024-12-31' },
    generatedAt: new Date('2025-01-02T03:04:05.000Z'),
    files: await Promise.all(entries.map(({ fileName, bytes }) => describeFile(fileName, bytes))),
    failures: [],
    warning: null,
  });
}

async function unzip(archive: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(archive);
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    files.set(entry.name, await entry.async('uint8array'));
  }
  return files;
}

const CSV = 'start_time,end_time,amount_value\n1704067200,1704153600,0.8958740000000000\n';
const ODD_ENTRIES: ZipEntry[] = [
  { fileName: 'cost_2024-01-01_2024-01-31.csv', bytes: text(CSV) },
  { fileName: 'Übersicht_日本語 (2).csv', bytes: text('\uFEFFmonth,€\r\n1,2\r\n') },
  { fileName: 'empty.csv', bytes: new Uint8Array() },
  { fileName: 'all-bytes.bin', bytes: Uint8Array.from({ length: 256 }, (_, i) => i) },
  { fileName: '📈 report.csv', bytes: noise(1000, 7) },
];

describe('buildZip', () => {
  it.each(['STORE', 'DEFLATE'] as const)('stores every entry byte for byte with %s, plus the manifest', async (compression) => {
    const manifest = await manifestFor(ODD_ENTRIES);
    const archive = await buildZip(ODD_ENTRIES, manifest, { compression });
    const files = await unzip(archive);
    expect([...files.keys()].sort()).toEqual([...ODD_ENTRIES.map((entry) => entry.fileName), 'manifest.json'].sort());
    for (const { fileName, bytes } of ODD_ENTRIES) {
      expect(files.get(fileName), fileName).toEqual(bytes);
    }
    expect(new TextDecoder().decode(files.get('manifest.json'))).toBe(serializeManifest(manifest));
  });

  it('really compresses with DEFLATE and really does not with STORE', async () => {
    const csv: ZipEntry[] = [{ fileName: 'big.csv', bytes: text(CSV.repeat(2000)) }];
    const manifest = await manifestFor(csv);
    const deflated = await buildZip(csv, manifest);
    const stored = await buildZip(csv, manifest, { compression: 'STORE' });
    expect(deflated.byteLength).toBeLessThan(csv[0]!.bytes.byteLength / 5);
    expect(stored.byteLength).toBeGreaterThan(csv[0]!.bytes.byteLength);
  });

  it('round-trips a 20 MB entry unchanged', { timeout: 60_000 }, async () => {
    const big: ZipEntry[] = [
      { fileName: 'completions_usage_2024-01-01_2024-01-31.csv', bytes: noise(20 * 1024 * 1024) },
      { fileName: 'cost_2024-02-01_2024-02-29.csv', bytes: text(CSV) },
    ];
    const manifest = await manifestFor(big);
    const files = await unzip(await buildZip(big, manifest));
    const restored = files.get('completions_usage_2024-01-01_2024-01-31.csv');
    expect(restored?.byteLength).toBe(20 * 1024 * 1024);
    expect(await sha256Hex(restored ?? new Uint8Array())).toBe(manifest.files[0]?.sha256);
    expect(files.get('cost_2024-02-01_2024-02-29.csv')).toEqual(text(CSV));
  });

  it('stamps the given date and creates no folder entries', async () => {
    const date = new Date('2024-06-15T12:34:56Z');
    const manifest = await manifestFor(ODD_ENTRIES);
    const zip = await JSZip.loadAsync(await buildZip(ODD_ENTRIES, manifest, { date }));
    const entries = Object.values(zip.files);
    expect(entries.some((entry) => entry.dir)).toBe(false);
    // DOS timestamps have a two-second resolution.
    for (const entry of entries) expect(Math.abs(entry.date.getTime() - date.getTime())).toBeLessThan(2000);
  });

  it('writes CRC-32s that a strict reader checks, and archives zlib can inflate entry by entry', async () => {
    const entries: ZipEntry[] = [...ODD_ENTRIES, { fileName: 'repetitive.csv', bytes: text(CSV.repeat(3000)) }];
    const manifest = await manifestFor(entries);
    const archive = await buildZip(entries, manifest);
    const zip = await JSZip.loadAsync(archive, { checkCRC32: true });
    for (const { fileName, bytes } of entries) expect(await zip.file(fileName)?.async('uint8array'), fileName).toEqual(bytes);
    // The central directory's sizes and CRCs, read as `unzip` would, agree with the bytes.
    const buffer = Buffer.from(archive);
    const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(buffer.readUInt16LE(end + 10)).toBe(entries.length + 1);
    let at = buffer.readUInt32LE(end + 16);
    for (let index = 0; index <= entries.length; index += 1) {
      const nameLength = buffer.readUInt16LE(at + 28);
      const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
      const local = buffer.readUInt32LE(at + 42);
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + buffer.readUInt32LE(at + 20));
      const restored = buffer.readUInt16LE(at + 10) === 8 ? inflateRawSync(data) : data;
      expect(zlibCrc32(restored), name).toBe(buffer.readUInt32LE(at + 16));
      expect(restored.length, name).toBe(buffer.readUInt32LE(at + 24));
      expect(buffer.readUInt16LE(at + 8) & 0x0800, `${name}: UTF-8 flag`).toBe(0x0800);
      at += 46 + nameLength;
    }
  });

  it('computes CRC-32 as zlib does, whatever the length', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 1000, 65_537]) {
      const bytes = noise(length, length + 1);
      expect(crc32(bytes), `${length} bytes`).toBe(zlibCrc32(bytes));
    }
  });

  it('refuses entries the manifest does not describe exactly', async () => {
    const manifest = await manifestFor(ODD_ENTRIES.slice(0, 2));
    await expect(buildZip(ODD_ENTRIES.slice(0, 3), manifest)).rejects.toThrow(/missing from the manifest: empty.csv/);
    await expect(buildZip(ODD_ENTRIES.slice(0, 1), manifest)).rejects.toThrow(/not in the archive: Übersicht/);
    const altered = [ODD_ENTRIES[0]!, { ...ODD_ENTRIES[1]!, bytes: text('changed') }];
    await expect(buildZip(altered, manifest)).rejects.toThrow(/Manifest gives \d+ bytes/);
  });

  it.each(['../evil.csv', 'dir/file.csv', 'CON.csv', 'manifest.json', 'MANIFEST.JSON'])(
    'refuses the entry name %j',
    async (fileName) => {
      // buildManifestCore itself refuses such names, so the manifest is forged.
      const manifest = await manifestFor([{ fileName: 'placeholder.csv', bytes: text('x') }]);
      const forged: Manifest = { ...manifest, files: manifest.files.map((file) => ({ ...file, fileName })) };
      await expect(buildZip([{ fileName, bytes: text('x') }], forged)).rejects.toThrow(/Unsafe|Duplicate/);
    },
  );

  it('refuses two entries differing only in case', async () => {
    const entries = [
      { fileName: 'a.csv', bytes: text('1') },
      { fileName: 'A.csv', bytes: text('2') },
    ];
    const manifest = await manifestFor([entries[0]!]);
    const forged = { ...manifest, files: [...manifest.files, { ...manifest.files[0]!, fileName: 'A.csv' }] };
    await expect(buildZip(entries, forged)).rejects.toThrow(/Duplicate entry name: A.csv/);
  });
});
