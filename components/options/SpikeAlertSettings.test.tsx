import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { spikeAlertSettings } from '../../lib/settings/settings';
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
