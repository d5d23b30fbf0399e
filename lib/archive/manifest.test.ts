import { describe, expect, it } from 'vitest';
import {
  buildManifestCore,
  describeFile,
  incompleteWarning,
  serializeManifest,
  type ManifestCoreInput,
  type ManifestFile,
} from './manifest';
import { sha256Hex } from './sha256';

const file = (fileName: string, size = 10): ManifestFile => ({ fileName, size, sha256: 'c'.repeat(64) });

function input(overrides: Partial<ManifestCoreInput<ManifestFile, string>> = {}): ManifestCoreInput<ManifestFile, string> {
  return {
    generatedAt: new Date('2025-01-02T03:04:05.000Z'),
    organization: 'Acme',
    project: null,
    range: { start: '2024-01-01', endInclusive: '2024-12-31' },
    files: [file('a.csv', 3), file('b.csv', 4)],
    failures: [],
    warning: null,
    ...overrides,
  };
}

describe('buildManifestCore', () => {
  it('states who, when, the range, every file and the totals', () => {
    expect(buildManifestCore(input())).toEqual({
      schemaVersion: 1,
      generator: 'refined-openai-platform',
      generatedAt: '2025-01-02T03:04:05.000Z',
      organization: 'Acme',
      project: null,
      range: { start: '2024-01-01', endInclusive: '2024-12-31' },
      complete: true,
      warning: null,
      counts: { files: 2, failed: 0, totalBytes: 7 },
      files: [file('a.csv', 3), file('b.csv', 4)],
      failures: [],
    });
  });

  it('is complete exactly when there is no warning', () => {
    const core = buildManifestCore(input({ failures: ['x'], warning: incompleteWarning(['x is missing.']) }));
    expect(core).toMatchObject({ complete: false, warning: 'INCOMPLETE EXPORT: x is missing.', counts: { failed: 1 } });
  });

  it.each<[string, Partial<ManifestCoreInput<ManifestFile, string>>]>([
    ['the same name twice, whatever the case', { files: [file('A.csv'), file('a.csv')] }],
    ['a file named like the manifest', { files: [file('Manifest.json')] }],
    ['a malformed digest', { files: [{ ...file('a.csv'), sha256: 'ABC' }] }],
    ['a negative size', { files: [file('a.csv', -1)] }],
    ['an impossible range day', { range: { start: '2024-02-30', endInclusive: '2024-03-01' } }],
    ['an invalid date', { generatedAt: new Date(Number.NaN) }],
  ])('refuses %s', (_, overrides) => {
    expect(() => buildManifestCore(input(overrides))).toThrow();
  });
});

describe('describeFile', () => {
  it('gives the size and SHA-256 of the bytes', async () => {
    const bytes = new TextEncoder().encode('hello');
    expect(await describeFile('a.txt', bytes)).toEqual({ fileName: 'a.txt', size: 5, sha256: await sha256Hex(bytes) });
  });
});

describe('serializeManifest', () => {
  it('pretty-prints with a final newline', () => {
    expect(serializeManifest({ a: 1 })).toBe('{\n  "a": 1\n}\n');
  });
});
