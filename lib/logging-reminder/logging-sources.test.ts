import { describe, expect, it } from 'vitest';
import type { LoggingChange } from '../admin-api/logging-events';
import {
  applyLoggingChanges,
  AUDIT_READ_GAP_MS,
  auditReadDue,
  EMPTY_LOGGING_SOURCES,
  MAX_REQUESTS_PER_DAY,
  MAX_RETENTION_PROJECTS,
  retentionReadsDue,
} from './logging-sources';
import { retentionFor } from './retention';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const change = (effectiveAt: number, setting: string | null, projectIds: string[] | null = null): LoggingChange => ({
  effectiveAt,
  organizationId: 'org-Acme',
  setting,
  projectIds,
});
const none = { setting: null, organizationId: null, unrecognizedSetting: null };

describe('applyLoggingChanges', () => {
  it('the newest change that names the setting gives it, with its time and the organization', () => {
    expect(applyLoggingChanges(none, [change(30, 'disabled'), change(20, 'enabled_for_all_projects')])).toEqual({
      setting: { setting: 'disabled', projectIds: [], at: 30_000, source: 'audit log' },
      organizationId: 'org-Acme',
      unrecognizedSetting: null,
    });
  });

  it('a selection made with or after the setting is its projects', () => {
    const result = applyLoggingChanges(none, [change(40, null, ['proj_B']), change(30, 'enabled_for_selected_projects', ['proj_A'])]);
    expect(result.setting).toMatchObject({ setting: 'enabled_for_selected_projects', projectIds: ['proj_B'], at: 40_000 });
  });

  it('a later read with only a new selection keeps the earlier setting', () => {
    const earlier = applyLoggingChanges(none, [change(10, 'enabled_for_selected_projects', ['proj_A'])]);
    expect(applyLoggingChanges(earlier, [change(50, null, ['proj_C'])]).setting).toMatchObject({
      setting: 'enabled_for_selected_projects',
      projectIds: ['proj_C'],
      at: 50_000,
    });
  });

  it('"selected projects" with no selection named anywhere is not applied (it would call every project off)', () => {
    expect(applyLoggingChanges(none, [change(30, 'enabled_for_selected_projects')])).toEqual({
      setting: null,
      organizationId: 'org-Acme',
      unrecognizedSetting: 'enabled_for_selected_projects',
    });
    // Switched back to "selected" later: the selection named before still holds.
    const earlier = applyLoggingChanges(none, [change(10, 'enabled_for_selected_projects', ['proj_A'])]);
    expect(applyLoggingChanges(earlier, [change(40, 'enabled_for_selected_projects')]).setting).toMatchObject({ projectIds: ['proj_A'], at: 40_000 });
  });

  it('nothing new changes nothing; a value this code does not know makes the state unknown, kept as text', () => {
    const earlier = applyLoggingChanges(none, [change(10, 'disabled')]);
    expect(applyLoggingChanges(earlier, [])).toBe(earlier);
    expect(applyLoggingChanges(earlier, [change(20, 'enabled_sometimes')])).toEqual({
      setting: null,
      organizationId: 'org-Acme',
      unrecognizedSetting: 'enabled_sometimes',
    });
  });
});

describe('when to read', () => {
  it('the audit log at most every three hours: at most a score of requests a day', () => {
    const audit = { ...EMPTY_LOGGING_SOURCES.audit, readAt: NOW };
    expect(auditReadDue(EMPTY_LOGGING_SOURCES.audit, NOW)).toBe(true);
    expect(auditReadDue(audit, NOW + AUDIT_READ_GAP_MS - 1)).toBe(false);
    expect(auditReadDue(audit, NOW + AUDIT_READ_GAP_MS)).toBe(true);
    // Read while the clock was 6 hours fast: due now, not in 9 hours.
    expect(auditReadDue({ ...audit, readAt: NOW + 6 * 3_600_000 }, NOW)).toBe(true);
    expect(MAX_REQUESTS_PER_DAY).toEqual({ auditLog: 19, dataRetention: 21 });
  });

  it('retention once a UTC day, for the organization and the biggest spenders only', () => {
    const many = Array.from({ length: 50 }, (_, k) => `proj_${k}`);
    const first = retentionReadsDue(EMPTY_LOGGING_SOURCES.retention, many, NOW);
    expect(first).toEqual({ organization: true, projects: many.slice(0, MAX_RETENTION_PROJECTS) });
    const read = { type: 'zero_data_retention', readAt: NOW };
    const later = { organization: read, projects: Object.fromEntries(many.slice(0, 20).map((id) => [id, read])) };
    expect(retentionReadsDue(later, many, NOW + 3_600_000)).toEqual({ organization: false, projects: [] });
    // A new UTC day: everything again.
    expect(retentionReadsDue(later, many, Date.parse('2026-11-21T00:10:00Z')).projects).toHaveLength(20);
    // Read "tomorrow" by a clock that was a day fast: not today's reading.
    const ahead = { type: 'zero_data_retention', readAt: NOW + 86_400_000 };
    expect(retentionReadsDue({ organization: ahead, projects: {} }, many, NOW).organization).toBe(true);
  });

  it('not readable for the organization (403/404): no project is asked that day; a failed read waits for the next day too', () => {
    const refused = { organization: { type: null, readAt: NOW }, projects: {} };
    expect(retentionReadsDue(refused, ['proj_A'], NOW + 60_000)).toEqual({ organization: false, projects: [] });
    const failed = { organization: { type: null, readAt: NOW, problem: 'server (HTTP 500)' }, projects: {} };
    expect(retentionReadsDue(failed, ['proj_A'], NOW + 60_000)).toEqual({ organization: false, projects: ['proj_A'] });
    expect(retentionReadsDue(failed, [], NOW + 6 * 3_600_000).organization).toBe(false);
    expect(retentionReadsDue(failed, [], Date.parse('2026-11-21T00:00:00Z')).organization).toBe(true);
  });
});

describe('retentionFor', () => {
  const reading = (type: string | null) => ({ type, readAt: NOW });

  it('a project under zero data retention of its own', () => {
    expect(retentionFor({ organization: reading('modified_abuse_monitoring'), projects: { proj_A: reading('zero_data_retention') } }, 'proj_A')).toEqual({
      zeroRetention: true,
      level: 'project',
      type: 'zero_data_retention',
    });
  });

  it('a project that defers to (or was not read under) an organization under zero data retention', () => {
    const retention = { organization: reading('enhanced_zero_data_retention'), projects: { proj_A: reading('organization_default') } };
    expect(retentionFor(retention, 'proj_A')).toMatchObject({ zeroRetention: true, level: 'organization' });
    expect(retentionFor(retention, 'proj_B')).toMatchObject({ zeroRetention: true, level: 'organization' });
    expect(retentionFor(retention, null)).toMatchObject({ zeroRetention: true, level: 'organization' });
  });

  it('a type of its own, known or not, is not zero retention and is kept as text', () => {
    const retention = { organization: reading('zero_data_retention'), projects: { proj_A: reading('none'), proj_B: reading('a_new_type') } };
    expect(retentionFor(retention, 'proj_A')).toEqual({ zeroRetention: false, level: 'project', type: 'none' });
    expect(retentionFor(retention, 'proj_B')).toEqual({ zeroRetention: false, level: 'project', type: 'a_new_type' });
  });

  it('nothing read: nothing known', () => {
    expect(retentionFor(EMPTY_LOGGING_SOURCES.retention, 'proj_A')).toEqual({ zeroRetention: false, level: null, type: null });
  });
});
