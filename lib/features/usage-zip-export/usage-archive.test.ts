import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../archive/build-zip';
import { sha256Hex } from '../../archive/sha256';
import { prepareArchive, usageArchiveName, type ArchiveRequest, type CapturedFile } from './usage-archive';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function captured(originalFileName: string, content: string, month: string | null = null): CapturedFile {
  return { month, originalFileName, bytes: text(content), source: 'blob' };
}

function request(overrides: Partial<ArchiveRequest> = {}): ArchiveRequest {
  return {
    organization: 'Acme',
    project: 'My Project',
    range: { start: '2024-01-01', endInclusive: '2024-03-31' },
    generatedAt: new Date('2024-04-01T00:00:00Z'),
    captured: [
      captured('cost_2024-03-01_2024-03-31.csv', 'march'),
      captured('cost_2024-01-01_2024-01-31.csv', 'january'),
      captured('cost_2024-02-01_2024-02-29.csv', 'february'),
    ],
    failures: [],
    ...overrides,
  };
}

describe('prepareArchive', () => {
  it('names the archive after organization, project and the range', async () => {
    expect((await prepareArchive(request())).archiveName).toBe('openai-usage_acme_my-project_2024-01_2024-03.zip');
    const oneMonth = await prepareArchive(request({ range: { start: '2024-03-05', endInclusive: '2024-03-20' } }));
    expect(oneMonth.archiveName).toBe('openai-usage_acme_my-project_2024-03.zip');
  });

  it('describes each file with its month (from the file name when the row gave none), size and hash', async () => {
    const { manifest } = await prepareArchive(request());
    expect(manifest.files.map((file) => file.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(manifest.files[0]).toEqual({
      fileName: 'cost_2024-01-01_2024-01-31.csv',
      originalFileName: 'cost_2024-01-01_2024-01-31.csv',
      month: '2024-01',
      size: 7,
      sha256: await sha256Hex(text('january')),
      source: 'blob',
    });
    expect(manifest.complete).toBe(true);
  });

  it('prefers the row month over the file name', async () => {
    const { manifest } = await prepareArchive(request({ captured: [captured('cost_2024-01-01_2024-01-31.csv', 'x', '2024-02')] }));
    expect(manifest.files[0]?.month).toBe('2024-02');
  });

  it('makes names safe and unique, numbering duplicates in month order', async () => {
    const { manifest, entries } = await prepareArchive(
      request({
        captured: [
          captured('usage.csv', 'february', '2024-02'),
          captured('usage.csv', 'january', '2024-01'),
          captured('../manifest.json', 'sneaky', '2024-03'),
        ],
      }),
    );
    expect(entries.map((entry) => entry.fileName)).toEqual(['usage.csv', 'usage (2).csv', 'manifest (2).json']);
    expect(new TextDecoder().decode(entries[0]?.bytes)).toBe('january');
    expect(manifest.files.map((file) => [file.fileName, file.originalFileName])).toEqual([
      ['usage.csv', 'usage.csv'],
      ['usage (2).csv', 'usage.csv'],
      ['manifest (2).json', '../manifest.json'],
    ]);
  });

  it('carries failures and expected months into the manifest, and names the archive incomplete', async () => {
    const { manifest, archiveName } = await prepareArchive(
      request({
        captured: [captured('cost_2024-01-01_2024-01-31.csv', 'january')],
        failures: [{ month: '2024-02', label: 'February 2024', error: 'Timed out', attempts: 3 }],
        expectedMonths: ['2024-01', '2024-02', '2024-03'],
      }),
    );
    expect(manifest.complete).toBe(false);
    expect(manifest.missingMonths).toEqual(['2024-03']);
    expect(manifest.failures).toHaveLength(1);
    expect(archiveName).toBe('openai-usage_acme_my-project_2024-01_2024-03_INCOMPLETE.zip');
  });

  it('produces what buildZip accepts, and the ZIP matches the manifest', async () => {
    const { manifest, entries } = await prepareArchive(request());
    const zip = await JSZip.loadAsync(await buildZip(entries, manifest));
    for (const file of manifest.files) {
      const bytes = await zip.file(file.fileName)?.async('uint8array');
      expect(bytes && (await sha256Hex(bytes))).toBe(file.sha256);
    }
  });
});

describe('usageArchiveName', () => {
  it('names a project and a range of months', () => {
    expect(usageArchiveName({ complete: true, project: 'my-project', firstMonth: '2024-01', lastMonth: '2024-12' })).toBe(
      'openai-usage_my-project_2024-01_2024-12.zip',
    );
  });

  it('puts the organization before the project when known', () => {
    expect(
      usageArchiveName({ complete: true, organization: 'Acme Corp', project: 'My Project', firstMonth: '2024-01', lastMonth: '2024-12' }),
    ).toBe('openai-usage_acme-corp_my-project_2024-01_2024-12.zip');
  });

  it('writes a single month once', () => {
    expect(usageArchiveName({ complete: true, organization: 'Acme', project: 'My Project', firstMonth: '2024-03', lastMonth: '2024-03' })).toBe(
      'openai-usage_acme_my-project_2024-03.zip',
    );
  });

  it('leaves out parts that are unknown or have nothing nameable', () => {
    expect(usageArchiveName({ complete: true, organization: null, project: null, firstMonth: '2023-11', lastMonth: '2024-02' })).toBe(
      'openai-usage_2023-11_2024-02.zip',
    );
    expect(usageArchiveName({ complete: true, organization: '***', project: 'Default project', firstMonth: '2024-01', lastMonth: '2024-02' })).toBe(
      'openai-usage_default-project_2024-01_2024-02.zip',
    );
  });

  it('keeps hostile names from adding separators or paths', () => {
    const name = usageArchiveName({
      complete: true,
      organization: '../../Org_With/Slashes',
      project: 'CON: <prod> "x"|?*',
      firstMonth: '2024-01',
      lastMonth: '2024-02',
    });
    expect(name).toBe('openai-usage_org-with-slashes_con-prod-x_2024-01_2024-02.zip');
    expect(name.split('_')).toHaveLength(5);
  });

  it('rejects months that are malformed or out of order', () => {
    expect(() => usageArchiveName({ complete: true, project: 'p', firstMonth: '2024-1', lastMonth: '2024-02' })).toThrow(RangeError);
    expect(() => usageArchiveName({ complete: true, project: 'p', firstMonth: '2024-01', lastMonth: '2024-13' })).toThrow(RangeError);
    expect(() => usageArchiveName({ complete: true, project: 'p', firstMonth: '2024-03', lastMonth: '2024-02' })).toThrow(RangeError);
  });
});
