import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUsageExport, rowShowsFailure } from './export-modal';

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
    expect(findUsageExport(load('export-single.html'))).toMatchObject({ dialog: null, rows: [] });
  });

  it('ignores dialogs that are closing', () => {
    load('export-offer.html');
    document.querySelector('[role="dialog"]')?.setAttribute('data-state', 'closed');
    expect(findUsageExport(document)?.dialog).toBeNull();
  });
});
