import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPIRY_WARNING_MS, KeyExpiryWarning, keyExpiryText } from './KeyExpiryWarning';

afterEach(cleanup);

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;

describe('key expiry warning', () => {
  it('says nothing when the key does not expire, OpenAI did not say, or the date is more than two weeks away', () => {
    expect(keyExpiryText(null, NOW)).toBeNull();
    expect(keyExpiryText(NOW + EXPIRY_WARNING_MS + 1, NOW)).toBeNull();
    render(<KeyExpiryWarning expiresAt={NOW + 30 * DAY} now={NOW} />);
    expect(screen.queryByTestId('key-expiry-warning')).toBeNull();
  });

  it('warns from two weeks before, with the days left', () => {
    expect(keyExpiryText(NOW + 14 * DAY, NOW)).toMatch(/expires on .*2026.*\(in 14 days\)/);
    render(<KeyExpiryWarning expiresAt={NOW + 5 * DAY} now={NOW} />);
    expect(screen.getByTestId('key-expiry-warning').textContent).toMatch(/\(in 5 days\)\. Create a new one and save it in options/);
    expect(screen.getByRole('link', { name: 'Admin keys' }).getAttribute('href')).toBe(
      'https://platform.openai.com/settings/organization/admin-keys',
    );
  });

  it('says so once the key has expired', () => {
    expect(keyExpiryText(NOW - DAY, NOW)).toMatch(/^The admin key expired on .*: the figures stop updating/);
  });
});
