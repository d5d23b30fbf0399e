import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUsageExport, rowShowsBusy, rowShowsFailure, startRowDownload } from './export-modal';

function load(name: string): Document {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing', name), 'utf8');
  return document;
}

describe('findUsageExport', () => {
  it('recognizes the Usage page by its Export button while no modal is open', () => {
    document.body.innerHTML = '<main><h1>Usage</h1><button>Export</button></main>';
    expect(findUsageExport(document)).toMatchObject({ dialog: null, offerButton: null, rows: [] });
  });

  it('returns null where there is no Export button: the page is not recognized', () => {
    document.body.innerHTML = '<main><h1>Usage</h1><button>Export CSV now</button></main>';
    expect(findUsageExport(document)).toBeNull();
  });

  it('finds the "Download N files…" offer', () => {
    const found = findUsageExport(load('export-offer.html'));
    expect(found?.offerButton?.textContent).toBe('Download 12 files…');
    expect(found?.offeredFiles).toBe(12);
    expect(found?.rows).toHaveLength(0);
  });

  it('lists one row per month with its label and trigger, skipping what the extension added', () => {
    const found = findUsageExport(load('export-list.html'));
    expect(found?.offerButton).toBeNull();
    expect(found?.rows.map((row) => row.label)).toEqual(['January 2024', 'February 2024', 'March 2024']);
    expect(found?.rows[2]?.trigger.tagName).toBe('A');
    expect(found?.rows.map((row) => rowShowsFailure(row.row))).toEqual([false, true, false]);
  });

  it('offers nothing to zip on a single-month export', () => {
    expect(findUsageExport(load('export-single.html'))).toMatchObject({ multiFile: false, offerButton: null });
  });

  it('finds icon-only download buttons by their accessible name, and reads the rows\' date ranges', () => {
    const found = findUsageExport(load('export-icons.html'));
    expect(found?.multiFile).toBe(true);
    expect(found?.rows.map((row) => row.label)).toEqual([
      '1 May 2026 – 31 May 2026',
      '1 Jun 2026 – 1 Jul 2026',
      '2 Jul 2026 – 1 Aug 2026',
      '2 Aug 2026 – 21 Aug 2026',
    ]);
    expect(found?.rows.map((row) => rowShowsBusy(row))).toEqual([false, false, false, true]);
  });

  it('takes a bare list of download links as rows, labelled by the links\' own text', () => {
    const found = findUsageExport(load('export-links.html'));
    expect(found?.rows.map((row) => [row.label, row.trigger.tagName, row.row.tagName])).toEqual([
      ['May 1 – May 31, 2026', 'A', 'LI'],
      ['Jun 1 – Jul 1, 2026', 'A', 'LI'],
      ['Jul 2 – Aug 1, 2026', 'A', 'LI'],
    ]);
  });

  it('takes table rows with a download menu as rows, the header row not among them', () => {
    const found = findUsageExport(load('export-menu.html'));
    expect(found?.rows.map((row) => [row.label, row.row.tagName])).toEqual([
      ['2026-06-01 – 2026-07-01 ≈ 4 KB', 'TR'],
      ['2026-07-02 – 2026-08-01', 'TR'],
    ]);
    expect(found?.rows.map((row) => rowShowsFailure(row.row))).toEqual([false, true]);
  });

  it('still knows the Export dialog when its list cannot be recognized, and finds no rows there', () => {
    const found = findUsageExport(load('export-unrecognized.html'));
    expect(found?.dialog?.getAttribute('role')).toBe('dialog');
    expect(found).toMatchObject({ multiFile: false, offerButton: null, rows: [] });
  });

  it('ignores dialogs that are closing', () => {
    load('export-offer.html');
    document.querySelector('[role="dialog"]')?.setAttribute('data-state', 'closed');
    expect(findUsageExport(document)?.dialog).toBeNull();
  });
});

describe('startRowDownload', () => {
  it('clicks an ordinary row trigger once', async () => {
    const found = findUsageExport(load('export-list.html'));
    const row = found?.rows[0];
    let clicks = 0;
    row?.trigger.addEventListener('click', () => (clicks += 1));
    await startRowDownload(row!);
    expect(clicks).toBe(1);
  });

  it('opens a row\'s menu as a pointer does (Radix opens on pointerdown) and presses its CSV item', async () => {
    const found = findUsageExport(load('export-menu.html'));
    const row = found!.rows[0]!;
    const chosen: string[] = [];
    row.trigger.addEventListener('pointerdown', () => {
      // The menu mounts a moment later, in a portal outside the dialog.
      setTimeout(() => {
        const menu = document.createElement('div');
        menu.setAttribute('role', 'menu');
        for (const name of ['JSON', 'CSV']) {
          const item = document.createElement('div');
          item.setAttribute('role', 'menuitem');
          item.textContent = name;
          item.addEventListener('click', () => chosen.push(name));
          menu.append(item);
        }
        document.body.append(menu);
      }, 30);
    });
    await startRowDownload(row);
    expect(chosen).toEqual(['CSV']);
  });

  it('says why when the menu never opens', async () => {
    const found = findUsageExport(load('export-menu.html'));
    await expect(startRowDownload(found!.rows[0]!, { menuTimeoutMs: 100 })).rejects.toThrow('The row’s download menu did not open.');
  });
});
