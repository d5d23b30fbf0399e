import { fromMicros, normalizeCurrency, type Micros } from './money';

/**
 * Every amount, count and date the extension shows a person goes through here, in the
 * browser's locale: "$1,234.50" in en-US, "1.234,50 $" in de-DE. Files the extension writes
 * (CSV, manifests, file names) never do: they stay ISO dates and dot decimals.
 *
 * Building an Intl formatter costs far more than formatting with it, and the popup formats
 * hundreds of values as it opens (every chart bar, ranking row and limit), so each kind of
 * formatter is built once per locale (and currency).
 */

/** The browser's locale (its UI language), as extension pages and the worker see it; en-US where none is known. */
export function displayLocale(): string {
  const language = (globalThis as { navigator?: { language?: string } }).navigator?.language;
  return typeof language === 'string' && language !== '' ? language : 'en-US';
}

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = build()));
  return value;
}

const moneyFormats = new Map<string, { format: Intl.NumberFormat; smallestMicros: number }>();

/**
 * Money for display (the one place micros become a float for a person). An amount too
 * small to show in the currency's usual precision reads "<$0.01", not a misleading "$0.00".
 */
export function formatMoney(micros: Micros, currency: string, locale = displayLocale()): string {
  const { format, smallestMicros } = cached(moneyFormats, `${locale}|${currency}`, () => {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: normalizeCurrency(currency) });
    return { format, smallestMicros: 1_000_000 / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
  });
  if (micros !== 0 && Math.abs(micros) < smallestMicros / 2) {
    return `${micros < 0 ? '-' : ''}<${format.format(fromMicros(smallestMicros))}`;
  }
  return format.format(fromMicros(micros));
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** A whole count (tokens, requests): "1,234,567" in en-US, "1.234.567" in de-DE. */
export function formatCount(value: number, locale = displayLocale()): string {
  return cached(countFormats, locale, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

const utcDayFormats = new Map<string, Intl.DateTimeFormat>();

/** A UTC day, by any instant in it (Unix seconds): "9 Dec" in en-GB, "Dec 9" in en-US, "9. Dez." in de-DE. */
export function formatUtcDay(epochSeconds: number, locale = displayLocale()): string {
  return cached(utcDayFormats, locale, () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })).format(
    epochSeconds * 1000,
  );
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the browser's time zone (epoch milliseconds): "Dec 9, 2026", "9. Dez. 2026". */
export function formatDate(epochMs: number, locale = displayLocale()): string {
  return cached(dateFormats, locale, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' })).format(epochMs);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A date and time in the browser's time zone (epoch milliseconds). */
export function formatDateTime(epochMs: number, locale = displayLocale()): string {
  return cached(dateTimeFormats, locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(epochMs);
}
