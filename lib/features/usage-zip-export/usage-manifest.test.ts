import { describe, expect, it } from 'vitest';
import { serializeManifest } from '../../archive/manifest';
import { buildUsageManifest, type UsageManifestFile, type UsageManifestInput } from './usage-manifest';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const ROWS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'].map((month) => ({
  label: month,
  window: { start: `${month}-01`, endInclusive: `${month}-28` },
}));
const rowOf = (month: string) => Number(month.slice(5));

function entry(month: string, overrides: Partial<UsageManifestFile> = {}): UsageManifestFile {
  return {
    fileName: `cost_${month}-01_${month}-28.csv`,
    originalFileName: `cost_${month}-01_${month}-28.csv`,
    window: { start: `${month}-01`, endInclusive: `${month}-28` },
    month,
    row: rowOf(month),
    attributedBy: 'name',
    size: 100,
    sha256: HASH_A,
    source: 'blob',
    ...overrides,
  };
}

function input(overrides: Partial<UsageManifestInput> = {}): UsageManifestInput {
  return {
    organization: 'Acme',
    scope: { shown: 'My Project', allProjects: false, topBarProject: 'My Project' },
    range: { start: '2024-01-01', endInclusive: '2024-03-31' },
    generatedAt: new Date('2024-04-02T10:00:00.000Z'),
    entries: [entry('2024-01'), entry('2024-02', { size: 50, sha256: HASH_B }), entry('2024-03')],
    failures: [],
    rows: ROWS.slice(0, 3),
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
      missingRows: [],
    });
    expect(manifest.rows[1]).toEqual({ row: 2, label: '2024-02', window: ROWS[1]?.window, files: ['cost_2024-02-01_2024-02-28.csv'], failed: false });
    expect(manifest.files[1]).toEqual(entry('2024-02', { size: 50, sha256: HASH_B }));
  });

  it('is incomplete, with a warning naming the failed months, when a download failed', () => {
    const manifest = buildUsageManifest(
      input({
        entries: [entry('2024-01'), entry('2024-03')],
        failures: [{ month: '2024-02', label: 'February 2024', row: 2, window: null, error: 'Timed out', attempts: 3 }],
      }),
    );
    expect(manifest.complete).toBe(false);
    expect(manifest.counts).toEqual({ files: 2, failed: 1, missing: 0, totalBytes: 200 });
    expect(manifest.warning).toMatch(/^INCOMPLETE EXPORT/);
    expect(manifest.warning).toContain('1 download failed (2024-02)');
    expect(manifest.failures).toEqual([{ month: '2024-02', label: 'February 2024', row: 2, window: null, error: 'Timed out', attempts: 3 }]);
    expect(manifest.rows[1]).toMatchObject({ files: [], failed: true });
  });

  it('names a failure by its month, else its label, else its position', () => {
    const manifest = buildUsageManifest(
      input({
        rows: ROWS,
        failures: [
          { month: null, label: 'Part 4', row: 4, window: null, error: 'x', attempts: 1 },
          { month: '2024-05', label: 'May 2024', row: 5, window: ROWS[4]?.window ?? null, error: 'y', attempts: 3 },
        ],
      }),
    );
    expect(manifest.warning).toContain('2 downloads failed (2024-05, Part 4)');
    const unlabelled = buildUsageManifest(input({ failures: [{ month: null, label: '', row: 3, window: null, error: 'x', attempts: 1 }] }));
    expect(unlabelled.warning).toContain('1 download failed (row 3)');
  });

  it('reports rows that have neither a file nor a failure', () => {
    const manifest = buildUsageManifest(input({ entries: [entry('2024-01')] }));
    expect(manifest.complete).toBe(false);
    expect(manifest.missingRows).toEqual(['2024-02', '2024-03']);
    expect(manifest.counts.missing).toBe(2);
    expect(manifest.warning).toContain('No file was found for 2024-02, 2024-03.');
    expect(buildUsageManifest(input()).complete).toBe(true);
  });

  it('lists every file a row produced under its label', () => {
    const manifest = buildUsageManifest(
      input({
        entries: [
          entry('2024-01', { fileName: 'embeddings_usage.csv' }),
          entry('2024-01', { fileName: 'completions_usage.csv' }),
          entry('2024-02'),
          entry('2024-03'),
        ],
      }),
    );
    expect(manifest.rows[0]).toMatchObject({ label: '2024-01', files: ['completions_usage.csv', 'embeddings_usage.csv'] });
    expect(manifest.counts.files).toBe(4);
  });

  it('sorts files by window, unknown windows last, whatever order downloads finished in', () => {
    const shuffled = input({
      entries: [
        entry('2024-03'),
        entry('2024-01', { fileName: 'b.csv' }),
        entry('2024-01', { fileName: 'a.csv' }),
        { ...entry('2024-02'), window: null, month: null, fileName: 'unknown.csv' },
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
      'fileName', 'originalFileName', 'window', 'month', 'row', 'attributedBy', 'size', 'sha256', 'source',
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
    ['a malformed window', { entries: [entry('2024-01', { window: { start: '2024-01-01', endInclusive: '2024-01-32' } })] }],
    ['a file of a row that does not exist', { entries: [entry('2024-01', { row: 9 })] }],
    ['a malformed range', { range: { start: '2024-01-01', endInclusive: '2024-02-30' } }],
    ['an invalid date', { generatedAt: new Date(Number.NaN) }],
  ])('rejects %s', (_, overrides) => {
    expect(() => buildUsageManifest(input(overrides))).toThrow();
  });
});
