import { describe, expect, it } from 'vitest';
import { fromMicros, microsToDecimal, normalizeCurrency, toMicros } from './money';

describe('toMicros', () => {
  it('turns float dollars into integers whose sums are exact', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toMicros(0.1) + toMicros(0.2)).toBe(toMicros(0.3));
    const tenDimes = Array.from({ length: 10 }, () => toMicros(0.1)).reduce((a, b) => a + b, 0);
    expect(tenDimes).toBe(1_000_000);
  });

  it('keeps sub-cent precision the API reports', () => {
    expect(toMicros(0.895874)).toBe(895_874);
    expect(toMicros(0.0000015)).toBe(2);
    expect(Number.isInteger(toMicros(1234.5678901))).toBe(true);
  });
});

describe('normalizeCurrency', () => {
  it('uppercases currency codes', () => {
    expect(normalizeCurrency('usd')).toBe('USD');
  });
});

describe('microsToDecimal', () => {
  it('is exact, with at least two decimals', () => {
    expect(microsToDecimal(1_230_000)).toBe('1.23');
    expect(microsToDecimal(1_000_000)).toBe('1.00');
    expect(microsToDecimal(0)).toBe('0.00');
    expect(microsToDecimal(123)).toBe('0.000123');
    expect(microsToDecimal(-1_500_001)).toBe('-1.500001');
    expect(microsToDecimal(9_007_199_254_740_991)).toBe('9007199254.740991');
  });

  it('refuses fractions of a micro-unit', () => {
    expect(() => microsToDecimal(0.5)).toThrow(RangeError);
  });
});

describe('fromMicros', () => {
  it('is the amount in the major unit', () => {
    expect(fromMicros(12_500_000)).toBe(12.5);
    expect(fromMicros(toMicros(0.1))).toBe(0.1);
  });
});
