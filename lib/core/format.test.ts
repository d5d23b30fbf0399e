import { describe, expect, it } from 'vitest';
import { displayLocale, formatCount, formatDate, formatMoney, formatUtcDay } from './format';

// Intl's own output for a locale, so the expectations hold whatever ICU spaces it with.
const intlMoney = (amount: number, currency: string, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);

describe('formatMoney', () => {
  it("formats in the given currency, accepting the API's lowercase code", () => {
    expect(formatMoney(1_234_567_891, 'usd', 'en-US')).toBe('$1,234.57');
    expect(formatMoney(300_000, 'USD', 'en-US')).toBe('$0.30');
    expect(formatMoney(0, 'usd', 'en-US')).toBe('$0.00');
    expect(formatMoney(12_000_000, 'eur', 'en-US')).toBe('€12.00');
  });

  it('says "<$0.01" for spend too small to show rather than "$0.00"', () => {
    expect(formatMoney(1_200, 'usd', 'en-US')).toBe('<$0.01');
    expect(formatMoney(-1_200, 'usd', 'en-US')).toBe('-<$0.01');
    expect(formatMoney(5_000, 'usd', 'en-US')).toBe('$0.01');
  });

  it("uses the currency's own precision", () => {
    expect(formatMoney(1_500_000_000, 'jpy', 'en-US')).toBe('¥1,500');
    expect(formatMoney(400_000, 'jpy', 'en-US')).toBe('<¥1');
  });

  it("follows the locale's separators and symbol position", () => {
    expect(formatMoney(1_234_567_891, 'usd', 'de-DE')).toBe(intlMoney(1234.57, 'USD', 'de-DE'));
    expect(formatMoney(1_234_567_891, 'usd', 'de-DE')).toMatch(/^1\.234,57\s\$$/);
    expect(formatMoney(1_200, 'usd', 'de-DE')).toBe(`<${intlMoney(0.01, 'USD', 'de-DE')}`);
  });
});

describe('formatCount, formatUtcDay, formatDate', () => {
  it('group digits by locale', () => {
    expect(formatCount(1_234_567, 'en-US')).toBe('1,234,567');
    expect(formatCount(1_234_567, 'de-DE')).toBe('1.234.567');
  });

  it('write the UTC day whatever the time zone, in the locale', () => {
    // 23:30 UTC on 9 December: already the 10th east of UTC, still the 9th in UTC.
    const lateOnThe9th = Date.UTC(2026, 11, 9, 23, 30) / 1000;
    expect(formatUtcDay(lateOnThe9th, 'en-US')).toBe('Dec 9');
    expect(formatUtcDay(lateOnThe9th, 'en-GB')).toBe('9 Dec');
    expect(formatUtcDay(lateOnThe9th, 'de-DE')).toBe('9. Dez.');
  });

  it('write a calendar date in the locale', () => {
    const noon = Date.UTC(2028, 1, 29, 12);
    expect(formatDate(noon, 'de-DE')).toBe(new Intl.DateTimeFormat('de-DE', { year: 'numeric', month: 'short', day: 'numeric' }).format(noon));
  });
});

describe('displayLocale', () => {
  it("is the browser's language", () => {
    expect(displayLocale()).toBe(navigator.language);
  });
});
