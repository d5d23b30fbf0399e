import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { YearlyExportView, type YearlyExportViewProps } from './YearlyExportView';

const props = (state: YearlyExportViewProps['state']): YearlyExportViewProps => ({
  request: { year: 2025, scope: 'proj_a', organizationName: null, organizationId: null },
  projectName: 'Production',
  state,
  onRetry: vi.fn(),
  onSaveIncomplete: vi.fn(),
  onOpenOptions: vi.fn(),
});

describe('YearlyExportView', () => {
  it('shows progress per dataset', () => {
    render(
      <YearlyExportView
        {...props({
          phase: 'fetching',
          retrying: false,
          progress: { projects: { done: 1, total: 1 }, costs: { done: 2, total: 3 }, completions_usage: { done: 7, total: 12 } },
        })}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Export 2025 as ZIP: project Production');
    expect(screen.getByText('Fetching costs: 2 of 3 requests…')).toBeTruthy();
    expect(screen.getByText('Fetching usage: 7 of 12 months…')).toBeTruthy();
  });

  it('lists the failures and offers retry or an incomplete ZIP', () => {
    const p = props({
      phase: 'incomplete',
      gathered: 11,
      total: 12,
      failures: [
        { dataset: 'costs', month: '2025-11', error: 'server: HTTP 500' },
        { dataset: 'projects', month: null, error: 'forbidden: HTTP 403' },
      ],
    });
    render(<YearlyExportView {...p} />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Costs, 2025-11: server: HTTP 500',
      'Project list: forbidden: HTTP 403',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Retry failed months' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save incomplete ZIP' }));
    expect(p.onRetry).toHaveBeenCalledOnce();
    expect(p.onSaveIncomplete).toHaveBeenCalledOnce();
  });

  it('offers to save the ZIP again', () => {
    render(<YearlyExportView {...props({ phase: 'saved', archiveName: 'a.zip', complete: true, files: 26, bytes: 2048, url: 'blob:x' })} />);
    const link = screen.getByRole('link', { name: 'Save again' });
    expect(link.getAttribute('href')).toBe('blob:x');
    expect(link.getAttribute('download')).toBe('a.zip');
  });
});
