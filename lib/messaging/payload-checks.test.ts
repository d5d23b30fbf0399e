import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_CHARS, payloadChars, payloadProblem } from './payload-checks';
import type { UsageGlanceProtocol } from './messages';

describe('payload checks', () => {
  it('every message type has a size bound and a shape check', () => {
    const types: (keyof UsageGlanceProtocol)[] = [
      'refreshUsage',
      'saveAdminKey',
      'removeAdminKey',
      'setKeyRetention',
      'getKeyExpiry',
      'acknowledgeSpikes',
      'getUsageSummary',
      'recordLoggingPage',
      'recordLoggingSetting',
      'reportFeatureHealth',
      'rememberProject',
      'silenceReminder',
      'hasAdminKey',
      'openAccountingExport',
      'getPageRecords',
      'storePageOutline',
      'clearPageRecords',
    ];
    for (const type of types) expect(MAX_PAYLOAD_CHARS[type]).toBeGreaterThan(0);
  });

  it('measures before it looks at the shape, and treats what cannot be serialized as too big', () => {
    expect(payloadProblem('saveAdminKey', 'x'.repeat(10_000))).toBe('too large');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(payloadChars(cycle)).toBe(Number.POSITIVE_INFINITY);
    expect(payloadChars(undefined)).toBe(0);
  });

  it('accepts what the pages really send', () => {
    expect(payloadProblem('recordLoggingPage', { organization: 'name:Acme', project: 'name:Acme/Prod', status: 'enabled', at: 1 })).toBeNull();
    expect(payloadProblem('rememberProject', { key: 'name:Acme/Prod', id: null, name: 'Prod', organization: 'Acme' })).toBeNull();
    expect(payloadProblem('reportFeatureHealth', { 'logging-reminder': { state: 'not-recognized', path: '/logs', at: 1 } })).toBeNull();
    expect(payloadProblem('recordLoggingSetting', { organization: 'org-1', setting: 'enabled_for_selected_projects', projectIds: ['proj_A'], at: 1 })).toBeNull();
    expect(payloadProblem('silenceReminder', { project: 'proj_A', how: 'snooze' })).toBeNull();
    expect(payloadProblem('removeAdminKey', 'org-acme')).toBeNull();
    expect(payloadProblem('saveAdminKey', { key: 'sk-admin-x', organization: { from: 'tab', id: 'org-acme', name: 'Acme' } })).toBeNull();
    expect(payloadProblem('saveAdminKey', { key: 'sk-admin-x', organization: { from: 'user', name: 'Globex' } })).toBeNull();
    expect(payloadProblem('saveAdminKey', { key: 'sk-admin-x', organization: null })).toBeNull();
    expect(payloadProblem('setKeyRetention', { organizationId: null, retention: 'session' })).toBeNull();
    expect(payloadProblem('hasAdminKey', undefined)).toBeNull();
    expect(payloadProblem('openAccountingExport', { year: 2026, organizationName: 'Acme Corp' })).toBeNull();
    expect(payloadProblem('openAccountingExport', { year: 2026, organizationName: null })).toBeNull();
    expect(payloadProblem('openAccountingExport', { year: 2026, organizationName: 'Acme Corp', organizationId: 'org-acme' })).toBeNull();
    expect(payloadProblem('openAccountingExport', { year: 2026, organizationName: null, organizationId: null })).toBeNull();
    expect(payloadProblem('openAccountingExport', { year: 2026, organizationName: null, organizationId: 'proj_x' })).toBe('malformed');
  });

  it('refuses shapes the handlers do not expect', () => {
    expect(payloadProblem('recordLoggingPage', null)).toBe('malformed');
    expect(payloadProblem('recordLoggingPage', [])).toBe('malformed');
    expect(payloadProblem('rememberProject', { key: 'k', id: 'proj_A', name: 'P' })).toBe('malformed');
    expect(payloadProblem('reportFeatureHealth', { a: { state: 'active', path: 'usage', at: 1 } })).toBe('malformed');
    expect(payloadProblem('removeAdminKey', { everything: true })).toBe('malformed');
    expect(payloadProblem('removeAdminKey', undefined)).toBe('malformed');
    expect(payloadProblem('saveAdminKey', { key: 'sk-admin-x', organization: { from: 'tab', name: 'Acme' } })).toBe('malformed');
    expect(payloadProblem('saveAdminKey', { key: 'sk-admin-x', organization: { from: 'user', name: '' } })).toBe('malformed');
    // Ids of the right shape that no feature of ours has.
    expect(payloadProblem('reportFeatureHealth', { 'made-up': { state: 'active', path: '/usage', at: 1 } })).toBe('malformed');
    expect(payloadProblem('storePageOutline', { featureId: 'made-up', path: '/usage', at: 1, outline: 'x' })).toBe('malformed');
    expect(payloadProblem('storePageOutline', { featureId: 'project-emphasis', path: '/usage', at: 1, outline: 'x' })).toBeNull();
    expect(payloadProblem('hasAdminKey', 'sk-admin-x')).toBe('malformed');
    expect(payloadProblem('openAccountingExport', { year: 1999, organizationName: null })).toBe('malformed');
    expect(payloadProblem('openAccountingExport', { year: 2025.5, organizationName: null })).toBe('malformed');
    expect(payloadProblem('openAccountingExport', { year: 2025, organizationName: null, url: 'https://evil.example' })).toBe('malformed');
    expect(payloadProblem('openAccountingExport', { year: 2025, organizationName: 'x'.repeat(500) })).toBe('too large');
    expect(payloadProblem('openAccountingExport', { year: 2025, organizationName: 'x'.repeat(250) })).toBe('malformed');
  });
});
