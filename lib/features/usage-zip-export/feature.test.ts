import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { featurePage } from '../testing/feature-page';
import { usageZipExport } from './feature';
import { ZipRun } from './zip-run';

let page = featurePage();

function openDialog() {
  document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing/export-list.html'), 'utf8');
  const anchor = usageZipExport.detect(document);
  if (!anchor?.dialog) throw new Error('fixture not recognized');
  return anchor;
}

const zipButtons = () => [...document.querySelectorAll('button')].filter((button) => /as ZIP|^Cancel$/.test(button.textContent ?? ''));

beforeEach(() => {
  page = featurePage();
});
afterEach(() => page.close());

describe('usage ZIP export', () => {
  it('offers the ZIP in the dialog and keeps one run across the dialog’s re-renders', async () => {
    const subscribe = vi.spyOn(ZipRun.prototype, 'subscribe');
    const cancel = vi.spyOn(ZipRun.prototype, 'cancel');
    vi.spyOn(ZipRun.prototype, 'busy', 'get').mockReturnValue(true);
    const first = page.apply(usageZipExport, openDialog());
    expect(zipButtons().map((button) => button.textContent)).toEqual(['Cancel']);

    // The app re-renders the dialog: the old panel goes and a new one shows the same run.
    first.abort();
    page.apply(usageZipExport, openDialog());
    await Promise.resolve();
    expect(subscribe.mock.contexts).toHaveLength(2);
    expect(subscribe.mock.contexts[1]).toBe(subscribe.mock.contexts[0]);
    expect(cancel).not.toHaveBeenCalled();
    expect(zipButtons()).toHaveLength(1);
  });

  it('stops a run under way once no panel shows it, and the next dialog starts afresh', async () => {
    const subscribe = vi.spyOn(ZipRun.prototype, 'subscribe');
    const cancel = vi.spyOn(ZipRun.prototype, 'cancel');
    vi.spyOn(ZipRun.prototype, 'busy', 'get').mockReturnValue(true);
    const dialog = openDialog();
    const first = page.apply(usageZipExport, dialog);
    // The dialog closes: the feature is applied to a page without one.
    first.abort();
    page.apply(usageZipExport, { ...dialog, dialog: null, offerButton: null, rows: [] });
    await Promise.resolve();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(zipButtons()).toHaveLength(0);

    page.apply(usageZipExport, openDialog());
    expect(subscribe.mock.contexts[1]).not.toBe(subscribe.mock.contexts[0]);
  });

  it('shows no panel in a one-file dialog, but keeps reporting a run whose list turned out unrecognizable', () => {
    document.body.innerHTML = readFileSync(path.resolve('lib/platform/testing/export-unrecognized.html'), 'utf8');
    const unrecognized = usageZipExport.detect(document);
    if (!unrecognized?.dialog) throw new Error('fixture not recognized');
    const idle = page.apply(usageZipExport, unrecognized);
    expect(document.querySelector('[data-rop-owned="zip-export"]')).toBeNull();
    idle.abort();

    const failed = { phase: 'error', message: 'not recognized' } as const;
    vi.spyOn(ZipRun.prototype, 'current', 'get').mockReturnValue(failed);
    vi.spyOn(ZipRun.prototype, 'subscribe').mockImplementation((listener) => {
      listener(failed);
      return () => undefined;
    });
    page.apply(usageZipExport, unrecognized);
    const panel = document.querySelector('[data-rop-owned="zip-export"]');
    expect(panel?.previousElementSibling?.tagName).toBe('H2');
    expect(panel?.textContent).toContain('Could not make the ZIP: not recognized');
  });
});
