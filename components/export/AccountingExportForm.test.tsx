import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountingExportForm } from './AccountingExportForm';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-15T12:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const renderForm = () => {
  const onExport = vi.fn();
  render(<AccountingExportForm years={[2026, 2025, 2024]} defaultYear={2025} projects={[]} defaultScope="organization" onExport={onExport} />);
  return onExport;
};
const choose = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('AccountingExportForm', () => {
  it('exports last year by default', () => {
    const onExport = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Export 2025 as ZIP' }));
    expect(onExport).toHaveBeenCalledWith({ kind: 'year', year: 2025 }, 'organization');
  });

  it('exports a fiscal year from any month, and a quarter', () => {
    const onExport = renderForm();
    choose('Period to export', 'fiscal-year');
    choose('First month of the fiscal year', '7');
    choose('Year the fiscal year starts', '2024');
    fireEvent.click(screen.getByRole('button', { name: 'Export fiscal year 2024-07 to 2025-06 as ZIP' }));
    expect(onExport).toHaveBeenLastCalledWith({ kind: 'fiscal-year', start: '2024-07' }, 'organization');
    choose('Period to export', 'quarter');
    choose('Quarter to export', '3');
    fireEvent.click(screen.getByRole('button', { name: 'Export 2024-Q3 as ZIP' }));
    expect(onExport).toHaveBeenLastCalledWith({ kind: 'quarter', year: 2024, quarter: 3 }, 'organization');
  });

  it('exports a custom range, and says what is wrong with one that cannot be', () => {
    const onExport = renderForm();
    choose('Period to export', 'range');
    fireEvent.input(screen.getByLabelText('First day (UTC)'), { target: { value: '2025-02-10' } });
    fireEvent.input(screen.getByLabelText('Last day (UTC)'), { target: { value: '2025-02-01' } });
    expect(screen.getByTestId('export-period-problem').textContent).toMatch(/starts after it ends/);
    expect((screen.getByRole('button', { name: 'Export as ZIP' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('Last day (UTC)'), { target: { value: '2025-03-09' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export 2025-02-10 to 2025-03-09 as ZIP' }));
    expect(onExport).toHaveBeenCalledWith({ kind: 'range', start: '2025-02-10', endInclusive: '2025-03-09' }, 'organization');
  });

  it('refuses a month not yet begun', () => {
    renderForm();
    choose('Period to export', 'month');
    fireEvent.input(screen.getByLabelText('Month to export'), { target: { value: '2026-04' } });
    expect(screen.getByTestId('export-period-problem').textContent).toMatch(/not started/);
  });
});
