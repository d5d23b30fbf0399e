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
