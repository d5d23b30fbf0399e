import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loggingObservations } from '../../lib/storage/records';
import { usageProjects } from '../../lib/storage/api-records';
import { EMPTY_LOGGING_SOURCES } from '../../lib/logging-reminder/logging-sources';
import { LoggingSources } from './LoggingSources';
import { loggingSources } from '../../lib/storage/logging-reminder';

const AT = Date.parse('2026-11-20T03:14:00Z');

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('LoggingSources (options)', () => {
  it('before any read: each source says it has not been read', async () => {
    render(<LoggingSources />);
    expect((await screen.findByTestId('source-dashboard')).textContent).toContain('Not seen yet.');
    expect(screen.getByTestId('source-audit-log').textContent).toContain('Not read yet');
    expect(screen.getByTestId('source-data-retention').textContent).toContain('Not read yet.');
  });

  it('a key without the audit-log scope is said where the source is described; retention types as text', async () => {
    await loggingSources.setValue({
      audit: { ...EMPTY_LOGGING_SOURCES.audit, availability: 'forbidden', readAt: AT },
      retention: {
        organization: { type: 'modified_abuse_monitoring', readAt: AT },
        projects: { proj_A: { type: 'zero_data_retention', readAt: AT }, proj_B: { type: 'brand_new_type', readAt: AT } },
      },
    });
    await usageProjects.setValue({ projects: [{ id: 'proj_A', name: 'Alpha', archived: false }], listed: true });
    await loggingObservations.setValue({ 'org-1': { setting: { setting: 'enabled_per_call', projectIds: [], at: AT }, pages: {} } });
    render(<LoggingSources />);
    const audit = await screen.findByTestId('source-audit-log');
    expect(audit.textContent).toContain('This admin key may not read the audit log (403)');
    expect(audit.getAttribute('data-state')).toBe('forbidden');
    const retention = screen.getByTestId('source-data-retention').textContent;
    expect(retention).toContain('Organization: modified_abuse_monitoring.');
    expect(retention).toContain('Alpha: zero_data_retention (zero data retention: there are no logs to see)');
    expect(retention).toContain('proj_B: brand_new_type');
    expect(screen.getByTestId('source-dashboard').textContent).toContain('org-1: Enabled per call, seen 2026-11-20 03:14 UTC.');
  });

  it('the newest change the audit log holds, with when it was made', async () => {
    await loggingSources.setValue({
      ...EMPTY_LOGGING_SOURCES,
      audit: {
        ...EMPTY_LOGGING_SOURCES.audit,
        availability: 'on',
        readAt: AT,
        setting: { setting: 'disabled', projectIds: [], at: AT - 86_400_000, source: 'audit log' },
      },
    });
    render(<LoggingSources />);
    expect((await screen.findByTestId('source-audit-log')).textContent).toContain('Newest change: Disabled, made 2026-11-19 03:14 UTC. Last read 2026-11-20 03:14 UTC.');
  });
});
