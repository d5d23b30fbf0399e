import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './harness';

/** The key the fixture Admin API accepts unless a test says otherwise. */
export const FIXTURE_ADMIN_KEY = 'sk-admin-E2eFixtureKey0123456789abcdefXYZW';

/**
 * Pastes a key in the options page and presses Verify and save, as a user would; unless
 * told not to, waits until options says it was verified. Returns the options page.
 */
export async function saveAdminKey(
  context: BrowserContext,
  extensionId: string,
  {
    key = FIXTURE_ADMIN_KEY,
    expectVerified = true,
    timeout,
    page,
  }: { key?: string; expectVerified?: boolean; timeout?: number; /** An options page already open (else a new one). */ page?: Page } = {},
): Promise<Page> {
  const options = page ?? (await context.newPage());
  if (!page) await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Admin key').fill(key);
  await options.getByRole('button', { name: 'Verify and save' }).click();
  if (expectVerified) await expect(options.getByTestId('key-outcome')).toHaveText(/Verified and saved/, { timeout });
  return options;
}
