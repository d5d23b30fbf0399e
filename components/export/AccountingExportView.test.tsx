import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AccountingExportView, type AccountingExportViewProps } from './AccountingExportView';

const props = (state: AccountingExportViewProps['state']): AccountingExportViewProps => ({
  request: { period: { kind: 'year', year: 2025 }, scope: 'proj_a', organizationName: null, organizationId: null },
  projectName: 'Production',
  state,
  onRetry: vi.fn(),
  onSaveIncomplete: vi.fn(),
  onOpenOptions: vi.fn(),
});

describe('AccountingExportView', () => {
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
});
