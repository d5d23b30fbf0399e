import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { formatCount, formatMoney } from '../../lib/core/format';
import { AccountingExportView, type AccountingExportViewProps } from './AccountingExportView';

const props = (state: AccountingExportViewProps['state']): AccountingExportViewProps => ({
  request: { period: { kind: 'year', year: 2025 }, scope: 'proj_a', organizationName: null, organizationId: null },
  cutAt: null,
  projectName: 'Production',
  state,
  checks: null,
  onRetry: vi.fn(),
  onSaveIncomplete: vi.fn(),
  onOpenOptions: vi.fn(),
});

describe('AccountingExportView', () => {
  it('says a period under way is exported only to today, and a past one is not', () => {
    render(<AccountingExportView {...props({ phase: 'building', files: 1 })} cutAt="2025-12-08" />);
    expect(screen.getByRole('heading').textContent).toBe('Export 2025 so far (to 2025-12-08) as ZIP: project Production');
    expect(screen.getByTestId('export-cut').textContent).toContain('2025 is still under way: the export covers it only to today, 2025-12-08 (UTC).');
    cleanup();
    render(<AccountingExportView {...props({ phase: 'building', files: 1 })} />);
    expect(screen.getByRole('heading').textContent).toBe('Export 2025 as ZIP: project Production');
    expect(screen.queryByTestId('export-cut')).toBeNull();
    cleanup();
  });

  it('without a key says so, naming the organization the export was asked for', () => {
    render(<AccountingExportView {...props({ phase: 'no-key' })} />);
    expect(screen.getByTestId('export-no-key').textContent).toContain('No admin key is saved, so there is nothing to export from.');
    cleanup();
    const forGlobex = props({ phase: 'no-key' });
    render(<AccountingExportView {...forGlobex} request={{ ...forGlobex.request, organizationId: 'org-globex', organizationName: 'Globex' }} />);
    expect(screen.getByTestId('export-no-key').textContent).toContain(
      "No admin key is saved for Globex: another organization's key would export its costs under this name.",
    );
    cleanup();
  });

  it('shows progress per dataset', () => {
    render(
      <AccountingExportView
        {...props({
          phase: 'fetching',
          retrying: false,
          progress: {
            counts: {
              projects: { done: 1, total: 1 },
              costs: { done: 2, total: 3 },
              completions_usage: { done: 7, total: 12 },
              web_search_calls_usage: { done: 0, total: 12 },
            },
            active: [{ dataset: 'images_usage', window: '2025-03-01 to 2025-03-31' }],
          },
        })}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Export 2025 as ZIP: project Production');
    expect(screen.getByText('Fetching costs: 2 of 3 requests…')).toBeTruthy();
    expect(screen.getByText('Fetching completions usage: 7 of 12 months…')).toBeTruthy();
    expect(screen.getByText('Fetching web search calls usage: 0 of 12 months…')).toBeTruthy();
    expect(screen.getByTestId('export-progress-now').textContent).toBe('Now: Images usage, 2025-03-01 to 2025-03-31');
  });

  it('lists the failures and offers retry or an incomplete ZIP', () => {
    const p = props({
      phase: 'incomplete',
      gathered: 11,
      total: 12,
      failures: [
        { dataset: 'costs', month: '2025-11', error: 'server: HTTP 500' },
        { dataset: 'audio_transcriptions_usage', month: '2025-12', error: 'offline' },
        { dataset: 'projects', month: null, error: 'forbidden: HTTP 403' },
      ],
    });
    render(<AccountingExportView {...p} />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Costs, 2025-11: server: HTTP 500',
      'Audio transcriptions usage, 2025-12: offline',
      'Project list: forbidden: HTTP 403',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Retry failed months' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save incomplete ZIP' }));
    expect(p.onRetry).toHaveBeenCalledOnce();
    expect(p.onSaveIncomplete).toHaveBeenCalledOnce();
  });

  it('names any period in the heading', () => {
    cleanup();
    render(<AccountingExportView {...props({ phase: 'idle' })} request={{ period: { kind: 'fiscal-year', start: '2025-04' }, scope: 'organization', organizationName: 'Acme', organizationId: null }} />);
    expect(screen.getByRole('heading').textContent).toBe('Export fiscal year 2025-04 to 2026-03 as ZIP: Acme');
  });

  it('offers to save the ZIP again', () => {
    render(<AccountingExportView {...props({ phase: 'saved', archiveName: 'a.zip', complete: true, files: 26, bytes: 2048, url: 'blob:x' })} />);
    const link = screen.getByRole('link', { name: 'Save again' });
    expect(link.getAttribute('href')).toBe('blob:x');
    expect(link.getAttribute('download')).toBe('a.zip');
  });

  const saved = { phase: 'saved', archiveName: 'a.zip', complete: true, files: 26, bytes: 2048, url: 'blob:x' } as const;
  const forbidden = (capability: 'audio_transcriptions' | 'images') => ({ capability, status: 403, message: 'Missing scopes: api.usage.read' });

  it('names each capability the key may not read, what to do, and that the rest is complete', () => {
    cleanup();
    const checks = {
      unreadable: [forbidden('audio_transcriptions'), forbidden('images')],
      focus: { fileName: 'focus_1.2_costs.csv', version: '1.2', valid: true, problems: 0 },
      reconciliation: { matches: true, totals: [{ currency: 'usd', summary: 1_234_560_000, costFiles: 1_234_560_000, focus: 1_234_560_000, summaryTotalRow: 1_234_560_000 }] },
    };
    render(<AccountingExportView {...props(saved)} checks={checks} />);
    const unreadable = screen.getByTestId('export-unreadable');
    expect(unreadable.getAttribute('role')).toBe('status');
    expect(unreadable.textContent).toContain('The key may not read audio transcriptions usage and images usage (HTTP 403): they have no files in the ZIP.');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Audio transcriptions usage: HTTP 403', 'Images usage: HTTP 403']);
    // The API's words once, though both capabilities said them.
    expect(unreadable.textContent).toContain('The Admin API said: Missing scopes: api.usage.read');
    expect(unreadable.textContent).toContain('export again with an admin key that may read usage (with the read scope for those endpoints). Apart from that, the archive is complete.');
    expect(screen.getByTestId('export-focus').textContent).toBe('The FOCUS 1.2 file (focus_1.2_costs.csv) validates against the column rules.');
    expect(screen.getByTestId('export-reconciliation').textContent).toBe(
      `Totals reconcile to the micro-unit across summary.csv, the cost files and the FOCUS file: ${formatMoney(1_234_560_000, 'usd')}.`,
    );
  });

  it('says when the FOCUS file does not validate or the totals do not reconcile, and never calls an incomplete archive complete', () => {
    cleanup();
    const checks = {
      unreadable: [{ capability: 'images' as const, status: 403, message: null }],
      focus: { fileName: 'focus.csv', version: '1.2', valid: false, problems: 2 },
      reconciliation: { matches: false, totals: [{ currency: 'usd', summary: 3_000_000, costFiles: 3_000_001, focus: 3_000_000, summaryTotalRow: 3_000_000 }] },
    };
    render(<AccountingExportView {...props({ ...saved, complete: false })} checks={checks} />);
    const unreadable = screen.getByTestId('export-unreadable').textContent ?? '';
    expect(unreadable).toContain('The key may not read images usage (HTTP 403): it has no files in the ZIP.');
    expect(unreadable).toContain('(with the read scope for that endpoint).');
    expect(unreadable).not.toContain('The Admin API said');
    expect(unreadable).not.toContain('complete');
    expect(screen.getByTestId('export-focus').textContent).toBe(`The FOCUS 1.2 file (focus.csv) does NOT validate: ${formatCount(2)} problems, listed in manifest.json.`);
    expect(screen.getByTestId('export-reconciliation').textContent).toBe(
      `Totals do NOT reconcile: summary.csv ${formatMoney(3_000_000, 'usd')}, cost files ${formatMoney(3_000_001, 'usd')}, FOCUS file ${formatMoney(3_000_000, 'usd')}; manifest.json's reconciliation shows each month and project.`,
    );
  });

  it('names unreadable capabilities beside the failures, before the archive is built', () => {
    cleanup();
    render(
      <AccountingExportView
        {...props({ phase: 'incomplete', gathered: 11, total: 12, failures: [{ dataset: 'costs', month: '2025-11', error: 'offline' }] })}
        checks={{ unreadable: [forbidden('images')], focus: null, reconciliation: null }}
      />,
    );
    expect(screen.getByTestId('export-unreadable').textContent).toContain('The key may not read images usage (HTTP 403)');
    expect(screen.queryByTestId('export-focus')).toBeNull();
    expect(screen.queryByTestId('export-reconciliation')).toBeNull();
  });

  it('says nothing of checks while fetching or when every capability was readable', () => {
    cleanup();
    const checks = { unreadable: [forbidden('images')], focus: null, reconciliation: null };
    const { rerender } = render(<AccountingExportView {...props({ phase: 'fetching', retrying: false, progress: null })} checks={checks} />);
    expect(screen.queryByTestId('export-checks')).toBeNull();
    rerender(<AccountingExportView {...props(saved)} checks={{ ...checks, unreadable: [] }} />);
    expect(screen.getByTestId('export-checks')).toBeTruthy();
    expect(screen.queryByTestId('export-unreadable')).toBeNull();
  });

  it('renders what the API said as text, never as markup', () => {
    cleanup();
    render(<AccountingExportView {...props(saved)} checks={{ unreadable: [{ capability: 'images', status: 403, message: '<img src=x onerror=alert(1)>' }], focus: null, reconciliation: null }} />);
    expect(screen.getByTestId('export-unreadable').textContent).toContain('The Admin API said: <img src=x onerror=alert(1)>');
    expect(screen.getByTestId('export-unreadable').querySelector('img')).toBeNull();
  });
});
