/**
 * Money as integer micro-units (millionths of the currency's major unit). The API sends
 * dollars as floats; summing those drifts (0.1 + 0.2 !== 0.3), summing integers does not.
 * Micro-units keep the API's sub-cent precision, and a billion dollars is still far below
 * Number.MAX_SAFE_INTEGER.
 */
export type Micros = number;

const MICROS_PER_UNIT = 1_000_000;

export function toMicros(amount: number): Micros {
  return Math.round(amount * MICROS_PER_UNIT);
}

/** Micro-units as a float of the major unit, for an input field or a rough scale (never for sums). */
export function fromMicros(micros: Micros): number {
  return micros / MICROS_PER_UNIT;
}

/** Exact decimal text of micro-units, at least two decimals and no trailing zeros beyond: 1_230_000 → "1.23". */
export function microsToDecimal(micros: Micros): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`Not a whole number of micro-units: ${micros}`);
  const absolute = Math.abs(micros);
  const whole = Math.floor(absolute / MICROS_PER_UNIT);
  const fraction = String(absolute % MICROS_PER_UNIT).padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${micros < 0 ? '-' : ''}${whole}.${fraction}`;
}

/** ISO 4217 codes are uppercase; the API sends "usd". */
export function normalizeCurrency(code: string): string {
  return code.toUpperCase();
}

/**
 * Formats for display only (the one place micros become a float). An amount too small to
 * show in the currency's usual precision reads "<$0.01", not a misleading "$0.00".
 */
export function formatMoney(micros: Micros, currency: string, locale = 'en-US'): string {
  const { format, smallestMicros } = moneyFormat(locale, currency);
  if (micros !== 0 && Math.abs(micros) < smallestMicros / 2) {
    return `${micros < 0 ? '-' : ''}<${format.format(smallestMicros / MICROS_PER_UNIT)}`;
  }
  return format.format(micros / MICROS_PER_UNIT);
}

/**
 * One formatter per locale and currency. Building an Intl.NumberFormat costs far more than
 * formatting with it, and the popup formats hundreds of amounts as it opens (every chart
 * bar, ranking row and limit): built per call, that was most of its first render's script time.
 */
const formats = new Map<string, { format: Intl.NumberFormat; smallestMicros: number }>();

function moneyFormat(locale: string, currency: string) {
  const key = `${locale}|${currency}`;
  let entry = formats.get(key);
  if (!entry) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: normalizeCurrency(currency) });
    entry = { format, smallestMicros: MICROS_PER_UNIT / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    formats.set(key, entry);
  }
  return entry;
}
