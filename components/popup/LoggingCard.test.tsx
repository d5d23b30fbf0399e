import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrganizationReminders, PopupReminder, ProjectReminder } from '../../lib/logging-reminder/popup-reminder';
import { LoggingCard, OrganizationLoggingCard } from './LoggingCard';

afterEach(cleanup);

const row = (projectKey: string, name: string, kind: ProjectReminder['kind'], status: ProjectReminder['status'] = 'disabled'): ProjectReminder => ({
  kind,
  status,
  projectKey,
  name,
  text: `${name} text`,
  source: null,
  at: null,
});

describe('OrganizationLoggingCard', () => {
  const reminders: OrganizationReminders = {
    rows: [row('proj_A', 'Alpha', 'off'), row('proj_B', 'Beta', 'unknown', 'unknown'), row('proj_Z', 'Zed', 'zero-retention')],
    more: 4,
    organizationZeroRetention: false,
    auditOff: true,
  };

  it('names each project with its state and its own snooze and dismiss', () => {
    const onSilence = vi.fn();
    render(<OrganizationLoggingCard reminders={reminders} onSilence={onSilence} />);
    const card = screen.getByRole('region', { name: 'Logging reminder' });
    const items = within(card).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Alpha\s*Logs are off\./),
      expect.stringMatching(/^Beta\s*Not known yet/),
      expect.stringMatching(/^Zed\s*Zero data retention: OpenAI keeps no logs/),
    ]);
    fireEvent.click(within(card).getByRole('button', { name: 'Remind me in 7 days about Beta' }));
    fireEvent.click(within(card).getByRole('button', { name: "Don't remind me about Alpha" }));
    expect(onSilence.mock.calls).toEqual([
      ['proj_B', 'snooze'],
      ['proj_A', 'dismiss'],
    ]);
    // Zero retention is explained, not nagged: no snooze.
    expect(within(items[2]!).queryByRole('button', { name: /Remind me/ })).toBeNull();
    expect(within(card).getByTestId('logging-more').textContent).toContain('and 4 more');
    expect(within(card).getByTestId('logging-audit-off').querySelector('a')?.getAttribute('href')).toBe(
      'https://platform.openai.com/settings/organization/data-controls/data-retention',
    );
  });

  it('a whole organization under zero data retention is one line; nothing at all renders nothing', () => {
    render(<OrganizationLoggingCard reminders={{ rows: [], more: 0, organizationZeroRetention: true, auditOff: false }} onSilence={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Logging reminder' }).textContent).toContain('Your organization is under zero data retention');
    cleanup();
    const { container } = render(<OrganizationLoggingCard reminders={{ rows: [], more: 0, organizationZeroRetention: false, auditOff: false }} onSilence={vi.fn()} />);
    expect(container.textContent).toBe('');
  });
});

describe('LoggingCard', () => {
  it('says where the state comes from, and shows a choice that was not saved', () => {
    const reminder: PopupReminder = { ...row('proj_A', 'Alpha', 'off'), source: 'audit log', at: Date.parse('2026-11-20T03:14:00Z'), auditOff: false };
    render(<LoggingCard reminder={reminder} onSilence={vi.fn()} problem="Your choice was not saved (offline)." />);
    const card = screen.getByRole('region', { name: 'Logging reminder' });
    expect(card.textContent).toContain('From the audit log: the setting was changed 2026-11-20 03:14 UTC.');
    expect(within(card).getByRole('alert').textContent).toContain('not saved');
  });
});
