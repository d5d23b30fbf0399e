import { describe, expect, it } from 'vitest';
import { EMPTY_LOGGING_SOURCES, type LoggingSources } from './logging-sources';
import { organizationReminders, popupReminder, type OrganizationRemindersInput, type PopupReminderInput } from './popup-reminder';

const base: PopupReminderInput = {
  observations: {},
  silence: {},
  project: { key: 'proj_A', id: 'proj_A', name: 'App 1' },
  organizationKey: null,
  now: 1000,
};

describe('popupReminder', () => {
  it('tells the user logs are off for the project', () => {
    const reminder = popupReminder({ ...base, observations: { 'org-1': { pages: { proj_A: { status: 'disabled', at: 1 } } } } });
    expect(reminder).toMatchObject({ kind: 'off', text: expect.stringContaining('Logs are off for App 1') });
  });

  it('suggests opening the Logs page once when nothing is known', () => {
    expect(popupReminder(base)).toMatchObject({ kind: 'unknown', text: expect.stringContaining('Open its Logs page once') });
  });

  it('says nothing when logging is on', () => {
    const observations = { 'org-1': { pages: { proj_A: { status: 'enabled' as const, at: 1 } } } };
    expect(popupReminder({ ...base, observations })).toBeNull();
  });

  it('uses the active tab’s organization setting', () => {
    const observations = {
      'org-1': { setting: { setting: 'enabled_for_selected_projects' as const, projectIds: ['proj_B'], at: 1 }, pages: {} },
      'org-2': { setting: { setting: 'enabled_for_all_projects' as const, projectIds: [], at: 1 }, pages: {} },
    };
    expect(popupReminder({ ...base, observations, organizationKey: 'org-1' })?.kind).toBe('off');
    expect(popupReminder({ ...base, observations, organizationKey: 'org-2' })).toBeNull();
  });

  it('stays quiet while dismissed or snoozed', () => {
    const observations = { 'org-1': { pages: { proj_A: { status: 'disabled' as const, at: 1 } } } };
    expect(popupReminder({ ...base, observations, silence: { proj_A: { snoozedUntil: 2000 } } })).toBeNull();
    expect(popupReminder({ ...base, observations, silence: { proj_A: { snoozedUntil: 999 } } })?.kind).toBe('off');
    expect(popupReminder({ ...base, observations, silence: { proj_A: { dismissed: true } } })).toBeNull();
  });
});

const sources = (change: Partial<LoggingSources['audit']> = {}, retention: LoggingSources['retention'] = EMPTY_LOGGING_SOURCES.retention): LoggingSources => ({
  audit: { ...EMPTY_LOGGING_SOURCES.audit, ...change },
  retention,
});
const auditSays = (setting: 'disabled' | 'enabled_for_all_projects' | 'enabled_for_selected_projects', projectIds: string[] = []) =>
  sources({ availability: 'on', organizationId: 'org-1', setting: { setting, projectIds, at: 500, source: 'audit log' } });

describe('popupReminder with the admin key’s sources', () => {
  it('the audit log drives the state when no page was visited, for the key’s own projects only', () => {
    const input = { ...base, sources: auditSays('disabled') };
    expect(popupReminder({ ...input, fromKeyOrganization: true })).toMatchObject({ kind: 'off', source: 'audit log', at: 500 });
    expect(popupReminder({ ...input, fromKeyOrganization: false })).toMatchObject({ kind: 'unknown', source: null });
  });

  it('a project under zero data retention is explained, not nagged', () => {
    const retention = { organization: { type: 'modified_abuse_monitoring', readAt: 1 }, projects: { proj_A: { type: 'zero_data_retention', readAt: 1 } } };
    const reminder = popupReminder({ ...base, sources: sources({ availability: 'on' }, retention), fromKeyOrganization: true });
    expect(reminder).toMatchObject({ kind: 'zero-retention', text: expect.stringContaining('App 1 is under zero data retention') });
    expect(reminder?.text).not.toContain('Logs are off');
  });

  it('an unknown retention type changes nothing', () => {
    const retention = { organization: { type: 'something_new', readAt: 1 }, projects: {} };
    const observations = { 'org-1': { pages: { proj_A: { status: 'disabled' as const, at: 1 } } } };
    expect(popupReminder({ ...base, observations, sources: sources({}, retention), fromKeyOrganization: true })?.kind).toBe('off');
  });

  it('says audit logging is off when that is why the state is unknown', () => {
    expect(popupReminder({ ...base, sources: sources({ availability: 'off' }), fromKeyOrganization: true })).toMatchObject({ kind: 'unknown', auditOff: true });
    expect(popupReminder({ ...base, sources: sources({ availability: 'forbidden' }), fromKeyOrganization: true })?.auditOff).toBe(false);
  });
});

describe('organizationReminders', () => {
  const org: OrganizationRemindersInput = {
    observations: { 'org-1': { pages: { proj_A: { status: 'disabled', at: 1 }, proj_B: { status: 'enabled', at: 1 } } } },
    silence: {},
    organizationKey: 'org-1',
    now: 1000,
    sources: null,
    projects: [
      { id: 'proj_C', name: 'Gamma' },
      { id: 'proj_A', name: 'Alpha' },
      { id: 'proj_B', name: 'Beta' },
      { id: 'proj_D', name: null },
    ],
  };

  it('lists each project whose logging is off or unknown, by name, off first', () => {
    const result = organizationReminders(org);
    expect(result.rows.map((row) => [row.name, row.kind])).toEqual([
      ['Alpha', 'off'],
      ['Gamma', 'unknown'],
      ['proj_D', 'unknown'],
    ]);
    expect(result.more).toBe(0);
  });

  it('a snoozed or dismissed project is left out', () => {
    const silence = { proj_A: { snoozedUntil: 2000 }, proj_C: { dismissed: true } };
    expect(organizationReminders({ ...org, silence }).rows.map((row) => row.name)).toEqual(['proj_D']);
  });

  it('many projects: the first few and how many more', () => {
    const projects = Array.from({ length: 12 }, (_, k) => ({ id: `proj_${k}`, name: `P${k}` }));
    const result = organizationReminders({ ...org, projects, limit: 5 });
    expect(result.rows).toHaveLength(5);
    expect(result.more).toBe(7);
  });

  it('the audit log’s setting covers every project, the selection included', () => {
    const result = organizationReminders({ ...org, observations: {}, sources: auditSays('enabled_for_selected_projects', ['proj_A']) });
    expect(result.rows.map((row) => [row.name, row.kind, row.source])).toEqual([
      ['Gamma', 'off', 'audit log'],
      ['Beta', 'off', 'audit log'],
      ['proj_D', 'off', 'audit log'],
    ]);
  });

  it('zero data retention: a project of its own is a row that explains; the whole organization is one line', () => {
    const retention = { organization: { type: 'modified_abuse_monitoring', readAt: 1 }, projects: { proj_C: { type: 'zero_data_retention', readAt: 1 } } };
    const own = organizationReminders({ ...org, sources: sources({}, retention) });
    expect(own.rows.map((row) => [row.name, row.kind])).toEqual([
      ['Alpha', 'off'],
      ['proj_D', 'unknown'],
      ['Gamma', 'zero-retention'],
    ]);
    const whole = organizationReminders({ ...org, sources: sources({}, { organization: { type: 'zero_data_retention', readAt: 1 }, projects: {} }) });
    expect(whole).toMatchObject({ organizationZeroRetention: true, rows: [] });
  });

  it('says audit logging is off when some projects are unknown', () => {
    expect(organizationReminders({ ...org, sources: sources({ availability: 'off' }) }).auditOff).toBe(true);
  });
});
