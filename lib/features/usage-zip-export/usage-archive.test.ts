import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../archive/build-zip';
import { sha256Hex } from '../../archive/sha256';
import { prepareArchive, usageArchiveName, type ArchiveRequest, type CapturedFile } from './usage-archive';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

const MONTHS = [
  { label: 'January 2024', window: { start: '2024-01-01', endInclusive: '2024-01-31' } },
  { label: 'February 2024', window: { start: '2024-02-01', endInclusive: '2024-02-29' } },
  { label: 'March 2024', window: { start: '2024-03-01', endInclusive: '2024-03-31' } },
];

function captured(originalFileName: string, content: string, row: number, attributedBy: CapturedFile['attributedBy'] = 'name'): CapturedFile {
  return { row, attributedBy, originalFileName, bytes: text(content), source: 'blob' };
}

function request(overrides: Partial<ArchiveRequest> = {}): ArchiveRequest {
  return {
    organization: 'Acme',
    scope: { shown: 'My Project', allProjects: false, topBarProject: 'My Project' },
    generatedAt: new Date('2024-04-01T00:00:00Z'),
    rows: MONTHS,
    captured: [
      captured('cost_2024-03-01_2024-03-31.csv', 'march', 3),
      captured('cost_2024-01-01_2024-01-31.csv', 'january', 1),
      captured('cost_2024-02-01_2024-02-29.csv', 'february', 2),
    ],
    failures: [],
    ...overrides,
  };
}

describe('prepareArchive', () => {
  it('names the archive and its manifest after the Usage page’s own selection, never the top bar’s project', async () => {
    const all = await prepareArchive(request({ scope: { shown: 'All projects', allProjects: true, topBarProject: 'Production' } }));
    expect(all.archiveName).toBe('openai-usage_acme_all-projects_2024-01_2024-03.zip');
    expect(all.manifest).toMatchObject({
      project: null,
      scope: { shown: 'All projects', allProjects: true, topBarProject: 'Production', source: 'usage-page-selector' },
    });
    const other = await prepareArchive(request({ scope: { shown: 'Sandbox', allProjects: false, topBarProject: 'Production' } }));
    expect(other.archiveName).toBe('openai-usage_acme_sandbox_2024-01_2024-03.zip');
    expect(other.manifest.project).toBe('Sandbox');
  });

  it('names no project when the page’s selector was not recognized, and the manifest says why', async () => {
    const { archiveName, manifest } = await prepareArchive(request({ scope: { shown: null, allProjects: false, topBarProject: 'Production' } }));
    expect(archiveName).toBe('openai-usage_acme_2024-01_2024-03.zip');
    expect(manifest.project).toBeNull();
    expect(manifest.scope).toMatchObject({ shown: null, source: 'not-recognized' });
    expect(manifest.scope.note).toContain('was not recognized');
    expect(manifest.scope.note).toContain('The top bar showed Production, which is not necessarily what the files cover.');
  });

  it('names the archive after organization, project and the first and last date', async () => {
    expect((await prepareArchive(request())).archiveName).toBe('openai-usage_acme_my-project_2024-01_2024-03.zip');
    const windows = await prepareArchive(
      request({
        rows: [
          { label: 'Jun 1, 2026 – Jul 1, 2026', window: { start: '2026-06-01', endInclusive: '2026-07-01' } },
          { label: 'Jul 2, 2026 – Aug 1, 2026', window: { start: '2026-07-02', endInclusive: '2026-08-01' } },
        ],
        captured: [captured('cost_2026-06-01_2026-07-01.csv', 'a', 1), captured('cost_2026-07-02_2026-08-01.csv', 'b', 2)],
      }),
    );
    expect(windows.archiveName).toBe('openai-usage_acme_my-project_2026-06-01_2026-08-01.zip');
    expect(windows.manifest.range).toEqual({ start: '2026-06-01', endInclusive: '2026-08-01' });
  });

  it('takes the dates from the files when the rows name none', async () => {
    const { archiveName, manifest } = await prepareArchive(
      request({
        rows: [{ label: 'Part 1', window: null }, { label: 'Part 2', window: null }],
        captured: [
          captured('cost_2026-05-01_2026-05-31.csv', 'a', 1, 'click-order'),
          captured('cost_2026-06-01_2026-07-01.csv', 'b', 2, 'click-order'),
        ],
      }),
    );
    expect(archiveName).toBe('openai-usage_acme_my-project_2026-05-01_2026-07-01.zip');
    expect(manifest.rows).toEqual([
      { row: 1, label: 'Part 1', window: null, files: ['cost_2026-05-01_2026-05-31.csv'], failed: false },
      { row: 2, label: 'Part 2', window: null, files: ['cost_2026-06-01_2026-07-01.csv'], failed: false },
    ]);
    expect(manifest.files.map((file) => file.attributedBy)).toEqual(['click-order', 'click-order']);
  });

  it('leaves the period out when nothing says which days the files hold', async () => {
    const { archiveName, manifest } = await prepareArchive(
      request({ rows: [{ label: '', window: null }, { label: '', window: null }], captured: [captured('a.csv', 'a', 1), captured('b.csv', 'b', 2)] }),
    );
    expect(archiveName).toBe('openai-usage_acme_my-project.zip');
    expect(manifest.range).toBeNull();
  });

  it('describes each file with its window (from its name, else its row), month, row, size and hash', async () => {
    const { manifest } = await prepareArchive(request());
    expect(manifest.files.map((file) => file.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(manifest.files[0]).toEqual({
      fileName: 'cost_2024-01-01_2024-01-31.csv',
      originalFileName: 'cost_2024-01-01_2024-01-31.csv',
      window: { start: '2024-01-01', endInclusive: '2024-01-31' },
      month: '2024-01',
      row: 1,
      attributedBy: 'name',
      size: 7,
      sha256: await sha256Hex(text('january')),
      source: 'blob',
    });
    const fromRow = await prepareArchive(request({ captured: [captured('usage.csv', 'x', 2, 'click-order')] }));
    expect(fromRow.manifest.files[0]).toMatchObject({ window: MONTHS[1]?.window, month: '2024-02' });
    expect(fromRow.manifest.complete).toBe(false);
  });

  it('lists each row with every file it produced: a window of two capabilities, across months', async () => {
    const { manifest } = await prepareArchive(
      request({
        rows: [{ label: 'Jun 1 – Jul 1, 2026', window: { start: '2026-06-01', endInclusive: '2026-07-01' } }],
        captured: [
          captured('embeddings_usage_2026-06-01_2026-07-01.csv', 'e', 1),
          captured('completions_usage_2026-06-01_2026-07-01.csv', 'c', 1),
        ],
      }),
    );
    expect(manifest.rows).toEqual([
      {
        row: 1,
        label: 'Jun 1 – Jul 1, 2026',
        window: { start: '2026-06-01', endInclusive: '2026-07-01' },
        files: ['completions_usage_2026-06-01_2026-07-01.csv', 'embeddings_usage_2026-06-01_2026-07-01.csv'],
        failed: false,
      },
    ]);
    expect(manifest.files.map((file) => file.month)).toEqual([null, null]);
    expect(manifest.complete).toBe(true);
  });

  it('makes names safe and unique, numbering duplicates in window order', async () => {
    const { manifest, entries } = await prepareArchive(
      request({
        captured: [captured('usage.csv', 'february', 2), captured('usage.csv', 'january', 1), captured('../manifest.json', 'sneaky', 3)],
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

  it('carries failures and rows without files into the manifest, and names the archive incomplete', async () => {
    const { manifest, archiveName } = await prepareArchive(
      request({
        captured: [captured('cost_2024-01-01_2024-01-31.csv', 'january', 1)],
        failures: [{ row: 2, label: 'February 2024', error: 'Timed out', attempts: 3 }],
      }),
    );
    expect(manifest.complete).toBe(false);
    expect(manifest.missingRows).toEqual(['March 2024']);
    expect(manifest.failures).toEqual([
      { month: '2024-02', label: 'February 2024', row: 2, window: MONTHS[1]?.window, error: 'Timed out', attempts: 3 },
    ]);
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
    expect(usageArchiveName({ complete: true, project: 'my-project', range: { start: '2024-01-01', endInclusive: '2024-12-31' } })).toBe(
      'openai-usage_my-project_2024-01_2024-12.zip',
    );
  });

  it('puts the organization before the project when known', () => {
    expect(
      usageArchiveName({ complete: true, organization: 'Acme Corp', project: 'My Project', range: { start: '2024-01-01', endInclusive: '2024-12-31' } }),
    ).toBe('openai-usage_acme-corp_my-project_2024-01_2024-12.zip');
  });

  it('writes a single month once', () => {
    expect(usageArchiveName({ complete: true, organization: 'Acme', project: 'My Project', range: { start: '2024-03-01', endInclusive: '2024-03-31' } })).toBe(
      'openai-usage_acme_my-project_2024-03.zip',
    );
  });

  it('leaves out parts that are unknown or have nothing nameable', () => {
    expect(usageArchiveName({ complete: true, organization: null, project: null, range: { start: '2023-11-01', endInclusive: '2024-02-29' } })).toBe(
      'openai-usage_2023-11_2024-02.zip',
    );
    expect(usageArchiveName({ complete: true, organization: '***', project: 'Default project', range: { start: '2024-01-01', endInclusive: '2024-02-29' } })).toBe(
      'openai-usage_default-project_2024-01_2024-02.zip',
    );
  });

  it('keeps hostile names from adding separators or paths', () => {
    const name = usageArchiveName({
      complete: true,
      organization: '../../Org_With/Slashes',
      project: 'CON: <prod> "x"|?*',
      range: { start: '2024-01-01', endInclusive: '2024-02-29' },
    });
    expect(name).toBe('openai-usage_org-with-slashes_con-prod-x_2024-01_2024-02.zip');
    expect(name.split('_')).toHaveLength(5);
  });

  it('names any other range from its first and last day, one day once, and no days as nothing', () => {
    expect(usageArchiveName({ complete: true, project: 'p', range: { start: '2026-05-01', endInclusive: '2026-08-21' } })).toBe(
      'openai-usage_p_2026-05-01_2026-08-21.zip',
    );
    expect(usageArchiveName({ complete: true, project: 'p', range: { start: '2026-06-01', endInclusive: '2026-07-01' } })).toBe(
      'openai-usage_p_2026-06-01_2026-07-01.zip',
    );
    expect(usageArchiveName({ complete: false, project: 'p', range: { start: '2026-08-21', endInclusive: '2026-08-21' } })).toBe(
      'openai-usage_p_2026-08-21_INCOMPLETE.zip',
    );
    expect(usageArchiveName({ complete: true, project: 'p', range: null })).toBe('openai-usage_p.zip');
  });

  it('rejects days that are malformed or out of order', () => {
    expect(() => usageArchiveName({ complete: true, project: 'p', range: { start: '2024-1-01', endInclusive: '2024-02-01' } })).toThrow(RangeError);
    expect(() => usageArchiveName({ complete: true, project: 'p', range: { start: '2024-01-01', endInclusive: '2024-02-30' } })).toThrow(RangeError);
    expect(() => usageArchiveName({ complete: true, project: 'p', range: { start: '2024-03-01', endInclusive: '2024-02-01' } })).toThrow(RangeError);
  });
});
