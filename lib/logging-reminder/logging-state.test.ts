import { describe, expect, it } from 'vitest';
import {
  deriveLogging,
  findLoggingSetting,
  MAX_SELECTED_PROJECTS,
  isSilenced,
  needsReminder,
  reminderText,
  SAME_MOMENT_MS,
  SNOOZE_MS,
  type OrganizationLogging,
} from './logging-state';

const project = { key: 'proj_A', id: 'proj_A' };

describe('deriveLogging with the audit log', () => {
  const audit = (setting: 'disabled' | 'enabled_for_all_projects' | 'enabled_for_selected_projects', at: number, projectIds: string[] = []) =>
    ({ setting, projectIds, at, source: 'audit log' }) as const;

  it('the audit log alone gives the state when no page was visited', () => {
    expect(deriveLogging(undefined, project, audit('disabled', 5_000))).toEqual({ status: 'disabled', source: 'audit log', at: 5_000 });
  });

  it('the newest setting wins: a later change in the audit log over what the dashboard showed before, and the other way round', () => {
    const dashboard = { setting: { setting: 'enabled_for_all_projects' as const, projectIds: [], at: 1_000_000 }, pages: {} };
    expect(deriveLogging(dashboard, project, audit('disabled', 2_000_000))).toMatchObject({ status: 'disabled', source: 'audit log' });
    expect(deriveLogging(dashboard, project, audit('disabled', 500_000))).toMatchObject({ status: 'enabled', source: 'organization setting' });
  });

  it('a Logs page seen after the audit log’s change wins; one seen before does not', () => {
    const page = (at: number) => ({ pages: { [project.key]: { status: 'enabled' as const, at } } });
    expect(deriveLogging(page(1_000_000), project, audit('disabled', 500_000))).toMatchObject({ status: 'enabled', source: 'Logs page' });
    expect(deriveLogging(page(100_000), project, audit('disabled', 500_000))).toMatchObject({ status: 'disabled', source: 'audit log' });
  });

  it('an audit-log selection that cannot be read for this project leaves the dashboard’s reading', () => {
    const dashboard = { setting: { setting: 'disabled' as const, projectIds: [], at: 1 }, pages: {} };
    const noId = { key: 'org/App', id: null };
    expect(deriveLogging(dashboard, noId, audit('enabled_for_selected_projects', 9, ['proj_X']))).toMatchObject({ status: 'disabled' });
  });
});

describe('deriveLogging', () => {
  it('is unknown with nothing observed', () => {
    expect(deriveLogging(undefined, project)).toEqual({ status: 'unknown', source: null, at: null });
  });

  it('reads the Logs page', () => {
    const org: OrganizationLogging = { pages: { proj_A: { status: 'disabled', at: 5 } } };
    expect(deriveLogging(org, project)).toEqual({ status: 'disabled', source: 'Logs page', at: 5 });
  });

  it.each([
    ['disabled', [], 'disabled'],
    ['enabled_per_call', [], 'per-call'],
    ['enabled_for_all_projects', [], 'enabled'],
    ['enabled_for_selected_projects', ['proj_A'], 'enabled'],
    ['enabled_for_selected_projects', ['proj_B'], 'disabled'],
  ] as const)('maps the organization setting %s (%j) to %s', (setting, projectIds, expected) => {
    const org: OrganizationLogging = { setting: { setting, projectIds: [...projectIds], at: 1 }, pages: {} };
    expect(deriveLogging(org, project).status).toBe(expected);
  });

  it('cannot read a project selection without the project id', () => {
    const org: OrganizationLogging = { setting: { setting: 'enabled_for_selected_projects', projectIds: ['proj_A'], at: 1 }, pages: {} };
    expect(deriveLogging(org, { key: 'name:Acme/App', id: null }).status).toBe('unknown');
  });

  it('prefers the explicit setting over a page inference of the same moment', () => {
    const org: OrganizationLogging = {
      setting: { setting: 'enabled_per_call', projectIds: [], at: 1000 },
      pages: { proj_A: { status: 'enabled', at: 1000 + SAME_MOMENT_MS - 1 } },
    };
    expect(deriveLogging(org, project)).toMatchObject({ status: 'per-call', source: 'organization setting' });
  });

  it('lets the newest observation win when they are far apart', () => {
    const newerPage: OrganizationLogging = {
      setting: { setting: 'disabled', projectIds: [], at: 1000 },
      pages: { proj_A: { status: 'enabled', at: 1000 + SAME_MOMENT_MS } },
    };
    expect(deriveLogging(newerPage, project)).toMatchObject({ status: 'enabled', source: 'Logs page' });
    const newerSetting: OrganizationLogging = {
      setting: { setting: 'enabled_for_all_projects', projectIds: [], at: 5 * SAME_MOMENT_MS },
      pages: { proj_A: { status: 'disabled', at: 1000 } },
    };
    expect(deriveLogging(newerSetting, project)).toMatchObject({ status: 'enabled', source: 'organization setting' });
  });
});

describe('findLoggingSetting', () => {
  it('finds the setting nested in a response, keeping only project ids', () => {
    const json = {
      object: 'organization',
      settings: { api_call_logging: 'enabled_for_selected_projects', api_call_logging_project_ids: ['proj_A', 42, 'x'] },
    };
    expect(findLoggingSetting(json)).toEqual({ setting: 'enabled_for_selected_projects', projectIds: ['proj_A'], organizationId: null });
  });

  it('bounds what a page can post: no 2 MB ids, no list longer than any real selection', () => {
    const huge = `proj_${'a'.repeat(2_000_000)}`;
    const json = { id: `org-${'b'.repeat(100)}`, api_call_logging: 'enabled_for_selected_projects', api_call_logging_project_ids: ['proj_A', huge] };
    expect(findLoggingSetting(json)).toEqual({ setting: 'enabled_for_selected_projects', projectIds: ['proj_A'], organizationId: null });
    const many = Array.from({ length: MAX_SELECTED_PROJECTS + 1 }, (_, n) => `proj_${n}`);
    expect(findLoggingSetting({ api_call_logging: 'enabled_for_selected_projects', api_call_logging_project_ids: many })).toBeNull();
  });

  it('names the organization the setting belongs to', () => {
    const json = { data: [{ id: 'org-Other', settings: { api_call_logging: 'disabled' } }] };
    expect(findLoggingSetting(json)).toMatchObject({ setting: 'disabled', organizationId: 'org-Other' });
  });

  it('ignores unknown values and unrelated JSON', () => {
    expect(findLoggingSetting({ api_call_logging: 'sometimes' })).toBeNull();
    expect(findLoggingSetting({ data: [1, 2, { name: 'x' }] })).toBeNull();
    expect(findLoggingSetting('api_call_logging')).toBeNull();
  });
});

describe('silence', () => {
  it('holds for a dismissal, and for a snooze until it expires', () => {
    expect(isSilenced(undefined, 0)).toBe(false);
    expect(isSilenced({ dismissed: true }, 0)).toBe(true);
    expect(isSilenced({ snoozedUntil: SNOOZE_MS }, SNOOZE_MS - 1)).toBe(true);
    expect(isSilenced({ snoozedUntil: SNOOZE_MS }, SNOOZE_MS)).toBe(false);
  });

  it('a snooze set by a clock that was ahead ends once the clock is put right, instead of lasting the difference too', () => {
    const now = Date.parse('2027-01-01T00:00:00Z');
    // Snoozed for 7 days while the clock was a month fast.
    expect(isSilenced({ snoozedUntil: now + 30 * 86_400_000 + SNOOZE_MS }, now)).toBe(false);
    expect(isSilenced({ snoozedUntil: now + SNOOZE_MS }, now)).toBe(true);
  });
});

describe('reminders', () => {
  it('remind when logging is off or per call only', () => {
    expect(['enabled', 'per-call', 'disabled', 'unknown'].map((status) => needsReminder(status as never))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('say what the user loses, with the per-call nuance', () => {
    expect(reminderText('disabled', 'App 1')).toBe(
      "Logs are off for App 1: you won't be able to inspect requests when debugging or checking for abuse.",
    );
    expect(reminderText('per-call', 'App 1')).toContain('store: true');
  });
});
