import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { buildZip, type ZipEntry } from './build-zip';
import { buildManifestCore, describeFile, serializeManifest, type ManifestCore, type ManifestFile } from './manifest';
import { sha256Hex } from './sha256';

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

  it('uses the injected loader, only when asked to build', async () => {
    const loadJSZip = vi.fn(async () => JSZip);
    const manifest = await manifestFor(ODD_ENTRIES);
    expect(loadJSZip).not.toHaveBeenCalled();
    await buildZip(ODD_ENTRIES, manifest, { loadJSZip });
    expect(loadJSZip).toHaveBeenCalledTimes(1);
  });

  it('imports JSZip only dynamically, so the content script does not bundle it up front', () => {
    const source = readFileSync(join(import.meta.dirname, 'build-zip.ts'), 'utf8');
    expect(source).toMatch(/await import\('jszip'\)/);
    expect(source).not.toMatch(/^import (?!type )[^;]*from 'jszip'/m);
  });

  it('refuses entries the manifest does not describe exactly', async () => {
    const manifest = await manifestFor(ODD_ENTRIES.slice(0, 2));
    const loadJSZip = vi.fn(async () => JSZip);
    await expect(buildZip(ODD_ENTRIES.slice(0, 3), manifest, { loadJSZip })).rejects.toThrow(/missing from the manifest: empty.csv/);
    await expect(buildZip(ODD_ENTRIES.slice(0, 1), manifest, { loadJSZip })).rejects.toThrow(/not in the archive: Übersicht/);
    const altered = [ODD_ENTRIES[0]!, { ...ODD_ENTRIES[1]!, bytes: text('changed') }];
    await expect(buildZip(altered, manifest, { loadJSZip })).rejects.toThrow(/Manifest gives \d+ bytes/);
    expect(loadJSZip).not.toHaveBeenCalled();
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
