import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SpendLimitResult } from '../../lib/admin-api/spend-limits';
import type { CompletionsUsageBucket, CostBucket } from '../../lib/admin-api/responses';
import { attributeKeys, KEY_COST_ESTIMATE_NOTE, type AttributionKey } from '../../lib/usage/key-attribution';
import { spikeAlertSettings } from '../../lib/storage/settings';
import { buildUsageCache, projectNames, splitUsageCache } from '../../lib/usage/cache';
import { ProjectKeys, ProjectRankingList, SpendLimits } from './Glance';
import type { GlanceDetails } from '../../lib/glance/details';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const DAY = 86_400;
/** 2025-03-15T10:00Z: fourteen complete days in the month, today the fifteenth. */
const NOW = Date.parse('2025-03-15T10:00:00Z');
const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;
const MONTH_START = Date.parse('2025-03-01T00:00:00Z') / 1000;

/** Dollars every day: Production $10, the Default project $2, Sandbox $1 (month to date $150, $30, $15). */
const DAILY: Record<string, number> = { proj_prod: 10, proj_def: 2, proj_sand: 1 };
const costs: CostBucket[] = [];
for (let start = TODAY - 29 * DAY; start <= TODAY; start += DAY) {
  costs.push({
    startTime: start,
    endTime: start + DAY,
    results: Object.entries(DAILY).map(([projectId, dollars]) => ({ amountValue: dollars, currency: 'usd', lineItem: null, projectId })),
  });
}
const SNAPSHOT = {
  fetchedAt: NOW,
  costs,
  usage: [],
  projects: [
    { id: 'proj_prod', name: 'Production', createdAt: 0, archivedAt: null, status: 'active' },
    { id: 'proj_def', name: 'Default project', createdAt: 0, archivedAt: null, status: 'active' },
    { id: 'proj_sand', name: 'Sandbox', createdAt: 0, archivedAt: null, status: 'active' },
  ],
};
const { cache: CACHE, projects: PROJECTS } = splitUsageCache(buildUsageCache(SNAPSHOT), []);
const NAMES = projectNames(SNAPSHOT);

const limit = (dollars: number): SpendLimitResult => ({
  state: 'limit',
  limit: { thresholdMicros: dollars * 1_000_000, currency: 'USD', interval: 'month', enforcing: true, enforcementStatus: 'enforcing' },
});

const KEYS: AttributionKey[] = [
  { id: 'key_ci', name: 'ci-deploy', createdAt: 0, lastUsedAt: NOW / 1000 - 120, owner: { type: 'service_account', name: 'Deploy bot', email: null } },
  { id: 'key_web', name: 'web', createdAt: 0, lastUsedAt: null, owner: { type: 'user', name: 'Ada', email: 'ada@example.com' } },
];
const USAGE: CompletionsUsageBucket[] = [
  {
    startTime: TODAY - DAY,
    endTime: TODAY,
    results: [
      { projectId: 'proj_prod', apiKeyId: 'key_ci', model: 'gpt-4.1', requests: 30, inputTokens: 60_000, outputTokens: 15_000 },
      { projectId: 'proj_prod', apiKeyId: 'key_web', model: 'gpt-4o-mini', requests: 10, inputTokens: 20_000, outputTokens: 5_000 },
    ],
  },
];

function details(overrides: Partial<GlanceDetails> = {}): GlanceDetails {
  return {
    fetchedAt: NOW,
    keys: {
      proj_prod: attributeKeys({ projectId: 'proj_prod', usage: USAGE, from: MONTH_START, to: TODAY + DAY, costMicros: 150_000_000, keys: KEYS }),
    },
    limits: { organization: limit(1000), proj_prod: limit(200), proj_sand: { state: 'no-limit' } },
    keyLists: { proj_prod: KEYS },
    log: {},
    ...overrides,
  };
}

describe('ProjectRankingList', () => {
  it('ranks projects by month to date, exact to the cent, and opens the one clicked', () => {
    const onOpen = vi.fn();
    render(<ProjectRankingList cache={CACHE} projects={PROJECTS} names={NAMES} onOpen={onOpen} />);
    const rows = screen.getByTestId('ranking').querySelectorAll('li');
    expect([...rows].map((row) => row.querySelector('.rank-name')?.textContent)).toEqual(['Production', 'Default project', 'Sandbox']);
    expect(screen.getAllByTestId('rank-month').map((cell) => cell.textContent)).toEqual(['$150.00', '$30.00', '$15.00']);
    expect(rows[0]!.textContent).toContain('today $10.00 · 7 days $70.00');
    fireEvent.click(rows[2]!.querySelector('button')!);
    expect(onOpen).toHaveBeenCalledWith('proj_sand');
  });
});

describe('SpendLimits', () => {
  const renderLimits = (scope: string, glance = details()) =>
    render(<SpendLimits cache={CACHE} projects={PROJECTS} details={glance} scope={scope} names={NAMES} now={NOW} />);

  it('shows a burn-down line for the organization and each project with a limit, projections labelled estimates', () => {
    renderLimits('organization');
    expect(screen.getByTestId('burn-down-organization').textContent).toBe(
      'Organization: $195.00 of $1,000.00; at this pace about $403.00 by month end (projection, an estimate)',
    );
    expect(screen.getByTestId('burn-down-proj_prod').textContent).toBe(
      'Production: $150.00 of $200.00; at this pace reached around Mar 20, then requests fail with 429 (projection, an estimate)',
    );
    expect(screen.getByRole('meter', { name: 'Production: share of the limit used' }).getAttribute('aria-valuenow')).toBe('75');
  });

  it('says quietly, not as an error, when the key may not read limits (403) or none is set', () => {
    renderLimits('organization', details({ limits: { organization: { state: 'not-allowed' } } }));
    expect(screen.getByTestId('limit-not-allowed').textContent).toContain('may not read spend limits (403)');
    expect(screen.getByTestId('limit-not-allowed').className).toBe('quiet');
    expect(screen.queryByTestId('burn-down-organization')).toBeNull();
    cleanup();
    renderLimits('proj_sand');
    expect(screen.getByTestId('limit-none').textContent).toBe('No monthly spend limit is set for this project.');
    expect(document.querySelector('.banner-error')).toBeNull();
  });

  it('flags spend without a limit and in the Default project, quietly and biggest first', async () => {
    renderLimits('organization');
    const flags = await screen.findByTestId('limit-flags');
    expect([...flags.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'Default project: $30.00 this month. The Default project cannot be given a spend limit; work moved to a project of its own can be.',
      'Sandbox: $15.00 this month and no spend limit set.',
    ]);
    expect(screen.queryByTestId('limit-flag-proj_prod')).toBeNull();
  });

  it('gives the Default project’s own view its reason instead of "no limit is set"', async () => {
    renderLimits('proj_def', details({ limits: { ...details().limits, proj_def: { state: 'no-limit' } } }));
    expect((await screen.findByTestId('limit-flag-proj_def')).textContent).toContain('cannot be given a spend limit');
    expect(screen.queryByTestId('limit-none')).toBeNull();
  });

  it('shows no flags when options turned them off', async () => {
    await spikeAlertSettings.setValue({ ...(await spikeAlertSettings.getValue()), flagUnlimitedSpend: false });
    renderLimits('organization');
    await waitFor(() => expect(screen.getByTestId('burn-down-proj_prod')).toBeTruthy());
    // The setting is read before anything would be flagged: give it the same chance as when on.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('limit-flags')).toBeNull();
  });
});

describe('ProjectKeys', () => {
  it('lists the keys that carried the month by name, with owner and last use, dollars labelled an estimate in the cell and its tooltip', () => {
    render(<ProjectKeys details={details()} projectId="proj_prod" currency="USD" now={NOW} />);
    const rows = screen.getByTestId('keys').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('.key-name')?.textContent).toBe('ci-deploy');
    expect(rows[0]!.querySelector('.meta')?.textContent).toContain('owner service account “Deploy bot”');
    expect(rows[1]!.querySelector('.meta')?.textContent).toContain('owner ada@example.com');
    expect(rows[0]!.querySelector('.meta')?.textContent).toContain('last used');
    expect(rows[0]!.querySelector('.meta')?.textContent).toContain('gpt-4.1');
    const cost = rows[0]!.querySelectorAll('td')[1]!;
    // 75,000 of 100,000 tokens: three quarters of the project's $150.00.
    expect(cost.textContent).toBe('≈ $112.50 estimate');
    expect(cost.getAttribute('title')).toBe(KEY_COST_ESTIMATE_NOTE);
    expect(screen.getByRole('columnheader', { name: 'Cost (estimate)' })).toBeTruthy();
    expect(screen.queryByTestId('keys-not-allowed')).toBeNull();
  });

  it('shows keys by id, quietly, when the key list may not be read (403)', () => {
    const glance = details({
      keyLists: { proj_prod: null },
      keys: { proj_prod: attributeKeys({ projectId: 'proj_prod', usage: USAGE, from: MONTH_START, to: TODAY + DAY, costMicros: 150_000_000, keys: null }) },
    });
    render(<ProjectKeys details={glance} projectId="proj_prod" currency="USD" now={NOW} />);
    expect(screen.getByTestId('keys-not-allowed').textContent).toContain('may not list the project’s API keys (403)');
    expect([...screen.getByTestId('keys').querySelectorAll('.key-name')].map((name) => name.textContent)).toEqual(['key_ci', 'key_web']);
  });

  it('says a project’s keys were not kept (a very large organization), not that no key carried traffic', () => {
    render(<ProjectKeys details={details({ keys: {}, omitted: 4_000 })} projectId="proj_prod" currency="USD" now={NOW} />);
    expect(screen.getByTestId('keys-not-kept').textContent).toContain('Keys are kept for the 1,000 biggest spenders of this organization only');
    expect(screen.queryByText('No key carried traffic in this project this month.')).toBeNull();
  });

  it('says no key carried traffic when the project had none', () => {
    render(<ProjectKeys details={details({ keys: {}, omitted: 0 })} projectId="proj_prod" currency="USD" now={NOW} />);
    expect(screen.getByText('No key carried traffic in this project this month.')).toBeTruthy();
    expect(screen.queryByTestId('keys-not-kept')).toBeNull();
  });
});
