import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminApiError } from '../../lib/admin-api/errors';
import type { UsageGlanceSettings } from '../../lib/storage/settings';
import { AdminKeySettings, type AdminKeyView } from './AdminKeySettings';

afterEach(cleanup);

const SETTINGS: UsageGlanceSettings = { refreshMinutes: 15, badgeScope: 'organization', dailyThresholdMicros: null };
const STORED: AdminKeyView = {
  organization: { id: 'org-acme', name: 'Acme', namedFrom: 'tab' },
  redacted: 'sk-admin-…WXYZ',
  savedAt: Date.parse('2025-03-15T10:00:00Z'),
  access: { canListProjects: true, canReadCosts: true, canReadUsage: true },
  projects: [
    { id: 'proj_a', name: 'Alpha' },
    { id: 'proj_b', name: null },
  ],
  retention: 'device',
};

function setup(overrides: Partial<Parameters<typeof AdminKeySettings>[0]> = {}) {
  const props = {
    stored: [] as AdminKeyView[],
    retention: 'device' as const,
    tabOrganization: null,
    settings: SETTINGS,
    onSave: vi.fn(),
    onRemove: vi.fn(async () => undefined),
    onRetentionChange: vi.fn(async () => undefined),
    onSettingsChange: vi.fn(),
    ...overrides,
  };
  render(<AdminKeySettings {...props} />);
  return props;
}

function paste(key: string) {
  fireEvent.input(screen.getByLabelText('Admin key'), { target: { value: key } });
  fireEvent.click(screen.getByRole('button', { name: 'Verify and save' }));
}

describe('AdminKeySettings', () => {
  it('says where the key is kept and where it is sent', () => {
    setup();
    expect(screen.getByText(/own database in your browser profile/).textContent).toMatch(
      /across browser restarts.*sent only to https:\/\/api\.openai\.com/,
    );
  });

  it('does not send a project key anywhere', async () => {
    const { onSave } = setup();
    paste('sk-proj-abc');
    expect((await screen.findByTestId('key-outcome')).textContent).toMatch(/project API key.*"sk-admin-"/);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows each failure kind\'s message and what the key can read', async () => {
    const failure = new AdminApiError('forbidden', { status: 403 }).toFailure();
    const access = { canListProjects: true, canReadCosts: false, canReadUsage: true };
    const { onSave } = setup({ onSave: vi.fn(async () => ({ ok: false as const, failure, access })) });
    paste('  sk-admin-x  ');
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ key: 'sk-admin-x', organization: null }));
    const outcome = await screen.findByTestId('key-outcome');
    expect(outcome.textContent).toContain(`Not saved. ${failure.userMessage}`);
    expect(outcome.textContent).toMatch('Cannot read costs');
    expect(outcome.textContent).toMatch('Can read token usage');
  });

  it('clears the field after a verified save', async () => {
    setup({
      onSave: vi.fn(async () => ({ ok: true as const, stored: { savedAt: 0, access: STORED.access, projects: [], organization: STORED.organization } })),
    });
    paste('sk-admin-good');
    await waitFor(() => expect(screen.getByTestId('key-outcome').textContent).toMatch('Verified and saved for Acme'));
    expect((screen.getByLabelText('Admin key') as HTMLInputElement).value).toBe('');
  });

  it('shows the stored key redacted, its projects, and removes it', async () => {
    const { onRemove } = setup({ stored: [STORED] });
    expect(screen.getByTestId('key-stored').textContent).toMatch('sk-admin-…WXYZ');
    expect(screen.getByTestId('key-projects').textContent).toMatch('Sees 2 projects: Alpha, proj_b');
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    await waitFor(() => expect(onRemove).toHaveBeenCalledWith('org-acme'));
  });

  it('saves interval, badge scope and threshold, ignoring an interval under a minute', () => {
    const { onSettingsChange } = setup({ stored: [STORED] });
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '0' } });
    expect(onSettingsChange).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '30' } });
    expect(onSettingsChange).toHaveBeenLastCalledWith({ ...SETTINGS, refreshMinutes: 30 });
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'proj_a' } });
    expect(onSettingsChange).toHaveBeenLastCalledWith({ ...SETTINGS, badgeScope: 'proj_a' });
    fireEvent.change(screen.getByLabelText('Daily threshold in dollars'), { target: { value: '12.5' } });
    expect(onSettingsChange).toHaveBeenLastCalledWith({ ...SETTINGS, dailyThresholdMicros: 12_500_000 });
  });

  it('offers both places for the key and says plainly which one is in force', () => {
    const { onRetentionChange } = setup({ stored: [STORED] });
    expect(screen.getByTestId('key-retention').textContent).toBe('In force: this key is kept on this device until you remove it.');
    expect((screen.getByLabelText(/Keep it on this device/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText(/Forget the key when the browser closes/));
    expect(onRetentionChange).toHaveBeenCalledWith('org-acme', 'session');
    cleanup();

    setup({ stored: [{ ...STORED, retention: 'session' }], retention: 'session' });
    expect(screen.getByTestId('key-retention').textContent).toBe('In force: this key is forgotten when the browser closes.');
    expect((screen.getByLabelText(/Forget the key when the browser closes/) as HTMLInputElement).checked).toBe(true);
    cleanup();

    setup({ stored: [], retention: 'session' });
    expect(screen.getByTestId('key-retention').textContent).toBe(
      'No key is stored. The next key you save will be forgotten when the browser closes.',
    );
  });

  it('says the stored key is not encrypted and recommends a read-only key with an expiry', () => {
    setup();
    expect(screen.getByTestId('key-not-encrypted').textContent).toMatch(/stored key is not encrypted/);
    expect(screen.getByTestId('key-recommendation').textContent).toMatch(/read-only admin key with an expiry/);
  });

  it('says when the stored key expires, that it never does, or that OpenAI did not say', () => {
    setup({ stored: [{ ...STORED, expiresAt: Date.parse('2099-03-15T00:00:00Z') }] });
    expect(screen.getByTestId('key-expiry').textContent).toMatch(/^Expires on .*2099.*warns two weeks before/);
    cleanup();
    setup({ stored: [{ ...STORED, expiresAt: null }] });
    expect(screen.getByTestId('key-expiry').textContent).toMatch(/never expires/);
    cleanup();
    setup({ stored: [STORED] });
    expect(screen.getByTestId('key-expiry').textContent).toMatch(/did not say when this key expires/);
  });

  it('names the key after the platform tab, or after what the user typed; a second key without either asks for a name', async () => {
    const ok = vi.fn(async () => ({ ok: true as const, stored: { savedAt: 0, access: STORED.access, projects: [], organization: STORED.organization } }));
    setup({ onSave: ok, tabOrganization: { id: 'org-acme', name: 'Acme' } });
    expect(screen.getByTestId('key-organization-source').textContent).toContain('saved for Acme, the organization of your open platform.openai.com tab');
    paste('sk-admin-a');
    await waitFor(() => expect(ok).toHaveBeenCalledWith({ key: 'sk-admin-a', organization: { from: 'tab', id: 'org-acme', name: 'Acme' } }));
    fireEvent.input(screen.getByLabelText('Organization name'), { target: { value: ' Globex ' } });
    paste('sk-admin-b');
    await waitFor(() => expect(ok).toHaveBeenLastCalledWith({ key: 'sk-admin-b', organization: { from: 'user', name: 'Globex' } }));
    cleanup();

    setup({ stored: [STORED] });
    expect(screen.getByTestId('key-organization-source').textContent).toContain('no platform.openai.com tab shows one: type its name');
  });

  it('shows each organization with its own key, its own place and its own Remove', async () => {
    const globex: AdminKeyView = { ...STORED, organization: { id: 'local-1', name: 'Globex', namedFrom: 'user' }, redacted: 'sk-admin-…GLBX', retention: 'session' };
    const { onRemove, onRetentionChange } = setup({ stored: [STORED, globex] });
    const cards = screen.getAllByTestId('key-stored');
    expect(cards.map((card) => card.querySelector('h3')?.textContent)).toEqual(['Acme', 'Globex']);
    expect(cards.map((card) => card.querySelector('[data-testid="key-retention"]')?.textContent)).toEqual([
      'In force: this key is kept on this device until you remove it.',
      'In force: this key is forgotten when the browser closes.',
    ]);
    fireEvent.click(within(cards[1]!).getByLabelText(/Keep it on this device/));
    expect(onRetentionChange).toHaveBeenCalledWith('local-1', 'device');
    fireEvent.click(within(cards[1]!).getByRole('button', { name: 'Remove key' }));
    await waitFor(() => expect(onRemove).toHaveBeenCalledWith('local-1'));
    expect(onRemove).toHaveBeenCalledTimes(1);
  });
});
