import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrganizationFigures } from '../../lib/usage/organizations';
import type { UsageStatus } from '../../lib/usage/cache';
import type { UsageSummary } from '../../lib/usage/summarize-usage';
import { AllOrganizations } from './AllOrganizations';

afterEach(cleanup);

const NOW = Date.parse('2025-03-15T10:00:00Z');
const OK: UsageStatus = { lastAttemptAt: NOW, problem: null, retryAt: null };

function figures(id: string, name: string, today: number, month: number, projected: number | null, status = OK): OrganizationFigures {
  const summary = { currency: 'USD', today: { costMicros: today * 1e6 }, monthToDate: { costMicros: month * 1e6 }, projectedMonthEndMicros: projected === null ? null : projected * 1e6 } as UsageSummary;
  return { organizationId: id, name, summary, fetchedAt: NOW, status };
}

const THREE = {
  'org-acme': figures('org-acme', 'Acme', 3, 40, 80),
  'org-globex': figures('org-globex', 'Globex', 10, 120, 240, {
    lastAttemptAt: NOW,
    problem: { kind: 'invalid-key', status: 401, apiMessage: null, userMessage: 'OpenAI rejected the admin key (401).' },
    retryAt: null,
  }),
  'local-1': figures('local-1', 'Initech', 1, 5, null),
};

describe('AllOrganizations', () => {
  it('shows the totals and one line per organization ranked by spend, and names the one that failed', () => {
    render(<AllOrganizations figures={THREE} now={NOW} tabOrganizationId={null} />);
    expect(screen.getByTestId('organizations-total').textContent).toBe('All 3 organizations: today $14.00, month to date $165.00, projected not yet');
    const rows = within(screen.getByTestId('organization-lines')).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['Globex', '$10.00', '$120.00', '$240.00'],
      ['Acme', '$3.00', '$40.00', '$80.00'],
      ['Initech', '$1.00', '$5.00', 'not yet'],
    ]);
    expect(screen.getByTestId('organization-failures').textContent).toBe('Globex: not refreshed. OpenAI rejected the admin key (401). Its last figures are shown.');
  });

  it("opens on the active tab's organization, and the user's pick wins", () => {
    render(<AllOrganizations figures={THREE} now={NOW} tabOrganizationId="org-acme" />);
    expect((screen.getByLabelText('Organization view') as HTMLSelectElement).value).toBe('org-acme');
    expect(within(screen.getByTestId('organization-lines')).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Organization view'), { target: { value: 'all' } });
    expect(within(screen.getByTestId('organization-lines')).getAllByRole('row')).toHaveLength(4);
  });

  it('leaves figures from an earlier UTC day out of the totals, shows their date and says so', () => {
    const yesterday = { ...THREE['local-1'], fetchedAt: NOW - 24 * 3600_000 };
    render(<AllOrganizations figures={{ ...THREE, 'local-1': yesterday }} now={NOW} tabOrganizationId={null} />);
    expect(screen.getByTestId('organizations-total').textContent).toBe('All 3 organizations: today $13.00, month to date $160.00, projected $320.00');
    expect(screen.getByTestId('organizations-not-counted').textContent).toBe('Not in the totals, their figures are from an earlier day: Initech.');
    const initech = within(screen.getByTestId('organization-lines')).getAllByRole('row')[3]!;
    expect(initech.querySelector('th')?.textContent).toMatch(/^Initech \(as of .+\)$/);
  });

  it('is not shown for a single organization', () => {
    render(<AllOrganizations figures={{ 'org-acme': THREE['org-acme'] }} now={NOW} tabOrganizationId={null} />);
    expect(screen.queryByTestId('all-organizations')).toBeNull();
  });
});
