import { describe, expect, it } from 'vitest';
import { serializeManifest } from '../../archive/manifest';
import { buildUsageManifest, type UsageManifestFile, type UsageManifestInput } from './usage-manifest';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function entry(month: string, overrides: Partial<UsageManifestFile> = {}): UsageManifestFile {
  return {
    fileName: `cost_${month}-01_${month}-28.csv`,
    originalFileName: `cost_${month}-01_${month}-28.csv`,
    month,
    size: 100,
    sha256: HASH_A,
    source: 'blob',
    ...overrides,
  };
}

function input(overrides: Partial<UsageManifestInput> = {}): UsageManifestInput {
  return {
    organization: 'Acme',
    project: 'My Project',
    range: { start: '2024-01-01', endInclusive: '2024-03-31' },
    generatedAt: new Date('2024-04-02T10:00:00.000Z'),
    entries: [entry('2024-01'), entry('2024-02', { size: 50, sha256: HASH_B }), entry('2024-03')],
    failures: [],
    ...overrides,
  };
}

describe('buildUsageManifest', () => {
  it('describes a complete export', () => {
    const manifest = buildUsageManifest(input());
    expect(manifest).toMatchObject({
      schemaVersion: 1,
      generator: 'refined-openai-platform',
      generatedAt: '2024-04-02T10:00:00.000Z',
      organization: 'Acme',
      project: 'My Project',
      range: { start: '2024-01-01', endInclusive: '2024-03-31' },
      complete: true,
      warning: null,
      counts: { files: 3, failed: 0, missing: 0, totalBytes: 250 },
      failures: [],
      missingMonths: [],
    });
    expect(manifest.files[1]).toEqual(entry('2024-02', { size: 50, sha256: HASH_B }));
  });

  it('is incomplete, with a warning naming the failed months, when a download failed', () => {
    const manifest = buildUsageManifest(
      input({
        entries: [entry('2024-01'), entry('2024-03')],
        failures: [{ month: '2024-02', label: 'February 2024', error: 'Timed out', attempts: 3 }],
      }),
    );
    expect(manifest.complete).toBe(false);
    expect(manifest.counts).toEqual({ files: 2, failed: 1, missing: 0, totalBytes: 200 });
    expect(manifest.warning).toMatch(/^INCOMPLETE EXPORT/);
    expect(manifest.warning).toContain('1 download failed (2024-02)');
    expect(manifest.failures).toEqual([{ month: '2024-02', label: 'February 2024', error: 'Timed out', attempts: 3 }]);
  });

  it('names a failure by its label when its month is unknown', () => {
    const manifest = buildUsageManifest(
      input({
        failures: [
          { month: null, label: 'Row 4', error: 'x', attempts: 1 },
          { month: '2024-05', label: 'May 2024', error: 'y', attempts: 3 },
        ],
      }),
    );
    expect(manifest.warning).toContain('2 downloads failed (2024-05, Row 4)');
  });

  it('reports expected months that have neither a file nor a failure', () => {
    const manifest = buildUsageManifest(
      input({ entries: [entry('2024-01')], expectedMonths: ['2024-03', '2024-01', '2024-02', '2024-02'] }),
    );
    expect(manifest.complete).toBe(false);
    expect(manifest.missingMonths).toEqual(['2024-02', '2024-03']);
    expect(manifest.counts.missing).toBe(2);
    expect(manifest.warning).toContain('No file was found for 2024-02, 2024-03.');
    expect(buildUsageManifest(input({ expectedMonths: ['2024-01', '2024-02', '2024-03'] })).complete).toBe(true);
  });

  it('sorts files by month, unknown months last, whatever order downloads finished in', () => {
    const shuffled = input({
      entries: [
        entry('2024-03'),
        entry('2024-01', { fileName: 'b.csv' }),
        entry('2024-01', { fileName: 'a.csv' }),
        { ...entry('2024-02'), month: null, fileName: 'unknown.csv' },
      ],
    });
    expect(buildUsageManifest(shuffled).files.map((file) => file.fileName)).toEqual([
      'a.csv',
      'b.csv',
      'cost_2024-03-01_2024-03-28.csv',
      'unknown.csv',
    ]);
  });

  it('keeps only the documented fields of each entry', () => {
    const withBytes = { ...entry('2024-01'), bytes: new Uint8Array(10) };
    const manifest = buildUsageManifest(input({ entries: [withBytes] }));
    expect(Object.keys(manifest.files[0] ?? {})).toEqual([
      'fileName', 'originalFileName', 'month', 'size', 'sha256', 'source',
    ]);
  });

  it('serializes the same data to the same text, pretty-printed', () => {
    const a = serializeManifest(buildUsageManifest(input()));
    const reversed = input();
    const b = serializeManifest(buildUsageManifest({ ...reversed, entries: [...reversed.entries].reverse() }));
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a).toContain('\n  "complete": true,\n');
    expect(JSON.parse(a)).toEqual(buildUsageManifest(input()));
  });

  it.each<[string, Partial<UsageManifestInput>]>([
    ['duplicate file names (case-insensitively)', { entries: [entry('2024-01', { fileName: 'A.csv' }), entry('2024-02', { fileName: 'a.csv' })] }],
    ['an entry named like the manifest', { entries: [entry('2024-01', { fileName: 'manifest.json' })] }],
    ['a malformed digest', { entries: [entry('2024-01', { sha256: 'ABC' })] }],
    ['a negative size', { entries: [entry('2024-01', { size: -1 })] }],
    ['a fractional size', { entries: [entry('2024-01', { size: 1.5 })] }],
    ['a malformed month', { entries: [entry('2024-01', { month: 'January' })] }],
    ['a malformed expected month', { expectedMonths: ['2024-1'] }],
    ['a malformed range', { range: { start: '2024-01-01', endInclusive: '2024-02-30' } }],
    ['an invalid date', { generatedAt: new Date(Number.NaN) }],
  ])('rejects %s', (_, overrides) => {
    expect(() => buildUsageManifest(input(overrides))).toThrow();
  });
});
