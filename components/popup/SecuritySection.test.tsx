import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProjectApiKeyEntry } from '../../lib/admin-api/project-api-keys';
import { DEFAULT_SECURITY_SETTINGS } from '../../lib/security-watch/settings';
import { auditEvent } from '../../lib/security-watch/testing/audit-fixtures';
import { EMPTY_WATCH_STATE, type SecurityWatchState } from '../../lib/security-watch/watch-state';
import type { ProjectNames, UsageCache } from '../../lib/usage/cache';
import { SecuritySection, type SecuritySectionProps } from './SecuritySection';

afterEach(cleanup);

const NOW = Date.parse('2025-03-14T12:00:00Z') / 1000;
const DAY = 86_400;
const CACHE = {
  fetchedAt: NOW * 1000,
  projects: [
    { id: 'proj_a', name: 'Alpha', archived: false },
    { id: 'proj_b', name: 'Beta', archived: false },
  ],
  projectsListed: true,
  summaries: {},
} as unknown as UsageCache;

const ADA: ProjectApiKeyEntry['owner'] = { type: 'user', id: 'u', name: 'Ada', email: 'ada@example.com' };
const CI_BOT: ProjectApiKeyEntry['owner'] = { type: 'service_account', id: 'svc', name: 'CI bot', email: null };

const key = (
  id: string,
  lastUsedDaysAgo: number | null,
  access: 'active' | 'inactive' = 'active',
  owner: ProjectApiKeyEntry['owner'] = ADA,
): ProjectApiKeyEntry => ({
  id,
  name: `Key ${id}`,
  redactedValue: `sk-...${id}`,
  createdAt: NOW - 300 * DAY,
  lastUsedAt: lastUsedDaysAgo === null ? null : NOW - lastUsedDaysAgo * DAY,
  owner,
  ownerProjectAccess: access,
});

const READ: SecurityWatchState = {
  ...EMPTY_WATCH_STATE,
  keySavedAt: 1,
  lastAttemptAt: NOW * 1000,
  audit: {
    availability: 'on',
    refusal: null,
    newestEffectiveAt: NOW - 60,
    coverage: null,
    events: [
      auditEvent('e3', 'api_key.created', NOW - 60, { project: { id: 'proj_a', name: 'Alpha' }, payload: { id: 'key_1' } }),
      auditEvent('e2', 'tunnel.created', NOW - 120),
      auditEvent('e1', 'user.deleted', NOW - 180, { project: { id: 'proj_hidden', name: 'Secret' } }),
    ],
  },
  adminKeys: { ids: ['key_mine'], ownKeyFound: true, ownExpiresAt: null },
  spendLimit: { known: true, value: null, readAt: NOW * 1000 },
  projects: [
    { projectId: 'proj_a', projectName: 'Alpha', readAt: NOW * 1000, keys: [key('a1', 100), key('a2', 200, 'active', CI_BOT), key('a3', 1)], problem: null },
    { projectId: 'proj_b', projectName: 'Beta', readAt: NOW * 1000, keys: [key('b1', 95, 'inactive')], problem: null },
  ],
};

function setup(overrides: Partial<SecuritySectionProps> = {}) {
  const props: SecuritySectionProps = {
    state: READ,
    settings: { ...DEFAULT_SECURITY_SETTINGS, enabled: true },
    cache: CACHE,
    names: { projects: (CACHE as unknown as { projects: ProjectNames['projects'] }).projects, listed: true },
    projectSummaries: null,
    scope: 'organization',
    notices: [],
    nowSeconds: NOW,
    onOpenOptions: vi.fn(),
    ...overrides,
  };
  render(<SecuritySection {...props} />);
  return props;
}

describe('SecuritySection', () => {
  it('lists events newest first with who, when (UTC) and project, each linking to its page', () => {
    setup();
    const items = within(screen.getByTestId('audit-events')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'API key createdowner@example.com (203.0.113.9) · 2025-03-14 11:59 UTC · Alpha',
      'Tunnel createdowner@example.com (203.0.113.9) · 2025-03-14 11:58 UTC · organization',
      'Member removedowner@example.com (203.0.113.9) · 2025-03-14 11:57 UTC · Secret (a project this key cannot see)',
    ]);
    expect(screen.getByRole('link', { name: 'API key created' })).toHaveProperty('href', 'https://platform.openai.com/settings/proj_a/api-keys');
    expect(screen.getByRole('link', { name: 'Tunnel created' })).toHaveProperty('href', 'https://platform.openai.com/settings/organization/general');
  });

  it('shows the first events and all of them on request', () => {
    const events = Array.from({ length: 12 }, (_, n) => auditEvent(`e${n}`, 'project.created', NOW - n));
    setup({ state: { ...READ, audit: { ...READ.audit, events } } });
    expect(within(screen.getByTestId('audit-events')).getAllByRole('listitem')).toHaveLength(8);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 12 events' }));
    expect(within(screen.getByTestId('audit-events')).getAllByRole('listitem')).toHaveLength(12);
  });

  it('audit logging off: plain words, where an owner switches it on, and that it cannot be switched off again', () => {
    setup({ state: { ...READ, audit: { ...EMPTY_WATCH_STATE.audit, availability: 'off', refusal: 'Audit logging is not enabled.' } } });
    const state = screen.getByTestId('audit-state');
    expect(state.dataset['state']).toBe('off');
    expect(state.textContent).toContain('Audit logging is off for this organization');
    expect(state.textContent).toContain('Once on, it cannot be switched off again. The extension never switches it on for you.');
    expect(within(state).getByRole('link', { name: 'Settings → Data controls → Data retention' })).toHaveProperty(
      'href',
      'https://platform.openai.com/settings/organization/data-controls/data-retention',
    );
    expect(screen.getByTestId('posture-audit-logging').textContent).toContain('Audit logging: off');
  });

  it('a key that may not read the log (403) says so, with the same help', () => {
    setup({ state: { ...READ, audit: { ...EMPTY_WATCH_STATE.audit, availability: 'forbidden', refusal: null } } });
    expect(screen.getByTestId('audit-state').textContent).toContain('This admin key may not read the audit log (403)');
    expect(screen.getByTestId('audit-state').textContent).toContain('cannot be switched off again');
  });

  it("summarizes key hygiene for the organization with links to each project's keys, and whose keys they are", () => {
    setup();
    const lines = within(screen.getByTestId('hygiene-summary')).getAllByRole('listitem');
    expect(lines.map((line) => line.textContent)).toEqual([
      '3 keys unused for 90 days in 2 projects: Alpha (2: ada@example.com, service account “CI bot”), Beta (1: ada@example.com)',
      '1 key whose owner no longer has access, in 1 project: Beta (1: ada@example.com)',
    ]);
    expect(within(lines[0]!).getByRole('link', { name: 'Beta' })).toHaveProperty('href', 'https://platform.openai.com/settings/proj_b/api-keys');
  });

  it("lists a project's keys in the project view, whose each is, with the threshold from options", () => {
    setup({ scope: 'proj_a', settings: { ...DEFAULT_SECURITY_SETTINGS, enabled: true, unusedDays: 150 } });
    expect(within(screen.getByTestId('hygiene-keys')).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '“Key a2” (sk-...a2) of service account “CI bot”: unused for 200 days',
    ]);
    expect(screen.getByRole('link', { name: "Open Alpha's API keys" })).toHaveProperty('href', 'https://platform.openai.com/settings/proj_a/api-keys');
  });

  it('shows the posture card, saying "unknown" where the API cannot tell', () => {
    setup();
    expect(screen.getByTestId('posture-spend-limit').textContent).toContain('Hard spend limit: not set for the organization');
    expect(screen.getByTestId('posture-ip-allowlist').dataset['status']).toBe('unknown');
    expect(screen.getByTestId('posture-admin-key-expiry').textContent).toContain('never expires');
    expect(screen.getByTestId('posture-default-project-spend').textContent).toContain('unknown');
  });

  it('keeps the last list beside a problem, and invites switching the watch on when it is off', () => {
    setup({ state: { ...READ, problem: { kind: 'rate-limited', status: 429, apiMessage: null, retryAfterSeconds: 600, userMessage: 'OpenAI is rate-limiting requests (429).' }, retryAt: (NOW + 600) * 1000 } });
    expect(screen.getByTestId('security-problem').textContent).toBe(
      'OpenAI is rate-limiting requests (429). Next try after 2025-03-14 12:10 UTC. What is shown below is from the last successful read.',
    );
    expect(screen.getByTestId('audit-events')).toBeTruthy();
    cleanup();
    const props = setup({ settings: DEFAULT_SECURITY_SETTINGS });
    fireEvent.click(screen.getByRole('button', { name: 'Switch it on in options' }));
    expect(props.onOpenOptions).toHaveBeenCalled();
  });
});
