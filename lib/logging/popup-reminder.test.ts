import { describe, expect, it } from 'vitest';
import { popupReminder, type PopupReminderInput } from './popup-reminder';

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
