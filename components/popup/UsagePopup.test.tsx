import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminApiError } from '../../lib/admin-api/errors';
import { bucketPage, costResult } from '../../lib/admin-api/testing/fixtures';
import { parseBucketPage, parseCostResult } from '../../lib/admin-api/responses';
import { buildUsageCache, INITIAL_STATUS, projectNames, splitUsageCache, type UsageStatus } from '../../lib/usage/cache';
import { UsagePopup, type UsagePopupProps } from './UsagePopup';

afterEach(cleanup);

const NOW = Date.parse('2025-03-15T10:00:00Z');
const DAY = 86_400;
const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;
const costs = parseBucketPage(
  bucketPage([
    { start_time: TODAY - DAY, results: [costResult(2, 'proj_a', 'gpt-4o, input')] },
    { start_time: TODAY, results: [costResult(1.25, 'proj_a', 'gpt-4o, input'), costResult(0.5, 'proj_b', 'embeddings')] },
  ]),
  parseCostResult,
).buckets;
const SNAPSHOT = {
  fetchedAt: NOW - 5 * 60_000,
  costs,
  usage: [],
  projects: [{ id: 'proj_a', name: 'Alpha', createdAt: 0, archivedAt: null, status: 'active' }],
};
const CACHE = buildUsageCache(SNAPSHOT);
const NAMES = projectNames(SNAPSHOT);

function setup(overrides: Partial<UsagePopupProps> = {}) {
  const props: UsagePopupProps = {
    cache: CACHE,
    names: NAMES,
    status: INITIAL_STATUS,
    scope: 'organization',
    refreshing: false,
    now: NOW,
    refreshMinutes: 15,
    onScopeChange: vi.fn(),
    onRefresh: vi.fn(),
    onOpenOptions: vi.fn(),
    ...overrides,
  };
  render(<UsagePopup {...props} />);
  return props;
}

describe('UsagePopup', () => {
  it('shows the scope\'s figures, a 30-day chart and the age of the cache', () => {
    setup();
    expect(screen.getByTestId('cost-today').textContent).toBe('$1.75');
    expect(screen.getByTestId('cost-yesterday').textContent).toBe('$2.00');
    expect(screen.getByTestId('cost-projected').textContent).toBe('$4.43');
    expect(document.querySelectorAll('svg rect.chart-bar')).toHaveLength(30);
    expect(document.querySelector('rect.chart-today title')?.textContent).toBe('2025-03-15: $1.75');
    expect(screen.getByTestId('updated').textContent).toBe('updated 5 minutes ago');
    expect(screen.getByText('Buckets are UTC days')).toBeTruthy();
    expect(screen.queryByTestId('stale')).toBeNull();
  });

  it('narrows to a project, and offers the projects seen', () => {
    const { onScopeChange } = setup({ scope: 'proj_b' });
    expect(screen.getByTestId('cost-today').textContent).toBe('$0.50');
    const options = [...document.querySelectorAll('option')].map((option) => option.textContent);
    expect(options).toEqual(['Whole organization', 'Alpha', 'proj_b']);
    fireEvent.change(screen.getByLabelText('Scope'), { target: { value: 'proj_a' } });
    expect(onScopeChange).toHaveBeenCalledWith('proj_a');
  });

  it('reads a project\'s figures from the stored project summaries, and says when they are not at hand', () => {
    const { cache, projects } = splitUsageCache(CACHE, []);
    setup({ cache, projectSummaries: projects, scope: 'proj_b' });
    expect(screen.getByTestId('cost-today').textContent).toBe('$0.50');
    cleanup();
    setup({ cache, projectSummaries: undefined, scope: 'proj_b' });
    expect(screen.getByTestId('scope-pending').textContent).toBe('Loading this project’s figures…');
    cleanup();
    // After a browser restart storage.session is empty until the next refresh.
    setup({ cache, projectSummaries: null, scope: 'proj_b', refreshing: true });
    expect(screen.getByTestId('scope-pending').textContent).toBe('This project’s figures arrive with the next refresh, under way now.');
    expect(screen.queryByTestId('cost-today')).toBeNull();
    // The organization's are always in the cache.
    cleanup();
    setup({ cache, projectSummaries: null });
    expect(screen.getByTestId('cost-today').textContent).toBe('$1.75');
  });

  it('explains how to get a key when there is none', () => {
    const { onOpenOptions } = setup({ cache: null, status: { ...INITIAL_STATUS, problem: { kind: 'no-key' } } });
    expect(screen.getByRole('link', { name: /Admin keys/ }).getAttribute('href')).toBe(
      'https://platform.openai.com/settings/organization/admin-keys',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open options' }));
    expect(onOpenOptions).toHaveBeenCalled();
    expect(screen.queryByTestId('cost-today')).toBeNull();
  });

  it.each(['invalid-key', 'forbidden', 'rate-limited', 'server', 'offline', 'timeout', 'malformed', 'http'] as const)(
    'keeps the cached figures under a %s error with its advice',
    (kind) => {
      const failure = new AdminApiError(kind).toFailure();
      const status: UsageStatus = { lastAttemptAt: NOW, problem: failure, retryAt: null };
      setup({ status });
      const banner = screen.getByTestId('problem');
      expect(banner.textContent).toContain(failure.userMessage);
      expect(banner.textContent).toContain('from the last successful refresh');
      expect(screen.getByTestId('cost-today').textContent).toBe('$1.75');
      expect(screen.queryByRole('button', { name: 'Open options' }) !== null).toBe(kind === 'invalid-key' || kind === 'forbidden');
    },
  );

  it('says when rate limiting ends', () => {
    const failure = new AdminApiError('rate-limited', { retryAfterSeconds: 600 }).toFailure();
    setup({ status: { lastAttemptAt: NOW, problem: failure, retryAt: NOW + 600_000 } });
    expect(screen.getByTestId('problem').textContent).toContain('Next try in 10 minutes.');
  });

  it('says how complete costs and usage are, and marks figures that are not final', () => {
    setup();
    // Today's costs are in, so yesterday (14 March) is complete; usage was read at the refresh.
    expect(screen.getByTestId('freshness').textContent).toContain('costs through Mar 14, usage through 09:55 UTC');
    expect(screen.getByTestId('note-today').textContent).toContain('so far');
    expect(screen.queryByTestId('note-yesterday')).toBeNull();
    expect(document.querySelectorAll('rect.chart-pending')).toHaveLength(1);
    expect(document.querySelector('rect.chart-today')?.classList.contains('chart-pending')).toBe(true);
  });

  it('never shows a day whose costs have not arrived as final', () => {
    // Costs reported up to the 13th only: the 14th and today are still arriving.
    const late = buildUsageCache({
      fetchedAt: NOW,
      costs: parseBucketPage(bucketPage([{ start_time: TODAY - 2 * DAY, results: [costResult(2, 'proj_a')] }]), parseCostResult).buckets,
      usage: [],
      projects: null,
      serverNow: NOW + 4 * 3_600_000,
    });
    setup({ cache: late });
    expect(screen.getByTestId('freshness').textContent).toContain('costs through Mar 13, usage through 14:00 UTC');
    expect(screen.getByTestId('cost-yesterday').textContent).toBe('$0.00');
    expect(screen.getByTestId('note-yesterday').textContent).toContain('incomplete');
    expect(document.querySelectorAll('rect.chart-pending')).toHaveLength(2);
    expect(screen.getByTestId('chart-pending').textContent).toContain('last 2 days, costs still arriving');
  });

  it('says when the next try is even without a Retry-After, and never more than an hour after the failure', () => {
    const noHeader = new AdminApiError('rate-limited').toFailure();
    setup({ status: { lastAttemptAt: NOW, problem: noHeader, retryAt: null } });
    expect(screen.getByTestId('problem').textContent).toContain('Next try with the next scheduled refresh');
    cleanup();
    // A status stored by an older version, asking for a year.
    const yearLong = new AdminApiError('rate-limited', { retryAfterSeconds: 3600 }).toFailure();
    setup({ status: { lastAttemptAt: NOW, problem: yearLong, retryAt: NOW + 365 * DAY * 1000 } });
    expect(screen.getByTestId('problem').textContent).toContain('Next try in 1 hour.');
    expect(screen.getByTestId('problem').textContent).toContain('Until 11:00 UTC even Refresh waits');
  });

  it('flags figures older than two refresh periods or from an earlier UTC day as stale', () => {
    setup({ now: CACHE.fetchedAt + 31 * 60_000 });
    expect(screen.getByTestId('stale').textContent).toContain('2025-03-15 09:55 UTC');
    cleanup();
    setup({ now: Date.parse('2025-03-16T00:01:00Z') });
    expect(screen.getByTestId('stale')).toBeTruthy();
  });
});
