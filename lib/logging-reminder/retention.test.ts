import { describe, expect, it } from 'vitest';
import { EMPTY_LOGGING_SOURCES, type LoggingSources } from './logging-sources';
import { pageLoggingSources, retentionFor, sourcesForPage } from './retention';

const auditSetting = { setting: 'disabled' as const, projectIds: [], at: 5, source: 'audit log' as const };
const sources: LoggingSources = {
  audit: { ...EMPTY_LOGGING_SOURCES.audit, availability: 'on', setting: auditSetting, organizationId: 'org-acme', cursor: 9, readAt: 7, problem: 'HTTP 503' },
  retention: {
    organization: { type: 'modified_abuse_monitoring', readAt: 1 },
    projects: { proj_zdr: { type: 'zero_data_retention', readAt: 1 }, proj_default: { type: 'organization_default', readAt: 1 } },
  },
};

describe('what the admin key’s sources say to a dashboard page', () => {
  it('sends pages only the setting, the organization and the retention types', () => {
    expect(pageLoggingSources(sources)).toEqual({ auditSetting, organizationId: 'org-acme', retention: sources.retention });
  });

  it('applies them to the key’s organization (by id) or to a project whose retention the key read', () => {
    const page = pageLoggingSources(sources);
    expect(sourcesForPage(page, 'org-acme', 'proj_other')).toEqual({
      auditSetting,
      retention: { zeroRetention: false, level: 'organization', type: 'modified_abuse_monitoring' },
    });
    expect(sourcesForPage(page, 'name:Acme', 'proj_zdr')).toEqual({ auditSetting, retention: { zeroRetention: true, level: 'project', type: 'zero_data_retention' } });
  });

  it('says nothing about another organization, or one the page knows only by name', () => {
    const page = pageLoggingSources(sources);
    expect(sourcesForPage(page, 'org-other', 'proj_other')).toEqual({ auditSetting: null, retention: null });
    expect(sourcesForPage(page, 'name:Acme', null)).toEqual({ auditSetting: null, retention: null });
  });

  it('a project that defers to the organization follows the organization’s zero retention', () => {
    const zdrOrganization = { ...sources.retention, organization: { type: 'zero_data_retention', readAt: 1 } };
    expect(retentionFor(zdrOrganization, 'proj_default')).toEqual({ zeroRetention: true, level: 'organization', type: 'zero_data_retention' });
    expect(retentionFor(zdrOrganization, 'proj_zdr').level).toBe('project');
  });
});
