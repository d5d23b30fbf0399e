import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { usageProjects } from '../../lib/storage/api-records';
import { spikeAlertSettings } from '../../lib/storage/settings';
import { SpikeAlertSettings } from './SpikeAlertSettings';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('SpikeAlertSettings: limits for new projects', () => {
  it('shows the limits in force, and stores what the user types (empty: no alert)', async () => {
    render(<SpikeAlertSettings />);
    const requests = (await screen.findByLabelText('New-project limit: Requests per hour')) as HTMLInputElement;
    expect(requests.value).toBe('2000');
    expect((screen.getByLabelText('New-project limit: Spend per UTC day') as HTMLInputElement).value).toBe('20');

    fireEvent.change(requests, { target: { value: '500' } });
    await waitFor(async () => expect((await spikeAlertSettings.getValue()).newProjectLimits?.requests).toBe(500));
    fireEvent.change(screen.getByLabelText('New-project limit: Spend per UTC day'), { target: { value: '' } });
    await waitFor(async () =>
      expect((await spikeAlertSettings.getValue()).newProjectLimits).toEqual({ spend: null, requests: 500, tokens: 2_000_000 }),
    );
  });

  it('shows the defaults for settings saved before the limits existed', async () => {
    await spikeAlertSettings.setValue({
      enabled: true,
      sensitivity: 'high',
      dailySpendCapsMicros: {},
      signals: { newModel: true, tokensPerRequest: true, newBusyKey: true },
      flagUnlimitedSpend: true,
    });
    render(<SpikeAlertSettings />);
    expect(((await screen.findByLabelText('New-project limit: Tokens per hour')) as HTMLInputElement).value).toBe('2000000');
  });
});

describe('SpikeAlertSettings: signal switches and limit flags', () => {
  it.each([
    ['newModel', /model the project has not used/],
    ['tokensPerRequest', /Tokens per request jump/],
    ['newBusyKey', /key created in the last day/],
  ] as const)('switches the %s signal off and on again, leaving the others', async (signal, label) => {
    render(<SpikeAlertSettings />);
    const box = (await screen.findByLabelText(label)) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(async () => expect((await spikeAlertSettings.getValue()).signals).toEqual({ newModel: true, tokensPerRequest: true, newBusyKey: true, [signal]: false }));
    fireEvent.click(box);
    await waitFor(async () => expect((await spikeAlertSettings.getValue()).signals[signal]).toBe(true));
  });

  it('disables the signal switches with the alerts, but not the popup’s limit flags', async () => {
    render(<SpikeAlertSettings />);
    fireEvent.click(await screen.findByLabelText(/Notify me when/));
    // Disabled through their fieldset (jsdom does not apply a fieldset's disabled to :disabled; browsers do).
    await waitFor(() => expect(screen.getByLabelText(/Tokens per request jump/).closest('fieldset')?.disabled).toBe(true));
    const flags = screen.getByLabelText(/Flag projects that spend with no monthly spend limit/) as HTMLInputElement;
    expect(flags.disabled || flags.closest('fieldset')?.disabled).toBeFalsy();
    expect(flags.checked).toBe(true);
    fireEvent.click(flags);
    await waitFor(async () => expect((await spikeAlertSettings.getValue()).flagUnlimitedSpend).toBe(false));
  });
});

describe('SpikeAlertSettings: dollars through the shared MoneyInput', () => {
  it('stores a daily cap in micro-units, keeps it through text that is no amount, and removes it when emptied', async () => {
    await usageProjects.setValue({ listed: true, projects: [{ id: 'proj_a', name: 'Production', archived: false }] });
    render(<SpikeAlertSettings />);
    const cap = await screen.findByLabelText('Daily spend cap for Production in dollars');
    fireEvent.change(cap, { target: { value: '12.34' } });
    await waitFor(async () => expect((await spikeAlertSettings.getValue()).dailySpendCapsMicros).toEqual({ proj_a: 12_340_000 }));
    fireEvent.change(cap, { target: { value: 'abc' } });
    fireEvent.change(cap, { target: { value: '0' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await spikeAlertSettings.getValue()).dailySpendCapsMicros).toEqual({ proj_a: 12_340_000 });
    fireEvent.change(cap, { target: { value: '' } });
    await waitFor(async () => expect((await spikeAlertSettings.getValue()).dailySpendCapsMicros).toEqual({}));
  });
});
